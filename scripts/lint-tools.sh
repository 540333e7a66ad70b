#!/bin/sh
# Static analysis of the tool's C: tools/, and kernel/shared/ as the tool
# compiles it, with the Makefile's own flags.  cppcheck looks for warnings,
# performance and portability problems (never inconclusive ones); the cases
# it gets wrong are in scripts/cppcheck-suppressions.txt, each with its
# reason.  clang-tidy runs the checks of .clang-tidy, every finding an error.
# Prints TAP, one line per tool, its findings as comments; a tool that is
# not installed is skipped (scripts/deps.sh all installs both).
set -u
project=$(cd "$(dirname "$0")/.." && pwd)
work=$project/build/lint
jobs=$(nproc)
n=0 failed=0

cd "$project" || exit 1
srcs=$(ls tools/*.c tools/*/*.c kernel/shared/*.c)
nsrcs=$(echo "$srcs" | wc -l)
# The flags the tool is built with, from the Makefile itself (make expands $(...)),
# not from the make that may run this (make check): its jobserver is not ours.
# shellcheck disable=SC2016
flags=$(MAKEFLAGS='' make -s --no-print-directory --eval='lint-flags: ; @echo $(CTRPOL_CFLAGS)' \
	lint-flags)
rm -rf "$work/clang-tidy"
mkdir -p "$work/cppcheck"

# result NAME STATUS LOG...: the TAP line of one tool, and what it found.
result() {
	name=$1 rc=$2
	shift 2
	n=$((n + 1))
	if [ "$rc" -eq 0 ]; then
		echo "ok $n $name"
	else
		failed=$((failed + 1))
		echo "not ok $n $name"
		cat "$@" | sed 's/^/# /'
	fi
}

if command -v cppcheck >/dev/null; then
	# Only the project's headers: cppcheck knows libc from its own library files.
	cpp_flags=""
	for f in $flags; do
		case $f in
		-I/*) ;;
		-D* | -U* | -I*) cpp_flags="$cpp_flags $f" ;;
		-std=*) cpp_flags="$cpp_flags -$f" ;;
		esac
	done
	start=$(date +%s)
	# shellcheck disable=SC2086
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--library=posix,gnu --suppressions-list=scripts/cppcheck-suppressions.txt \
		--cppcheck-build-dir="$work/cppcheck" -j "$jobs" \
		--template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
		$cpp_flags $srcs >"$work/cppcheck.log" 2>&1
	result "cppcheck: $nsrcs files, in $(($(date +%s) - start)) s" $? "$work/cppcheck.log"
else
	echo "ok $((n += 1)) cppcheck # SKIP cppcheck is not installed"
fi

if command -v clang-tidy >/dev/null; then
	start=$(date +%s)
	for f in $srcs; do
		mkdir -p "$work/clang-tidy/$(dirname "$f")"
	done
	# One process a file, its findings in its own log (stdout; stderr only counts them).
	# shellcheck disable=SC2016,SC2086
	echo "$srcs" | xargs -P "$jobs" -I{} sh -c 'exec clang-tidy --quiet "$@" >"$0" 2>/dev/null' \
		"$work/clang-tidy/{}.log" {} -- $flags
	rc=$?
	# shellcheck disable=SC2046
	result "clang-tidy: $nsrcs files, in $(($(date +%s) - start)) s" $rc \
		$(find "$work/clang-tidy" -name '*.log' ! -empty | sort)
else
	echo "ok $((n += 1)) clang-tidy # SKIP clang-tidy is not installed"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
