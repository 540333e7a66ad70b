# Every construct of the language, once each form; `ctrpol dump` shows them
# as the kernel will see them.
@{RUN} = /run /var/run

profile all-constructs {
    mode enforce
    default deny

    # files and capabilities
    allow read,write            @{RUN}/app/**
    audit allow exec            /usr/bin/app
    allow cap net_bind_service, CAP_SETUID

    # network: families, types, protocols, addresses, ports
    allow net create            stream tcp
    allow net create            unix
    allow net create,send       netlink route
    allow net create            inet6 dgram icmpv6
    allow net bind,listen       tcp port 8080
    allow net connect           inet tcp 10.0.0.0/8 port 443
    allow net connect           udp 2001:db8::/32 port 53
    allow net connect           inet6 ::1 port 5432-5439
    allow net send              dgram proto 17 192.0.2.1
    audit deny net connect      tcp 169.254.169.254
    deny net create             packet
    deny net create             inet raw

    # mounts: "/" FSTYPE PATH, matched by one DFA
    allow mount mount           fstype tmpfs,mqueue on /tmp/**
    allow mount umount          on /tmp/**
    allow mount remount         fstype proc on "/proc"
    deny mount bind,move        on @{RUN}/**
    deny mount pivot_root

    # peers outside the container
    allow ptrace read           peer monitor
    allow signal                peer supervisor
    allow signal hup,SIGTERM,usr1 peer unconfined
    audit deny ptrace trace     peer unconfined
    allow signal 34,64          peer monitor

    # kernel surfaces and privileges
    deny kernel                 module_load, module_request, bpf
    audit deny kernel           perf,userns,keyctl,syslog
    deny privilege              root
    audit allow privilege       setuid_exec
}
