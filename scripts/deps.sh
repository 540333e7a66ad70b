#!/bin/sh
# Install the Debian packages ctrpol needs, and nothing when they are all present.
# Usage: scripts/deps.sh [tool|all|bench|node]   (tool: just what `make` needs; all: kernel,
# VM and tests too; bench: all, and gnuplot for the plot of `make bench`; node: all, and what
# builds the node image, scripts/node-image.sh)
set -eu

tool_pkgs="gcc make pkg-config libc6-dev libnl-3-dev libnl-genl-3-dev libjson-c-dev"
all_pkgs="$tool_pkgs bc bison flex cpio kmod dwarves libelf-dev libssl-dev xz-utils ccache
	linux-source-6.12 qemu-system-x86 busybox-static crun clang libclang-rt-14-dev
	valgrind cppcheck clang-tidy apparmor perl"

case "${1:-all}" in
tool) pkgs=$tool_pkgs ;;
all) pkgs=$all_pkgs ;;
bench) pkgs="$all_pkgs gnuplot-nox" ;;
node) pkgs="$all_pkgs mmdebstrap e2fsprogs" ;;
*) echo "usage: $0 [tool|all|bench|node]" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "ctrpol: missing Debian packages:$missing" >&2
	echo "ctrpol: run 'sudo $0 ${1:-all}' (or install them with apt-get) and try again" >&2
	exit 1
fi
echo "ctrpol: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# A stale or empty package list makes apt-get install fail: refresh it once per run.
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
