#!/bin/sh
# Build the VM kernel out of tree, with ccache when present.
# Usage: scripts/kernel-build.sh [--debug]
#   --debug: the debug kernel (KASAN, UBSAN, lockdep, kmemleak) of `make
#   check-debug`: scripts/kernel-debug.config on top, into build/kernel-debug.
# Environment: KSRC (default: Debian's linux-source-6.12, unpacked into build/),
#              KOUT (default: build/kernel, or build/kernel-debug),
#              KCONFIG (default: the node kernel, NODE_FRAGMENTS below),
#              KCONFIG_EXTRA (fragments merged on top of it, in order; default:
#              none, or scripts/kernel-debug.config)
set -eu

project=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz
ksrc=${KSRC:-$project/build/linux-source-6.12}
case ${1:-} in
--debug)
	kout=${KOUT:-$project/build/kernel-debug}
	extra=${KCONFIG_EXTRA-$project/scripts/kernel-debug.config}
	;;
'')
	kout=${KOUT:-$project/build/kernel}
	extra=${KCONFIG_EXTRA:-}
	;;
*)
	echo "usage: $0 [--debug]" >&2
	exit 2
	;;
esac
# The node kernel, the one kernel every suite boots (docs/testing.md): the
# tree's hardening and KVM guest fragments, a container host's needs, then
# what the tests need; a later fragment wins where two disagree.
fragment=${KCONFIG:-"$ksrc/kernel/configs/hardening.config $ksrc/arch/x86/configs/hardening.config \
$ksrc/kernel/configs/kvm_guest.config $project/scripts/kernel-node.config \
$project/scripts/kernel-vm.config"}

die() {
	echo "kernel-build: $*" >&2
	exit 1
}

if [ -z "${KSRC:-}" ] && [ ! -f "$ksrc/Makefile" ]; then
	[ -f "$tarball" ] || die "$tarball missing: run scripts/deps.sh (package linux-source-6.12) or set KSRC"
	echo "kernel-build: unpacking $tarball"
	mkdir -p "$(dirname "$ksrc")"
	tar -xf "$tarball" -C "$(dirname "$ksrc")"
fi
"$project/scripts/kernel-integrate.sh" "$ksrc"

cc=gcc
if command -v ccache >/dev/null 2>&1; then
	cc="ccache gcc"
	# Paths below the project are hashed relative to it, so every clone shares the cache.
	CCACHE_BASEDIR=$project
	CCACHE_NOHASHDIR=1
	export CCACHE_BASEDIR CCACHE_NOHASHDIR
fi
kmake() {
	make -s --no-print-directory -C "$ksrc" O="$kout" CC="$cc" HOSTCC="$cc" -j"$(nproc)" "$@"
}

for f in $fragment $extra; do
	[ -f "$f" ] || die "$f missing"
done
stale=
if [ ! -f "$kout/.config" ]; then
	stale=1
else
	for f in $fragment $extra; do
		if [ "$f" -nt "$kout/.config" ]; then stale=1; fi
	done
fi

mkdir -p "$kout"
if [ -n "$stale" ]; then
	kmake tinyconfig >/dev/null
	# shellcheck disable=SC2086 # $fragment and $extra are lists of files
	"$ksrc/scripts/kconfig/merge_config.sh" -m -O "$kout" "$kout/.config" $fragment $extra >/dev/null
	kmake olddefconfig >/dev/null
	# Every line must take: CONFIG_X=v as written, "# CONFIG_X is not set" as
	# unset.  Where fragments disagree, the later one's line is the one checked.
	# shellcheck disable=SC2086
	missing=$(sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/\1 &/p' \
		-e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1 &/p' $fragment $extra |
		awk '{ name = $1; sub(/^[^ ]* /, ""); last[name] = $0; if (!(name in seen)) { seen[name] = 1; order[++n] = name } }
		     END { for (i = 1; i <= n; i++) print last[order[i]] }' |
		while read -r line; do
			case $line in
			"# "*)
				name=${line#"# "}
				name=${name%" is not set"}
				if grep -q "^$name=" "$kout/.config"; then echo "$line"; fi
				;;
			*) grep -qxF "$line" "$kout/.config" || echo "$line" ;;
			esac
		done)
	if [ -n "$missing" ]; then
		rm -f "$kout/.config"
		die "options of $fragment $extra that did not take (check their dependencies):
$missing"
	fi
fi
kmake bzImage
echo "kernel-build: $kout/arch/x86/boot/bzImage"
