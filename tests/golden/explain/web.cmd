../../policies/web.ctp read /srv/www/index.html
../../policies/web.ctp write /srv/www/index.html
../../policies/web.ctp read /etc/shadow
../../policies/web.ctp exec /bin/busybox
../../policies/web.ctp write /proc/sys/kernel/core_pattern
../../policies/web.ctp cap net_bind_service
../../policies/web.ctp cap sys_admin
dump/complain.ctp exec /tmp/x
../../policies/web.ctp frob /x
../../policies/web.ctp read etc/passwd
../../policies/web.ctp all /etc/hosts
../../policies/web.ctp net create inet stream tcp
../../policies/web.ctp net create inet6 stream
../../policies/web.ctp net create inet dgram udp
../../policies/web.ctp net create inet raw icmp
../../policies/web.ctp net bind inet stream tcp port 80
../../policies/web.ctp net bind inet6 stream tcp ::1 port 8080
../../policies/web.ctp net connect tcp 192.0.2.1 port 443
../../policies/web.ctp net create unix stream
../../policies/web.ctp net connect tcp 10.0.0.0/8 port 443
../../policies/web.ctp net frob inet
../../policies/web.ctp mount mount tmpfs /tmp
../../policies/web.ctp mount bind ext4 /srv/www
../../policies/web.ctp signal term unconfined
../../policies/web.ctp signal SIGHUP peer web
../../policies/web.ctp ptrace read unconfined
../../policies/web.ctp ptrace attach unconfined
../../policies/web.ctp kernel bpf
../../policies/web.ctp kernel module_load
../../policies/web.ctp privilege root
../../policies/web.ctp privilege setuid_exec
../../policies/web.ctp kernel root
dump/all_constructs.ctp net connect inet stream 169.254.169.254 port 80
dump/all_constructs.ctp net connect tcp 10.20.30.40 port 443
dump/all_constructs.ctp net send netlink raw route
dump/all_constructs.ctp mount mount mqueue /tmp/mq
dump/all_constructs.ctp mount umount ext4 /tmp/x
dump/all_constructs.ctp signal usr1 unconfined
dump/all_constructs.ctp signal 64 peer monitor
dump/all_constructs.ctp ptrace trace unconfined
dump/all_constructs.ctp privilege setuid_exec
dump/all_constructs.ctp append /run/app/log
dump/all_constructs.ctp mmap_exec /usr/bin/app
