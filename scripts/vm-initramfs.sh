#!/bin/sh
# Build the guest's initramfs: busybox, our /init, ctrpol with its libraries,
# the guest tests and the demo.
# Usage: scripts/vm-initramfs.sh OUT.cpio.gz CTRPOL [TEST...]
set -eu

[ $# -ge 2 ] || { echo "usage: $0 OUT.cpio.gz CTRPOL [TEST...]" >&2; exit 2; }
project=$(cd "$(dirname "$0")/.." && pwd)
out=$1
ctrpol=$2
shift 2
busybox=/bin/busybox
[ -x "$busybox" ] && "$busybox" --list >/dev/null 2>&1 ||
	{ echo "vm-initramfs: $busybox missing: run scripts/deps.sh (package busybox-static)" >&2; exit 1; }
ldd "$busybox" >/dev/null 2>&1 &&
	{ echo "vm-initramfs: $busybox is dynamically linked; install busybox-static" >&2; exit 1; }

root=$(dirname "$out")/root
rm -rf "$root"
mkdir -p "$root/bin" "$root/tests" "$root/proc" "$root/sys" "$root/dev" "$root/tmp" "$root/etc"
cp "$busybox" "$root/bin/busybox"
install -m 0755 "$project/scripts/vm-init" "$root/init"
install -m 0755 "$project/scripts/demo-guest.sh" "$root/bin/demo"
cp "$ctrpol" "$root/bin/ctrpol"
mkdir -p "$root/etc/ctrpol"
cp -r "$project/policies" "$root/etc/ctrpol/"
for t in "$@"; do
	cp "$t" "$root/tests/"
done
echo 'root:x:0:0:root:/:/bin/sh' >"$root/etc/passwd"
echo 'nobody:x:65534:65534:nobody:/:/bin/false' >>"$root/etc/passwd"

# ctrpol's shared libraries, at the paths the dynamic loader looks for them.
ldd "$ctrpol" | awk '/=> \// { print $3 } /^[[:space:]]*\/[^ ]*ld-linux/ { print $1 }' |
	while read -r lib; do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done

(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out"
