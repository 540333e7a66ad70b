# What a container never needs and an escape usually does: mounts, the
# kernel's attack surface (modules, BPF, perf, user namespaces, keyrings,
# the kernel log), raw and packet sockets, and reaching the host's tasks.
# Deny wins: a profile that includes this cannot allow them back.
# Include it inside a profile.

deny mount all

deny kernel all

deny net create inet raw
deny net create inet6 raw
deny net create packet

# Tasks outside the container are out of reach unless a rule allows them;
# these make sure no rule does, for the host's own (unconfined) tasks.
deny ptrace all peer unconfined
deny signal peer unconfined
