../../policies/container-default.ctp write /etc/hosts
../../policies/container-default.ctp write /etc/ld.so.preload
../../policies/container-default.ctp create /usr/local/bin/tool
../../policies/container-default.ctp write /proc/1234/oom_score_adj
../../policies/container-default.ctp write /proc/sys/kernel/shmmax
../../policies/container-default.ctp write /sys/fs/cgroup/cgroup.procs
../../policies/container-default.ctp read /sys/devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj
../../policies/container-default.ctp cap net_bind_service
../../policies/container-default.ctp cap sys_admin
../../policies/container-default.ctp net create inet dgram icmp
../../policies/container-default.ctp net create vsock stream
../../policies/container-default.ctp privilege root
../../policies/offline.ctp net create unix stream
../../policies/offline.ctp net connect inet6 stream tcp ::1 port 5432
../../policies/offline.ctp net create netlink raw route
../../policies/batch.ctp read /data/in/2026/input.csv
../../policies/batch.ctp write /data/in/2026/input.csv
../../policies/batch.ctp rename /data/out/report.tmp
../../policies/batch.ctp exec /data/out/report.sh
../../policies/batch.ctp create /tmp/scratch
../../policies/batch.ctp net create unix stream
../../policies/web.ctp append /var/log/httpd/access.log
../../policies/web.ctp write /var/log/httpd/access.log
../../policies/web.ctp read /etc/httpd.conf
