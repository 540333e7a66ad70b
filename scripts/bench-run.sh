#!/bin/sh
# The guest half of `make bench` (docs/benchmarks.md): the test kernel booted
# three times with tests/vm/overhead_bench, then the report.
#   baseline-1  lsm=landlock,apparmor: the kernel without ctrpol
#   ctrpol      lsm=landlock,ctrpol,apparmor: ctrpol idle, then ctrpol,
#               AppArmor and Landlock confining the same work, interleaved
#   baseline-2  the baseline again: drift of the host between boots averages out
# Writes build/bench/results.json and prints ratios to the baseline and the
# targets met and missed (scripts/bench-report.pl); plots the ratios in
# build/bench/overhead.png when gnuplot is installed (scripts/deps.sh bench).
# Environment: VM_TIMEOUT (seconds per boot, default 1500), CTRPOL_BENCH
# (full, or smoke: every configuration in a few seconds, to try changes to
# the bench itself), and vm-boot.sh's.
set -eu

project=$(cd "$(dirname "$0")/.." && pwd)
out=$project/build/bench
mkdir -p "$out"
VM_TIMEOUT=${VM_TIMEOUT:-1500}
export VM_TIMEOUT
mode=${CTRPOL_BENCH:-full}
start=$(date +%s)
loads=

boot() {
	label=$1 lsm=$2
	load=$(cut -d' ' -f1 /proc/loadavg)
	loads="$loads $label=$load"
	echo "bench: booting $label (lsm=$lsm; host load average $load)"
	if ! nice -n 10 "$project/scripts/vm-boot.sh" --label "bench-$label" \
		--append "lsm=$lsm loglevel=3 ctrpol.bench=$mode ctrpol.timeout=$((VM_TIMEOUT - 60))" \
		--tests overhead_bench >"$out/$label.tap"; then
		grep -v '^# bench ' "$out/$label.tap" | tail -15 >&2
		echo "bench: the $label boot failed: see $out/$label.tap and" \
			"build/vm/console-bench-$label.log" >&2
		exit 1
	fi
}

boot baseline-1 landlock,apparmor
boot ctrpol landlock,ctrpol,apparmor
boot baseline-2 landlock,apparmor
perl "$project/scripts/bench-report.pl" --seconds $(($(date +%s) - start)) --loads "${loads# }" \
	--plot-data "$out/overhead.dat" \
	"$out/results.json" "$out/baseline-1.tap" "$out/ctrpol.tap" "$out/baseline-2.tap"
if ! command -v gnuplot >/dev/null; then
	echo "bench: gnuplot is not installed (scripts/deps.sh bench): plot skipped"
elif gnuplot -e "data='$out/overhead.dat'; png='$out/overhead.png'" "$project/scripts/bench-plot.gp"; then
	echo "bench: plot: $out/overhead.png"
else
	echo "bench: gnuplot failed: no plot" >&2
fi
