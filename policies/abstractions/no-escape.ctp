# What a container never needs and an escape usually does: mounts, the
# kernel's attack surface (modules, BPF, perf, user namespaces, keyrings,
# the kernel log), becoming root again, sockets below the IP layer and of
# rarely used families, and reaching the host's tasks.
# Deny wins: a profile that includes this cannot allow them back.
# Include it inside a profile; every shipped profile does.

# Mounts: mount, bind, move, remount, umount and pivot_root, anywhere.  A
# container's mounts are the runtime's business, done before it starts.
deny mount all

# The kernel's own attack surface (docs/policy-language.md, "Kernel
# surfaces"): loading modules (and kexec), autoloading them, bpf(),
# perf_event_open(), new user namespaces (where unprivileged users reach
# code written for root), keyrings, the kernel log.
deny kernel all

# Privilege: no becoming uid 0 where the task was not (seteuid(0) after
# dropping, setuid(0) from a saved uid), and set-user-ID, set-group-ID and
# file-capability programs run without what they would grant.  Dropping
# privilege (root to a user) stays allowed.
deny privilege all

# Sockets that bypass the IP stack's checks: raw IP (forged packets;
# ICMP datagram sockets, which ping uses, stay allowed) and packet sockets
# (CVE-2016-8655, CVE-2017-7308, CVE-2020-14386 were escapes through them).
deny net create inet raw
deny net create inet6 raw
deny net create packet

# Address families a container has no use for: every one but unix, inet,
# inet6, netlink (and packet, above): hardware, legacy and niche protocols
# whose kernel code has been the way in (rds CVE-2010-3904, can
# CVE-2021-3609, tipc CVE-2021-43267, vsock CVE-2021-26708 and
# CVE-2024-50264, alg CVE-2019-8912, llc, x25, rose, netrom...), and which
# no container workload speaks.
deny net create ax25
deny net create ipx
deny net create appletalk
deny net create netrom
deny net create bridge
deny net create atmpvc
deny net create x25
deny net create rose
deny net create decnet
deny net create netbeui
deny net create security
deny net create key
deny net create ash
deny net create econet
deny net create atmsvc
deny net create rds
deny net create sna
deny net create irda
deny net create pppox
deny net create wanpipe
deny net create llc
deny net create ib
deny net create mpls
deny net create can
deny net create tipc
deny net create bluetooth
deny net create iucv
deny net create rxrpc
deny net create isdn
deny net create phonet
deny net create ieee802154
deny net create caif
deny net create alg
deny net create nfc
deny net create vsock
deny net create kcm
deny net create qipcrtr
deny net create smc
deny net create xdp
deny net create mctp

# Tasks outside the container are out of reach unless a rule allows them;
# these make sure no rule does, for the host's own (unconfined) tasks.
deny ptrace all peer unconfined
deny signal peer unconfined
