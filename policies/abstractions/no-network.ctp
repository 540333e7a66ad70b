# No network: no IPv4 or IPv6 socket, and no netlink one (the kernel's
# interface for routes, addresses and firewalls; with no network there is
# nothing to ask it).  Every operation, on sockets created here or passed in.
# Unix sockets stay: they reach only what shares a file or an abstract name
# with the container.  Together with no-escape.ctp, which refuses every other
# family, unix is the only one left.
# Include it inside a profile.

deny net all inet
deny net all inet6
deny net all netlink
