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
echo "=== end of demo ==="
