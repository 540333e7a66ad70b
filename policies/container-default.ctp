# container-default: the profile for a container of any image, when nothing
# more is known about it.  Attach it to the container's cgroup as it is, or
# start a tighter profile of your own from its rules: 'default deny' and
# abstractions/container.ctp, completed by ctrpol learn (docs/profiles.md).
#
# It allows what a container does: run the image's programs, read and write
# its own files (data directories, /tmp, /var, /run, most of /etc), talk
# over TCP, UDP, ICMP datagram sockets and Unix sockets, signal and trace
# its own processes, drop from root to a user.
#
# It refuses what Docker's default AppArmor profile refuses (docker-default):
# mounts; writes to /proc outside /proc/PID and to /sys; sysrq-trigger and
# kcore; /sys/firmware and /sys/kernel/security; signals and ptrace across
# the container's boundary.  And, stricter, what the container literature
# (Docker's seccomp profile and capability set, runc's masked paths, the
# escapes that worked) says a container never needs:
#   - capabilities beyond Docker's default set, whatever the runtime grants;
#   - the kernel's surfaces: module loading and autoloading, bpf(), perf,
#     new user namespaces, keyrings, the kernel log;
#   - becoming root again, and gaining privilege from setuid programs;
#   - raw and packet sockets, and every address family but unix, inet,
#     inet6 and netlink;
#   - writing any of /proc/sys (kernel.shm* too), /sys/fs/cgroup, a cgroup v1
#     release_agent; reading kernel memory, symbols, keys, timer and energy
#     side channels;
#   - changing the image's programs and libraries (/usr, /bin, /sbin, /lib*)
#     and the files of /etc that make root or load code (passwd, shadow,
#     sudoers, PAM, ld.so.preload...).
# docs/profiles.md compares it with docker-default rule by rule.
#
# It is for running containers, not for image builds (package managers
# write /usr and /etc).  Attach it on exec, as ctrpol oci-hook does (or
# ctrpol attach --on-exec): the runtime's own set-up of the container (its
# mounts, pivot_root, sysctls) comes before the container's first execve and
# is not the profile's to judge; attached at once, it would refuse it.
profile container-default {
    mode enforce
    default allow

    # Every rule is in the fragment, shared with offline.ctp: no-escape.ctp,
    # kernel-files.ctp, read-only-system.ctp and the capabilities.
    include "abstractions/container.ctp"
}
