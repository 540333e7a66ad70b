#!/bin/sh
# Whether the code stands in layers, read from what the built objects define
# and use (nm): no loop of calls between files of kernel/ or of tools/, and
# in tools/ no call from a folder to one that is not below it
# (tools/README.md), nor an include of the policy language's internals from
# the netlink client or the events.  Prints TAP.
# Usage: scripts/check-layers.sh  (after make all and make kernel)
set -u
project=$(cd "$(dirname "$0")/.." && pwd)
cd "$project" || exit 1
n=0 failed=0

# What each folder of tools/ may call besides itself.  kernel/shared/ is
# compiled into the tool too ("shared"), with util/ giving it the kernel's crc32.
allowed() {
	case $1 in
	util) echo "" ;;
	shared) echo "util" ;;
	lang) echo "util shared" ;;
	compile) echo "lang util shared" ;;
	genl) echo "util shared" ;;
	events) echo "genl lang util shared" ;;
	learn) echo "events genl lang compile util shared" ;;
	explain) echo "compile events genl lang util shared" ;;
	cmd) echo "explain learn events genl compile lang util shared" ;;
	main) echo "cmd explain util" ;;
	esac
}

result() {
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n $1"
	else
		failed=$((failed + 1))
		echo "not ok $n $1"
		echo "$2" | sed 's/^/# /'
	fi
}

# edges OBJ...: "FROM TO SYM" for each function FROM calls and TO defines.
# Data shared across files (the LSM's id, its static key) is no call.
edges() {
	nm -A "$@" 2>/dev/null | awk '
		{ file = $1; sub(/:.*/, "", file); sym = $NF; type = $(NF - 1) }
		type == "U" { use[file, sym] = 1; uses[++nu] = file SUBSEP sym; next }
		type == "T" { def[sym] = file }
		END {
			for (i = 1; i <= nu; i++) {
				split(uses[i], p, SUBSEP)
				if ((p[2] in def) && def[p[2]] != p[1])
					print p[1], def[p[2]], p[2]
			}
		}' | sort -u
}

# loops: from "FROM TO SYM" lines, each pair of files that reach each other.
loops() {
	awk '
		{ f = $1; t = $2; node[f] = node[t] = 1; reach[f, t] = 1
		  if (!((f, t) in why)) why[f, t] = $3 }
		END {
			for (k in node) for (i in node) if ((i, k) in reach)
				for (j in node) if ((k, j) in reach) reach[i, j] = 1
			for (i in node) for (j in node)
				if (i < j && ((i, j) in reach) && ((j, i) in reach))
					print i " and " j " reach each other" \
						((i, j) in why ? " (" i " uses " why[i, j] ")" : "") \
						((j, i) in why ? " (" j " uses " why[j, i] ")" : "")
		}' | sort
}

folder() {
	case $1 in
	build/obj/tools/ctrpol.o) echo main ;;
	build/obj/kernel/shared/*) echo shared ;;
	*) echo "$1" | sed 's|build/obj/tools/\([^/]*\)/.*|\1|' ;;
	esac
}

# The objects of today's sources only: a file removed since leaves its object behind.
objects() {
	dir=$1
	shift
	for f in "$@"; do
		o=$dir/${f%.c}.o
		[ -f "$o" ] || return 1
		echo "$o"
	done
}
# shellcheck disable=SC2046
tool_objs=$(objects build/obj $(ls tools/*.c tools/*/*.c kernel/shared/*.c))
if [ -z "$tool_objs" ]; then
	result "tools/: built" "an object of tools/ is missing in build/obj: run make all"
else
	# shellcheck disable=SC2086
	tool_edges=$(edges $tool_objs)
	result "tools/: no file calls one that calls it back" "$(echo "$tool_edges" | loops)"
	bad=$(echo "$tool_edges" | while read -r from to sym; do
		a=$(folder "$from") b=$(folder "$to")
		[ "$a" = "$b" ] && continue
		case " $(allowed "$a") " in
		*" $b "*) ;;
		*) echo "$from calls $sym of $to: $a/ may call only: $(allowed "$a")" ;;
		esac
	done)
	result "tools/: each folder calls only the folders below it" "$bad"
fi

internals=$(grep -n '#include "lang/\(lexer\|parse_[a-z]*\|parser_limits\)\.h"' \
	tools/genl/*.[ch] tools/events/*.[ch])
result "tools/: genl/ and events/ include none of the parser's internals" "$internals"

# kernel/shared/ as the kernel builds it (blob_layout.c only with KUnit).
# shellcheck disable=SC2046
kernel_objs=$(objects build/kernel/security/ctrpol/kernel $(for f in kernel/*.c; do echo "${f#kernel/}"; done)) &&
	kernel_objs="$kernel_objs $(ls build/kernel/security/ctrpol/kernel/shared/*.o 2>/dev/null)"
if [ -z "$kernel_objs" ]; then
	result "kernel/: built" "an object of kernel/ is missing in build/kernel/security/ctrpol/kernel: run make kernel"
else
	# shellcheck disable=SC2086
	result "kernel/: no file calls one that calls it back" "$(edges $kernel_objs | loops)"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
