# offline: a container that must not reach any network: a build or test
# step, a converter, a job over data that must not leave the machine.
#
# It allows what container-default.ctp allows, Unix sockets included (a
# job's own helper processes, a database over its socket file).
#
# It refuses what container-default.ctp refuses and every other socket: IPv4
# and IPv6 of every protocol, netlink (the kernel's configuration channel:
# programs that list interfaces get EACCES and must cope), and every other
# family.  Each operation is refused, not just socket(): a socket passed in
# by the runtime cannot bind, connect, listen or send to an address either.
# Processes are no less able to read and write files than under
# container-default: keep secrets out of reach with the mounts.
profile offline {
    mode enforce
    default allow

    # container-default's rules: no-escape.ctp, kernel-files.ctp,
    # read-only-system.ctp and the capabilities.
    include "abstractions/container.ctp"

    # And no network: inet, inet6 and netlink; no-escape.ctp refuses the rest.
    include "abstractions/no-network.ctp"
}
