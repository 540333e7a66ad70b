#!/bin/sh
# Build the guest's initramfs: busybox, our /init, ctrpol and crun with their
# libraries, apparmor_parser, an OCI rootfs for crun's containers, the guest tests and the demo.
# Usage: scripts/vm-initramfs.sh OUT.cpio.gz CTRPOL TAP_RUN [TEST...]
set -eu

[ $# -ge 3 ] || { echo "usage: $0 OUT.cpio.gz CTRPOL TAP_RUN [TEST...]" >&2; exit 2; }
project=$(cd "$(dirname "$0")/.." && pwd)
out=$1
ctrpol=$2
tap_run=$3
shift 3
busybox=/bin/busybox
[ -x "$busybox" ] && "$busybox" --list >/dev/null 2>&1 ||
	{ echo "vm-initramfs: $busybox missing: run scripts/deps.sh (package busybox-static)" >&2; exit 1; }
ldd "$busybox" >/dev/null 2>&1 &&
	{ echo "vm-initramfs: $busybox is dynamically linked; install busybox-static" >&2; exit 1; }
crun=$(command -v crun) ||
	{ echo "vm-initramfs: crun missing: run scripts/deps.sh (package crun)" >&2; exit 1; }
# AppArmor's compiler, for the benchmarks' comparison (about 0.6 MB compressed).
aa_parser=$(PATH=$PATH:/sbin:/usr/sbin command -v apparmor_parser) ||
	{ echo "vm-initramfs: apparmor_parser missing: run scripts/deps.sh (package apparmor)" >&2; exit 1; }

root=$(dirname "$out")/root
rm -rf "$root"
mkdir -p "$root/bin" "$root/tests" "$root/proc" "$root/sys" "$root/dev" "$root/tmp" "$root/etc" \
	"$root/.root" "$root/run"
cp "$busybox" "$root/bin/busybox"
install -m 0755 "$project/scripts/vm-init" "$root/init"
install -m 0755 "$project/scripts/demo-guest.sh" "$root/bin/demo"
install -m 0755 "$project/scripts/oci-bundle.sh" "$root/bin/oci-bundle"
cp "$ctrpol" "$root/bin/ctrpol"
cp "$tap_run" "$root/bin/tap-run"
cp "$crun" "$root/bin/crun"
cp "$aa_parser" "$root/bin/apparmor_parser"
mkdir -p "$root/etc/ctrpol"
cp -r "$project/policies" "$root/etc/ctrpol/"
for t in "$@"; do
	cp "$t" "$root/tests/"
done
echo 'root:x:0:0:root:/:/bin/sh' >"$root/etc/passwd"
echo 'nobody:x:65534:65534:nobody:/:/bin/false' >>"$root/etc/passwd"

# The shared libraries of ctrpol, crun and apparmor_parser, at the paths the
# dynamic loader looks for them.
ldd "$ctrpol" "$crun" "$aa_parser" |
	awk '/=> \// { print $3 } /^[[:space:]]*\/[^ ]*ld-linux/ { print $1 }' | sort -u |
	while read -r lib; do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done

# The root filesystem of crun's containers (scripts/oci-bundle.sh points
# root.path here): busybox, a hard link to the guest's (no bytes added), and
# its applets; directories for the mounts of config.json, and /mnt for binds.
# One perl (Essential in Debian) makes the ~270 links: ln would fork as often.
oci=$root/oci/rootfs
mkdir -p "$oci/bin" "$oci/etc" "$oci/proc" "$oci/sys" "$oci/dev" "$oci/tmp" "$oci/mnt"
ln "$root/bin/busybox" "$oci/bin/busybox"
"$busybox" --list | grep -vx busybox | perl -e 'chdir shift or die; while (<STDIN>) {
	chomp; symlink "busybox", $_ or die "$_: $!\n" }' "$oci/bin"
cp "$root/etc/passwd" "$oci/etc/passwd"
printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$oci/etc/group"

(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out"
