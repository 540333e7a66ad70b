#!/bin/sh
# The guest half of `make bench` (docs/benchmarks.md): the test kernel booted
# with tests/vm/overhead_bench, then the report.  Timed by the wall clock:
#   baseline-1  lsm=landlock,apparmor: the kernel without ctrpol
#   ctrpol      lsm=landlock,ctrpol,apparmor: ctrpol idle, then ctrpol,
#               AppArmor and Landlock confining the same work, interleaved
#   baseline-2  the baseline again: drift of the host between boots averages out
# Then instruction-counted (QEMU -icount, where the host's load does not
# reach the guest's clock), the unconfined operations alone, alternating:
#   icount-baseline-N  lsm=landlock,apparmor
#   icount-idle-N      lsm=landlock,ctrpol,apparmor, nothing attached
# and open+close and stat confined by each LSM, interleaved as in the ctrpol
# boot, then 1 against 10,000 attached cgroups:
#   icount-confined-N  lsm=landlock,ctrpol,apparmor
# Writes build/bench/results.json and prints ratios to the baseline and the
# targets met and missed (scripts/bench-report.pl); plots the ratios in
# build/bench/overhead.png when gnuplot is installed (scripts/deps.sh bench).
# Environment: VM_TIMEOUT (seconds per boot, default 1500), CTRPOL_BENCH
# (full, or smoke: every configuration in a few seconds, to try changes to
# the bench itself), BENCH_ICOUNT_PAIRS (instruction-counted pairs of boots,
# default 5, or 2 in smoke mode; at most 31), BENCH_CONFINED_BOOTS
# (instruction-counted confined boots, default 3, or 1 in smoke mode; at
# most 31), and vm-boot.sh's.
set -eu

project=$(cd "$(dirname "$0")/.." && pwd)
out=$project/build/bench
mkdir -p "$out"
# The taps are named relative to $out, where the report runs: a list of
# names without blanks, whatever the project's path.
cd "$out"
VM_TIMEOUT=${VM_TIMEOUT:-1500}
export VM_TIMEOUT
mode=${CTRPOL_BENCH:-full}
# shift=0: a guest ns per guest instruction, the most instructions between
# two timer ticks (a larger shift spreads the boots more); sleep=off: an idle
# guest skips to its next timer instead of waiting for the host's.  The
# address space laid out alike in every boot (norandmaps): with ASLR a
# fork+exit differed by 6% from boot to boot.  docs/benchmarks.md has the numbers.
icount="-icount shift=0,sleep=off"
start=$(date +%s)
loads=
taps=

# boot LABEL LSM MODE [VAR=VALUE...]: the variables are vm-boot.sh's, for this boot.
boot() {
	label=$1 lsm=$2 bench=$3
	shift 3
	load=$(cut -d' ' -f1 /proc/loadavg)
	loads="$loads $label=$load"
	taps="$taps $label.tap"
	echo "bench: booting $label (lsm=$lsm; host load average $load)"
	if ! nice -n 10 env "$@" "$project/scripts/vm-boot.sh" --label "bench-$label" \
		--append "lsm=$lsm loglevel=5 ctrpol.bench=$bench ctrpol.timeout=$((VM_TIMEOUT - 60))" \
		--tests overhead_bench >"$label.tap"; then
		grep -v '^# bench ' "$label.tap" | tail -15 >&2
		echo "bench: the $label boot failed: see $out/$label.tap and" \
			"build/vm/console-bench-$label.log" >&2
		exit 1
	fi
}

boot baseline-1 landlock,apparmor "$mode"
boot ctrpol landlock,ctrpol,apparmor "$mode"
boot baseline-2 landlock,apparmor "$mode"
# The unconfined operations alone (idle; for a smoke run idle-smoke, in two
# pairs), instruction-counted: -icount needs TCG, as KVM runs the guest uncounted.
# Counted, a boot depends on the host in one thing only, the date its RTC
# starts from (it seeds the guest's randomness, and the guest's layout
# follows): pair N starts on day N of 2026, with the RTC running on guest time
# (clock=vm), so that a rerun gives the same instructions, and the pairs'
# different starts show how far chance sets boots of one kernel apart.
if [ "$mode" = full ]; then
	idle=idle confined=confined pairs=${BENCH_ICOUNT_PAIRS:-5}
	confined_boots=${BENCH_CONFINED_BOOTS:-3}
else
	idle=idle-$mode confined=confined-$mode pairs=${BENCH_ICOUNT_PAIRS:-2}
	confined_boots=${BENCH_CONFINED_BOOTS:-1}
fi
# counted LABEL LSM MODE N
counted() {
	boot "$1" "$2" "$3" CTRPOL_VM_ACCEL=tcg \
		VM_QEMU_OPTS="$icount -rtc base=2026-01-$(printf %02d "$4"),clock=vm" \
		VM_APPEND="${VM_APPEND:-} norandmaps"
}
i=1
while [ "$i" -le "$pairs" ]; do
	counted "icount-baseline-$i" landlock,apparmor "$idle" "$i"
	counted "icount-idle-$i" landlock,ctrpol,apparmor "$idle" "$i"
	i=$((i + 1))
done
i=1
while [ "$i" -le "$confined_boots" ]; do
	counted "icount-confined-$i" landlock,ctrpol,apparmor "$confined" "$i"
	i=$((i + 1))
done
# The plot's data is named relative to $out too, so that gnuplot's quoted
# strings hold no part of the project's path.
# shellcheck disable=SC2086
perl "$project/scripts/bench-report.pl" --seconds $(($(date +%s) - start)) --loads "${loads# }" \
	--plot-data overhead.dat "$out/results.json" $taps
if ! command -v gnuplot >/dev/null; then
	echo "bench: gnuplot is not installed (scripts/deps.sh bench): plot skipped"
elif gnuplot -e "data='overhead.dat'; png='overhead.png'" "$project/scripts/bench-plot.gp"; then
	echo "bench: plot: $out/overhead.png"
else
	echo "bench: gnuplot failed: no plot" >&2
fi
