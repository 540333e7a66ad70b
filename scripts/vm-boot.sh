#!/bin/sh
# Boot the built kernel and initramfs in QEMU.
# Usage: scripts/vm-boot.sh --tests NAME,NAME [--append "ARGS"] [--label L] [--disk IMG]
#        scripts/vm-boot.sh --demo
# --disk IMG: boot IMG (the node image, scripts/node-image.sh) as the root
# filesystem on virtio, instead of the initramfs, writes kept off it
# (snapshot); its tests/node/run plays the part of scripts/vm-init.
# Test mode prints the guest's TAP on stdout, plus a "not ok" line when the
# guest did not finish in time, a test never reported its end, or the console
# or the kernel log (dumped by the guest at the end) shows a kernel problem.
# Exits non-zero whenever it printed a "not ok" line or the guest did.
# Environment: KIMAGE, INITRAMFS, VM_TIMEOUT (seconds, default 300),
#              VM_MEM (guest MiB, default 512; the debug kernel wants more),
#              VM_APPEND (added to every boot's kernel command line),
#              VM_QEMU_OPTS (more qemu options, split at blanks: make bench's
#              "-icount shift=0,sleep=off", see docs/benchmarks.md),
#              VM_LOCK (a file: boot only while holding it, flock(1), so
#              that checkouts sharing a machine boot one guest at a time).
set -eu
if [ -n "${VM_LOCK:-}" ] && [ -z "${VM_LOCK_HELD:-}" ]; then
	VM_LOCK_HELD=1 exec flock "$VM_LOCK" "$0" "$@"
fi

project=$(cd "$(dirname "$0")/.." && pwd)
kimage=${KIMAGE:-$project/build/kernel/arch/x86/boot/bzImage}
initramfs=${INITRAMFS:-$project/build/vm/initramfs.cpio.gz}
timeout=${VM_TIMEOUT:-300}
mem=${VM_MEM:-512}
vmdir=$project/build/vm
# What a kernel prints when something went wrong; CI fails on any of it.
problems='BUG:|WARNING:|Oops|KASAN|UBSAN|lockdep|circular locking|INFO: |Kernel panic|Call Trace:'
# Lines that match but are no problem: what a debug kernel (PROVE_RCU) says
# at every boot.  Exact lines, so that nothing else slips through.
benign='^\[ *[0-9]+\.[0-9]+\] rcu:[[:space:]]+RCU lockdep checking is enabled\.$'
# The problem lines of the logs named, if any.
problem_lines() {
	cat -- "$@" | tr -d '\r' | grep -Ev "$benign" | grep -E "$problems"
}

mode= append=${VM_APPEND:-} label=vm disk=''
while [ $# -gt 0 ]; do
	case $1 in
	--tests) mode=tests; tests=$2; shift ;;
	--disk) disk=$2; shift ;;
	--demo) mode=demo ;;
	--append) append="$append $2"; shift ;;
	--label) label=$2; shift ;;
	*) echo "usage: $0 --tests NAMES [--append ARGS] [--label L] [--disk IMG] | --demo" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$mode" ] || { echo "usage: $0 --tests NAMES [--append ARGS] [--label L] [--disk IMG] | --demo" >&2; exit 2; }
if [ -n "$disk" ]; then
	media="-drive file=$disk,format=raw,if=virtio,snapshot=on"
	append="root=/dev/vda rw $append"
	root=$disk
else
	media="-initrd $initramfs"
	root=$initramfs
fi
for f in "$kimage" "$root"; do
	[ -f "$f" ] || { echo "vm-boot: $f missing: run 'make kernel initramfs' (or make node-image)" >&2; exit 1; }
done
command -v qemu-system-x86_64 >/dev/null ||
	{ echo "vm-boot: qemu-system-x86_64 missing: run scripts/deps.sh" >&2; exit 1; }

# KVM hangs at "Booting from ROM" on some hosts (these among them): use it
# only where a probe boot finished in time.  The verdict is cached per host,
# kernel and QEMU, outside the repository.  CTRPOL_VM_ACCEL=tcg|kvm overrides.
accel() {
	if [ -n "${CTRPOL_VM_ACCEL:-}" ]; then
		echo "$CTRPOL_VM_ACCEL"
		return
	fi
	if ! [ -r /dev/kvm ] || ! [ -w /dev/kvm ]; then
		echo tcg
		return
	fi
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/ctrpol/kvm-$(uname -r)-$(qemu-system-x86_64 --version | head -1 | tr -cd '0-9.')
	# The probe boots the initramfs: without one (a node boot first), no KVM.
	if [ ! -f "$cache" ] && [ ! -f "$initramfs" ]; then
		echo tcg
		return
	fi
	if [ ! -f "$cache" ]; then
		mkdir -p "$(dirname "$cache")"
		probe=$vmdir/kvm-probe.tap
		rm -f "$probe"
		timeout -k 2 20 qemu-system-x86_64 -accel kvm -m 512 -smp 2 -display none \
			-monitor none -no-reboot -kernel "$kimage" -initrd "$initramfs" \
			-serial null -serial "file:$probe" -append "console=ttyS0 ctrpol.tests=" \
			>/dev/null 2>&1 || true
		if grep -q '^# ctrpol-vm: done' "$probe" 2>/dev/null; then echo kvm; else echo tcg; fi >"$cache"
	fi
	cat "$cache"
}

# VM_QEMU_OPTS is split into words on purpose.
# shellcheck disable=SC2086
qemu() {
	timeout -k 5 "$timeout" qemu-system-x86_64 -accel "$accel" \
		-m "$mem" -smp 2 -display none -monitor none -no-reboot \
		-kernel "$kimage" $media ${VM_QEMU_OPTS:-} "$@"
}

mkdir -p "$vmdir"
accel=$(accel)
console=$vmdir/console-$label.log
# The guest's whole kernel log (/dev/ttyS2), whatever the console's loglevel
# let through; 4 MiB of ring buffer keep a whole suite's.
klog=$vmdir/kernel-$label.log
rm -f "$klog"
klog_append="log_buf_len=4M"
if [ "$mode" = demo ]; then
	qemu -serial stdio -serial null -serial "file:$klog" \
		-append "console=ttyS0 panic=-1 loglevel=3 $klog_append ctrpol.demo $append" |
		tee "$console"
	! problem_lines "$console" "$klog" >/dev/null
	exit
fi

results=$vmdir/results-$label.tap
rm -f "$results"
rc=0
qemu -serial "file:$console" -serial "file:$results" -serial "file:$klog" \
	-append "console=ttyS0 panic=-1 $klog_append ctrpol.tests=$tests $append" \
	>/dev/null 2>&1 || rc=$?
touch "$results" "$klog"
tr -d '\r' <"$results" | grep -v '^# ctrpol-vm: done$' || true
status=0
if ! grep -q '^# ctrpol-vm: done' "$results"; then
	echo "not ok - $label: the guest did not finish (qemu exit $rc; timeout ${timeout}s); see $console"
	status=1
else
	[ -s "$klog" ] || { echo "not ok - $label: the guest sent no kernel log"; status=1; }
	for t in $(echo "$tests" | tr , ' '); do
		grep -q "^# tap-run: end $t: " "$results" ||
			{ echo "not ok - $label: $t never reported its end"; status=1; }
	done
fi
if problem_lines "$console" "$klog" >/dev/null; then
	echo "not ok - $label: the kernel reported a problem; see $console and $klog:"
	problem_lines "$console" "$klog" | head -5 | sed 's/^/#   /'
	status=1
fi
grep -q '^not ok' "$results" && status=1
exit $status
