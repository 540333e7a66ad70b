#!/bin/sh
# Golden tests: run ctrpol on each case and compare its output with the
# recorded one.  Prints TAP.  UPDATE=1 records the current output instead.
#   errors/NAME.ctp  ->  errors/NAME.out   (ctrpol check: messages and exit status)
#   dump/NAME.ctp    ->  dump/NAME.out     (ctrpol dump of the compiled profile)
#   ../../policies/NAME.ctp -> policies/NAME.out (the shipped profiles, dumped)
#   explain/NAME.cmd ->  explain/NAME.out  (each line: ctrpol explain ARGS...)
# Cases run from this folder with relative paths, so outputs hold no absolute path.
set -u
cd "$(dirname "$0")"
ctrpol=${CTRPOL:-ctrpol}
n=0 failed=0
# Recording makes every case pass: never where a run is judged.
if [ "${UPDATE:-0}" = 1 ] && [ -n "${CI:-}" ]; then
	echo "not ok 1 golden: UPDATE=1 records outputs and CI=$CI is set: refusing;" \
		"record them outside CI and commit the diff"
	echo "1..1"
	exit 1
fi

check() {	# check NAME EXPECTED-FILE ACTUAL
	n=$((n + 1))
	if [ "${UPDATE:-0}" = 1 ]; then
		printf '%s' "$3" >"$2"
		echo "ok $n $1 # recorded"
	elif [ -f "$2" ] && [ "$(cat "$2")" = "$3" ]; then
		echo "ok $n $1"
	else
		failed=$((failed + 1))
		echo "not ok $n $1"
		printf '%s\n' "$3" | diff -u "$2" - 2>&1 | sed 's/^/# /' | head -40
	fi
}

run() {	# the command's stdout and stderr, then its exit status
	out=$("$@" 2>&1)
	printf '%s\n[exit %d]' "$out" $?
}

for f in errors/*.ctp; do
	check "$f" "${f%.ctp}.out" "$(run "$ctrpol" check "$f")"
done
for f in dump/*.ctp; do
	check "$f" "${f%.ctp}.out" "$(run "$ctrpol" dump "$f")"
done
for f in ../../policies/*.ctp; do
	check "$f" "policies/$(basename "${f%.ctp}").out" "$(run "$ctrpol" dump "$f")"
done
for f in explain/*.cmd; do
	actual=$(while read -r args; do
		echo "\$ ctrpol explain $args"
		# shellcheck disable=SC2086
		run "$ctrpol" explain $args
		echo
	done <"$f")
	check "$f" "${f%.cmd}.out" "$actual"
done
echo "1..$n"
[ "$failed" -eq 0 ]
