#!/bin/sh
# make install into a scratch DESTDIR: the tool, its man page, the policies and
# the boot-time unit land under PREFIX, and the unit runs the installed tool.
# Prints TAP.
set -u
project=$(cd "$(dirname "$0")/../.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
n=0 failed=0

ok() {	# ok NAME COMMAND...: a test that passes when COMMAND does
	n=$((n + 1))
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then
		echo "ok $n $name"
	else
		failed=$((failed + 1))
		echo "not ok $n $name"
	fi
}

make -s -C "$project" install DESTDIR="$dest" PREFIX=/opt/ctrpol >"$dest.log" 2>&1
ok "make install succeeds" test $? -eq 0
sed 's/^/# /' "$dest.log"
rm -f "$dest.log"
ok "the tool runs" "$dest/opt/ctrpol/sbin/ctrpol" --help
ok "its man page" test -s "$dest/opt/ctrpol/share/man/man8/ctrpol.8"
ok "the policies and their abstractions" \
	test -s "$dest/opt/ctrpol/share/ctrpol/policies/web.ctp" -a \
	-s "$dest/opt/ctrpol/share/ctrpol/policies/abstractions/base.ctp"
ok "the OCI hook's hooks.d file runs the installed tool" \
	grep -qF '"path": "/opt/ctrpol/sbin/ctrpol"' "$dest/opt/ctrpol/share/ctrpol/oci-hooks.d/ctrpol.json"
ok "installed policies compile where they are" \
	"$dest/opt/ctrpol/sbin/ctrpol" check "$dest/opt/ctrpol/share/ctrpol/policies/web.ctp"
unit=$dest/opt/ctrpol/lib/systemd/system/ctrpol-load.service
ok "the unit loads /etc/ctrpol with the installed tool" \
	grep -qx 'ExecStart=/opt/ctrpol/sbin/ctrpol load --dir /etc/ctrpol' "$unit"
echo "1..$n"
[ "$failed" -eq 0 ]
