# The host kernel's files: /proc outside each process's own directory,
# /sys, and the device nodes of kernel memory.  A container shares them with
# the host (only a few are namespaced), so writing them changes the host, and
# some leak what the kernel should keep (addresses, timing, energy use).
# Docker's default AppArmor profile denies these writes, and its runtime
# masks the reads; this is the same, and stricter where noted.
# Include it inside a profile.

# /proc: writes only in /proc/PID (a process's own settings: oom_score_adj,
# attr...).  Refused: the files directly in /proc (sysrq-trigger, kmsg...)
# and every other directory: sys (core_pattern, modprobe... and, stricter
# than Docker, kernel.shm*: set sysctls with the runtime), irq, bus, fs,
# driver, tty, sysvipc, pressure.
deny write,append,create,delete,rename,link,setattr  /proc/*
deny write,append,create,delete,rename,link,setattr  /proc/[!0-9]*/**

# ... and not even read: kernel memory and symbols, the kernel log, keys,
# scheduler and timer internals (what runc masks), the page maps.
deny all  /proc/{kcore,kallsyms,kmsg,keys,key-users,sysrq-trigger}
deny all  /proc/{timer_list,sched_debug,latency_stats,kpagecount,kpageflags,kpagecgroup}
deny all  /proc/{acpi,asound,scsi}/**

# /sys: read-only, all of it (stricter than Docker, which lets a container
# write its cgroup files: a container here does not manage cgroups).
deny write,append,create,delete,rename,link,setattr  /sys/**
# Not even read: firmware tables, the LSMs' and the debug and tracing
# filesystems, and the RAPL energy counters (a side channel: PLATYPUS,
# CVE-2020-8694).
deny all  /sys/{firmware,kernel/security,kernel/debug,kernel/tracing}/**
deny all  /sys/devices/virtual/powercap/**

# cgroup v1's release_agent runs a program of the container's choosing as the
# host's root when the cgroup empties, wherever the hierarchy is mounted.
deny write,append,create  /**/release_agent

# Physical and kernel memory, and I/O ports.
deny all  /dev/{mem,kmem,port}
