#!/bin/sh
# What `make demo` shows inside the VM.  Each step prints the command it runs.
step() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}

echo
echo "=== ctrpol demo: a 6.12 kernel with the ctrpol LSM, booted in QEMU ==="
step cat /sys/kernel/security/lsm
echo
step ctrpol version
step ctrpol status
echo
echo "--- an unprivileged user may not query the LSM:"
step su -s /bin/sh nobody -c 'ctrpol status'
echo "(exit status $?)"
echo
echo "--- and the LSM counted the attempt:"
step ctrpol status
echo
echo "--- a container: a cgroup of its own, confined by policies/web.ctp"
mkdir -p /srv/www /sys/fs/cgroup/web
echo '<h1>hello</h1>' >/srv/www/index.html
echo 'root:*:19000:0:99999:7:::' >/etc/shadow
step ctrpol load /etc/ctrpol/policies/web.ctp
step ctrpol attach web --cgroup /sys/fs/cgroup/web
echo
echo "--- inside it, as root, each command is mediated:"
# The shell moves itself into the cgroup first, as a container runtime would.
in_web() {
	printf '\n\033[1mweb# %s\033[0m\n' "$1"
	sh -c "echo \$\$ >/sys/fs/cgroup/web/cgroup.procs && $1"
	echo "(exit status $?)"
}
in_web 'cat /srv/www/index.html'
in_web 'echo defaced >/srv/www/index.html'
in_web 'cat /etc/shadow'
in_web 'echo "|/tmp/x" >/proc/sys/kernel/core_pattern'
in_web 'echo $$ >/sys/fs/cgroup/cgroup.procs'
echo
echo "--- the host is untouched, and sees what the profile decided:"
step cat /etc/shadow
step ctrpol list
echo
echo "=== end of demo ==="
