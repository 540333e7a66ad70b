#!/bin/sh
# Build the VM kernel out of tree, with ccache when present.
# Usage: scripts/kernel-build.sh
# Environment: KSRC (default: Debian's linux-source-6.12, unpacked into build/),
#              KOUT (default: build/kernel), KCONFIG (default: scripts/kernel-vm.config)
set -eu

project=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz
ksrc=${KSRC:-$project/build/linux-source-6.12}
kout=${KOUT:-$project/build/kernel}
fragment=${KCONFIG:-$project/scripts/kernel-vm.config}

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

mkdir -p "$kout"
if [ ! -f "$kout/.config" ] || [ "$fragment" -nt "$kout/.config" ]; then
	kmake tinyconfig >/dev/null
	"$ksrc/scripts/kconfig/merge_config.sh" -m -O "$kout" "$kout/.config" "$fragment" >/dev/null
	kmake olddefconfig >/dev/null
	missing=$(grep '^CONFIG_' "$fragment" | while read -r line; do
		grep -qxF "$line" "$kout/.config" || echo "$line"
	done)
	if [ -n "$missing" ]; then
		rm -f "$kout/.config"
		die "options of $fragment that did not take (check their dependencies):
$missing"
	fi
fi
kmake bzImage
echo "kernel-build: $kout/arch/x86/boot/bzImage"
