# The plot of `make bench` (docs/benchmarks.md): each operation's median in
# each configuration as a multiple of the baseline, with bars from p10 to p90,
# from the data scripts/bench-report.pl writes with --plot-data.
# Usage: gnuplot -e "data='build/bench/overhead.dat'; png='build/bench/overhead.png'" scripts/bench-plot.gp

# Its first line, "# operation", then per configuration its name, p10, p90.
header = system(sprintf("head -1 '%s'", data))
n = (words(header) - 2) / 3
# In the report's order: idle, idle-icount where there were instruction-
# counted boots (its bars from the least to the most of them) and elsewhere
# in greys, then ctrpol, AppArmor and Landlock, each darker as its profile
# grows from 10 to 10,000 rules.
colors = "#969696 " . (word(header, 6) eq "idle-icount" ? "#525252 " : "") \
	. "#d9d9d9 #9ecae1 #4292c6 #08519c #fcae91 #fb6a4a #a50f15 #a1d99b #41ab5d #006d2c"

# Room for the medians: a p90 of a burst of host noise can be ten times the
# median, and would flatten every bar; its error bar is cut at the top.
top = 0
do for [i=1:n] {
	stats data using 3*i-1 nooutput
	top = STATS_max > top ? STATS_max : top
}

set terminal pngcairo size 1500,600 noenhanced font ",11"
set output png
set title "make bench: median time per operation, as a multiple of the kernel without ctrpol (bars: p10 to p90 of the slices; idle-icount: instructions, its least and most boot)"
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 1.0 border rgb "#404040"
set boxwidth 0.9
set key outside right top vertical
set ylabel "time / baseline's median"
set yrange [0:ceil(top * 1.5)]
set grid ytics
set arrow from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 front
plot for [i=1:n] data using 3*i-1:3*i:3*i+1:xtic(1) title word(header, 3*i) lc rgb word(colors, i)
