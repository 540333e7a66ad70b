# The default container profile: for any image, what container runtimes'
# own defaults keep from a container (Docker's default AppArmor and seccomp
# profiles), everything else allowed.  Attach it to a container's cgroup,
# or start from it for a profile of your own (see web.ctp for default deny).
profile container {
    mode enforce
    default allow
    include "abstractions/no-escape.ctp"

    # Knobs of the host's kernel that /proc and /sys expose to anyone root
    deny write,append,create,delete,setattr  /proc/sys/**
    deny write,append                        /proc/{sysrq-trigger,kcore,kmem,mem,kallsyms,timer_list}
    deny read                                /proc/{kcore,kmem,mem,kallsyms}
    deny write,append,create,delete,setattr  /sys/**
    deny all                                 /sys/kernel/security/**
    # cgroup v1's release_agent runs a program of the container's choosing as the host's root
    deny write,append,create                 /**/release_agent

    # Capabilities no container needs, whatever its runtime grants
    deny cap sys_module, sys_rawio, sys_boot, sys_time, sys_ptrace, syslog, mac_admin
    deny cap mac_override, audit_control, audit_read, wake_alarm, block_suspend, bpf, perfmon

    # Setuid programs run without their privilege; root stays root, and no one gets it back
    deny privilege setuid_exec
}
