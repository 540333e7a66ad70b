#!/bin/sh
# Build the node image: a Debian 12 root filesystem made from Debian's
# packages alone (scripts/node-packages.txt: systemd, podman with crun and
# runc, containerd, AppArmor), ctrpol installed into it by `make install`
# with ctrpol-load.service enabled and the shipped profiles in /etc/ctrpol,
# written as an ext4 disk image by mke2fs -d (no loop mount, no root-only
# tool beyond mmdebstrap's own).
# The packages' part is cached under ~/.cache/ctrpol/node, keyed on the
# package list and the lines that build it (between "base:" markers), so a
# warm run only unpacks it and adds ctrpol; the newest base is kept, older
# ones removed.
# Usage: scripts/node-image.sh OUT.img [SRC=DEST ...]
#   SRC=DEST: a file or directory of the host copied to DEST in the image.
# Environment: NODE_IMAGE_SIZE (default 3G).
set -eu

project=$(cd "$(dirname "$0")/.." && pwd)
die() {
	echo "node-image: $*" >&2
	exit 1
}
[ $# -ge 1 ] || die "usage: $0 OUT.img [SRC=DEST ...]"
out=$1
shift
for t in mmdebstrap mke2fs; do
	command -v "$t" >/dev/null || die "$t missing: run scripts/deps.sh node"
done

cache=${XDG_CACHE_HOME:-$HOME/.cache}/ctrpol/node
key=$( (cat "$project/scripts/node-packages.txt"
	sed -n '/^# base: begin/,/^# base: end/p' "$project/scripts/node-image.sh") | sha256sum |
	cut -c1-16)
base=$cache/base-$key.tar
# base: begin
if [ ! -f "$base" ]; then
	mkdir -p "$cache"
	pkgs=$(grep -v '^#' "$project/scripts/node-packages.txt" | grep . | paste -sd, -)
	# The host's own apt sources: the registry this machine may reach, and no other.
	sources=
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[ -s "$f" ] && sources="$sources $f"
	done
	[ -n "$sources" ] || die "no apt sources on this host (/etc/apt/sources.list*)"
	echo "node-image: building the base from Debian packages (cached as $base)"
	start=$(date +%s)
	# shellcheck disable=SC2086,SC2016 # $sources is a list of files; the hook's $1 is mmdebstrap's
	mmdebstrap --quiet --format=tar --variant=minbase --aptopt='APT::Install-Recommends "false"' \
		--include="$pkgs" --customize-hook='chroot "$1" apt-get clean' \
		bookworm "$base.tmp" $sources
	mv "$base.tmp" "$base"
	find "$cache" -name 'base-*.tar' ! -name "base-$key.tar" -delete
	echo "node-image: base built in $(($(date +%s) - start)) s"
fi
# base: end

root=$(dirname "$out")/node-root
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$base"
make -s -C "$project" install DESTDIR="$root" PREFIX=/usr/local >/dev/null
# What an operator does after make install (docs/containers.md): the
# profiles into /etc/ctrpol, the unit enabled (its [Install] section:
# sysinit.target), the OCI hook into podman's hooks.d.
mkdir -p "$root/etc/ctrpol" "$root/etc/systemd/system/sysinit.target.wants" \
	"$root/etc/containers/oci/hooks.d"
cp "$project"/policies/*.ctp "$root/etc/ctrpol/"
cp -R "$project/policies/abstractions" "$root/etc/ctrpol/"
ln -sf /usr/local/lib/systemd/system/ctrpol-load.service \
	"$root/etc/systemd/system/sysinit.target.wants/ctrpol-load.service"
cp "$root/usr/local/share/ctrpol/oci-hooks.d/ctrpol.json" "$root/etc/containers/oci/hooks.d/"
# Debian 12's podman (4.3) reads only /usr/share/containers/oci/hooks.d unless
# told otherwise (observed), though oci-hooks(5) names /etc's directory too.
mkdir -p "$root/etc/containers/containers.conf.d"
cat >"$root/etc/containers/containers.conf.d/ctrpol.conf" <<'EOF'
[engine]
hooks_dir = ["/usr/share/containers/oci/hooks.d", "/etc/containers/oci/hooks.d"]
EOF
echo ctrpol-node >"$root/etc/hostname"
for arg in "$@"; do
	src=${arg%%=*} dest=${arg#*=}
	[ -e "$src" ] || die "$src missing"
	mkdir -p "$root$(dirname "$dest")"
	cp -R "$src" "$root$dest"
done
rm -f "$out"
mke2fs -q -t ext4 -L ctrpol-node -d "$root" "$out" "${NODE_IMAGE_SIZE:-3G}"
rm -rf "$root"
echo "node-image: $out"
