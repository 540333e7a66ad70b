#!/bin/sh
# Link ctrpol into a Linux 6.12+ source tree as security/ctrpol and apply the
# four small edits a new LSM needs there.  Idempotent; checks every anchor
# before it changes anything, so a tree it cannot patch is left as it was.
# Usage: scripts/kernel-integrate.sh KSRC
set -eu

die() {
	echo "kernel-integrate: $*" >&2
	exit 1
}

[ $# -eq 1 ] || die "usage: $0 KSRC"
ksrc=$(cd "$1" 2>/dev/null && pwd) || die "KSRC=$1: no such directory"
project=$(cd "$(dirname "$0")/.." && pwd)
LSM_ID=$(sed -n 's/^#define CTRPOL_LSM_ID[[:space:]]*\([0-9]*\)$/\1/p' \
	"$project/kernel/include/uapi/linux/ctrpol.h")
[ -n "$LSM_ID" ] || die "CTRPOL_LSM_ID not found in kernel/include/uapi/linux/ctrpol.h"

count_h=$ksrc/include/linux/lsm_count.h
lsm_h=$ksrc/include/uapi/linux/lsm.h
kconfig=$ksrc/security/Kconfig
makefile=$ksrc/security/Makefile
link=$ksrc/security/ctrpol

[ -f "$ksrc/Makefile" ] && [ -d "$ksrc/security" ] ||
	die "KSRC=$ksrc is not a Linux source tree (no Makefile or security/)"
[ -f "$count_h" ] ||
	die "KSRC=$ksrc: no include/linux/lsm_count.h; ctrpol needs Linux 6.12 or newer"
for f in "$lsm_h" "$kconfig" "$makefile"; do
	[ -w "$f" ] || die "KSRC=$ksrc: cannot write ${f#"$ksrc"/}"
done

# Anchors: the edits go next to lines every 6.12+ tree has.
grep -q '^[[:space:]]*CAPABILITIES_ENABLED[[:space:]]*\\$' "$count_h" ||
	die "include/linux/lsm_count.h: MAX_LSM_COUNT list not found (line 'CAPABILITIES_ENABLED \\')"
grep -q '^#if IS_ENABLED(CONFIG_SECURITY_SELINUX)$' "$count_h" ||
	die "include/linux/lsm_count.h: '#if IS_ENABLED(CONFIG_SECURITY_SELINUX)' not found"
grep -q '^#define LSM_ID_LANDLOCK' "$lsm_h" ||
	die "include/uapi/linux/lsm.h: '#define LSM_ID_LANDLOCK' not found"
grep -q '^source "security/landlock/Kconfig"' "$kconfig" ||
	die "security/Kconfig: 'source \"security/landlock/Kconfig\"' not found"
if ! grep -q '^#define LSM_ID_CTRPOL' "$lsm_h" &&
	grep -Eq "^#define LSM_ID_[A-Z_]+[[:space:]]+$LSM_ID\$" "$lsm_h"; then
	die "include/uapi/linux/lsm.h: LSM id $LSM_ID is taken by another LSM; change CTRPOL_LSM_ID in kernel/include/uapi/linux/ctrpol.h"
fi
if [ -e "$link" ] && [ ! -L "$link" ]; then
	die "security/ctrpol exists and is not our link; move it away and retry"
fi

if ! grep -q 'CTRPOL_ENABLED' "$count_h"; then
	sed -i -e '/^#if IS_ENABLED(CONFIG_SECURITY_SELINUX)/i #if IS_ENABLED(CONFIG_SECURITY_CTRPOL)\n#define CTRPOL_ENABLED 1,\n#else\n#define CTRPOL_ENABLED\n#endif\n' \
		-e 's/^\([[:space:]]*\)CAPABILITIES_ENABLED\([[:space:]]*\)\\$/&\n\1CTRPOL_ENABLED\t\t\\/' "$count_h"
fi

grep -q '^#define LSM_ID_CTRPOL' "$lsm_h" ||
	sed -i "/^#define LSM_ID_LANDLOCK/a #define LSM_ID_CTRPOL\\t\\t$LSM_ID" "$lsm_h"

grep -q 'security/ctrpol/kernel/Kconfig' "$kconfig" ||
	sed -i '/^source "security\/landlock\/Kconfig"/a source "security/ctrpol/kernel/Kconfig"' "$kconfig"

grep -q 'CONFIG_SECURITY_CTRPOL' "$makefile" ||
	printf 'obj-$(CONFIG_SECURITY_CTRPOL)\t\t+= ctrpol/\n' >>"$makefile"

[ "$(readlink "$link" 2>/dev/null)" = "$project" ] || ln -sfn "$project" "$link"
