# What a container of any image is refused: the rules of container-default.ctp,
# shared with the profiles built on it (offline.ctp).  For profiles with
# 'default allow': everything else is allowed.
# Include it inside a profile.

include "no-escape.ctp"
include "kernel-files.ctp"
include "read-only-system.ctp"

# Capabilities: none beyond Docker's default set (chown, dac_override,
# fowner, fsetid, kill, setgid, setuid, setpcap, setfcap, net_bind_service,
# sys_chroot, audit_write; Docker's net_raw and mknod are refused here too),
# whatever the runtime grants: a container started with --cap-add or
# --privileged is still held to it.
# Administration of the host: mounts, namespaces, devices, firewalls, time...
deny cap sys_admin, net_admin, sys_module, sys_rawio, sys_boot, sys_time, sys_tty_config
deny cap sys_pacct, sys_resource, sys_nice, ipc_lock, ipc_owner, lease, linux_immutable
deny cap net_broadcast, wake_alarm, block_suspend, checkpoint_restore
# Reading past file permissions by handle (the "shocker" escape), tracing
# any process, the kernel log, BPF and perf, the LSMs and audit.
deny cap dac_read_search, sys_ptrace, syslog, bpf, perfmon
deny cap mac_admin, mac_override, audit_control, audit_read
# Raw and packet sockets (refused in no-escape.ctp anyway) and device nodes.
deny cap net_raw, mknod
