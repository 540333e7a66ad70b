#!/usr/bin/perl
# The report of `make bench` (docs/benchmarks.md): the guest's records, taken
# from the TAP of each boot ("# bench {...}" lines), written as one JSON array
# (the baseline's boots merged into one record per operation: the median of
# all their rounds), then a table of ratios to the baseline and the targets.
# Boots in the guest's idle and confined modes are the instruction-counted
# ones (QEMU -icount, scripts/bench-run.sh): their records are kept apart,
# per boot, marked "clock": "icount", and judge the targets for nothing
# attached, for confined open+close and stat against AppArmor, for 10,000
# rules against 10 and for 10,000 attached cgroups against 1; the wall
# clock's are printed beside.
# With --plot-data, also the data of the plot (scripts/bench-plot.gp).
# Usage: scripts/bench-report.pl [--seconds N] [--loads TEXT] [--plot-data FILE] OUT.json TAP...
use strict;
use warnings;
use Getopt::Long;
use JSON::PP;

my $usage = "usage: $0 [--seconds N] [--loads TEXT] [--plot-data FILE] OUT.json TAP...\n";
my ($seconds, $loads, $plot_data) = (0, '');
GetOptions('seconds=i' => \$seconds, 'loads=s' => \$loads, 'plot-data=s' => \$plot_data) or die $usage;
my $out = shift @ARGV or die $usage;
my $json = JSON::PP->new->canonical;

# The value below which a fraction q of the sorted samples lie: nearest rank,
# as the guest computes it (tests/vm/overhead_bench.c).
sub quantile {
    my ($q, @s) = @_;
    return $s[int($q * $#s + 0.5)];
}

# The medians of instruction-counted boots: %counted of the idle boots, by
# config, then operation, then boot; %confined of the confined boots, by
# config, rules, operation, then boot.
my (@records, %merged, %per_boot, %counted, %confined, @counted_cgroups);
for my $tap (@ARGV) {
    open(my $fh, '<', $tap) or die "bench-report: $tap: $!\n";
    (my $boot = $tap) =~ s{.*/|\.tap$}{}g;
    my $mode = '';
    while (<$fh>) {
        next unless /^# bench (\{.*\})\s*$/;
        my $r = eval { $json->decode($1) } or die "bench-report: $tap:$.: not JSON: $1\n";
        $mode = $r->{mode} if $r->{name} eq 'guest';
        if ($mode =~ /^(idle|confined)/ && $r->{samples_ns}) {
            @{$r}{qw(clock boot)} = ('icount', $boot);
            if ($1 eq 'idle') {
                $counted{$r->{config}}{$r->{name}}{$boot} = $r->{median_ns};
            } elsif (!$r->{depth} && !$r->{cgroups}) {
                $confined{$r->{config}}{$r->{rules}}{$r->{name}}{$boot} = $r->{median_ns};
            }
            push @records, $r;
            next;
        }
        if ($mode =~ /^confined/ && $r->{name} eq 'cgroups_ratio') {
            @{$r}{qw(clock boot)} = ('icount', $boot);
            push @counted_cgroups, $r;
            push @records, $r;
            next;
        }
        if ($r->{config} eq 'baseline' && $r->{samples_ns}) {
            $per_boot{$boot}{$r->{name}} = $r->{median_ns};
            if (my $m = $merged{$r->{name}}) {
                push @{$m->{samples_ns}}, @{$r->{samples_ns}};
                $m->{iterations} += $r->{iterations};
                next;
            }
            $merged{$r->{name}} = $r;
        }
        $r->{boot} = $boot if $r->{name} eq 'guest';
        push @records, $r;
    }
    close $fh;
}
die "bench-report: no records in @ARGV\n" unless @records;
for my $m (values %merged) {
    my @s = sort { $a <=> $b } @{$m->{samples_ns}};
    @{$m}{qw(median_ns p10_ns p90_ns)} = map { quantile($_, @s) } 0.5, 0.1, 0.9;
}
push @records, { name => 'host', config => '', rules => 0, wall_seconds => $seconds,
                 load_average => $loads };
open(my $fh, '>', $out) or die "bench-report: $out: $!\n";
print $fh "[\n", join(",\n", map { '  ' . $json->encode($_) } @records), "\n]\n";
close $fh;

# Lookups: the record of name, config, rules and an extra key (depth, cgroups),
# timed by the wall clock.
sub find {
    my ($name, $config, $rules, $key, $val) = @_;
    for my $r (@records) {
        next unless $r->{name} eq $name && $r->{config} eq $config && !$r->{clock};
        next if defined $rules && $r->{rules} != $rules;
        next if defined $key && ($r->{$key} // -1) != $val;
        return $r;
    }
    return undef;
}
sub med { my $r = find(@_); return $r ? $r->{median_ns} : undef }

my @ops = qw(open_close stat exec mmap_exec socket_connect fork_exit);
# getppid, which no LSM sees: it moves with the host's speed alone, so
# ratios to it compare boots taken under different host load.
my $yardstick = 'syscall';
my @sizes = sort { $a <=> $b } map { $_->{rules} }
            grep { $_->{name} eq 'open_close' && $_->{config} eq 'ctrpol' && !$_->{clock} } @records;
my @cols = (['ctrpol-idle', 0, 'idle'], ['ctrpol-elsewhere', 0, 'elsewhere'],
            (map { my $c = $_; map { [$c, $_, "$c-$_"] } @sizes } qw(ctrpol apparmor landlock)),
            map { ['ctrpol-depth', $sizes[0], "depth$_", 'depth', $_] } 1, 8);

print "\nbench: median ns per operation, and as a ratio to the baseline (the kernel without ctrpol)\n";
printf "%-15s %9s", 'operation', 'baseline';
printf " %14s", $_->[2] for @cols;
print "\n";
for my $op (@ops, $yardstick, 'open_denied') {
    my $base = med($op, 'baseline');
    printf "%-15s %9s", $op, defined $base ? sprintf('%.0f', $base) : '-';
    for my $c (@cols) {
        my $v = med($op, $c->[0], $c->[1], $c->[3], $c->[4]);
        printf " %14s", !defined $v ? '-' : defined $base ? sprintf('%.0f %5.3fx', $v, $v / $base)
                                                        : sprintf('%.0f', $v);
    }
    print "\n";
}

# The medians of the instruction-counted boots of config, for op, sorted.
sub counted_boots {
    my ($config, $op) = @_;
    my $boots = $counted{$config}{$op} // {};
    return sort { $a <=> $b } values %$boots;
}

# The plot's data: per operation, the median of each configuration but the
# depths, and its p10 and p90, as ratios to the baseline, as in the table.
# Where there were instruction-counted boots, after idle, idle-icount: the
# median of its boots over the counted baseline's, from its least to its
# most boot (scripts/bench-plot.gp colours the columns by their order).
if ($plot_data) {
    my @plotted = grep { !$_->[3] } @cols;
    splice(@plotted, 1, 0, ['', '', 'idle-icount'])
        if grep { %{$counted{baseline}{$_} // {}} && %{$counted{'ctrpol-idle'}{$_} // {}} } @ops;
    open(my $dat, '>', $plot_data) or die "bench-report: $plot_data: $!\n";
    print $dat join(' ', '#', 'operation', map { ($_->[2], 'p10', 'p90') } @plotted), "\n";
    for my $op (@ops) {
        my $base = med($op, 'baseline');
        my ($cbase, @ci) = (quantile(0.5, counted_boots('baseline', $op)), counted_boots('ctrpol-idle', $op));
        my @counted = ($cbase // 0) > 0 && @ci ? map { $_ / $cbase } quantile(0.5, @ci), @ci[0, -1] : ();
        print $dat join(' ', $op, map {
            my $r = find($op, @$_[0, 1]);
            my @v = $_->[2] eq 'idle-icount' ? @counted
                  : $r && $base ? map { $r->{$_} / $base } qw(median_ns p10_ns p90_ns) : ();
            @v ? map { sprintf('%.4f', $_) } @v : ('NaN') x 3
        } @plotted), "\n";
    }
    close $dat;
}

# The targets of issue 9, each met or missed, with the numbers.
my ($met, $missed) = (0, 0);
sub target {
    my ($ok, $what) = @_;
    if (!defined $ok) {
        print "  n/a     $what\n";
        return;
    }
    $ok ? $met++ : $missed++;
    printf "  %-7s %s\n", $ok ? 'met' : 'MISSED', $what;
}
# The noise floor between boots: the baseline's two boots against each other.
my @base_boots = sort keys %per_boot;
# An operation as a multiple of the yardstick, in each baseline boot and averaged.
sub base_norm {
    my ($op, @boots) = @_;
    my @n = map { $per_boot{$_}{$op} / $per_boot{$_}{$yardstick} }
            grep { $per_boot{$_}{$op} && $per_boot{$_}{$yardstick} } @boots;
    return @n ? (eval { my $t = 0; $t += $_ for @n; $t / @n }) : undef;
}
if (@base_boots > 1) {
    print "\nbench: boot to boot, the same kernel without ctrpol ($base_boots[-1] / $base_boots[0]):\n ";
    for my $op (@ops, $yardstick) {
        my ($a, $b) = map { $per_boot{$_}{$op} } @base_boots[0, -1];
        my ($na, $nb) = map { base_norm($op, $_) } @base_boots[0, -1];
        printf " %s %.3fx (%.3fx of the yardstick)", $op, $b / $a, $nb / $na if $a && $b && $na;
    }
    print "\n";
}
# Nothing attached against the baseline, instruction-counted: the median of
# each kernel's boots (now and then a boot runs a few percent slower
# throughout: docs/benchmarks.md), and how far boots of one kernel lie apart
# (max / min).
my %idle_vs_base;
if (%counted) {
    print "\nbench: nothing attached against the baseline, instruction-counted (-icount: guest ns\n",
          "are guest instructions); the median of each boot, the medians of the boots compared\n";
    printf "%-15s %-40s %-40s %8s %8s\n", 'operation', 'baseline boots', 'idle boots', 'idle', 'spread';
    for my $op (@ops, $yardstick) {
        my @per = map { my $b = $counted{$_}{$op} // {}; [map { $b->{$_} } sort keys %$b] }
                  'baseline', 'ctrpol-idle';
        next unless @{$per[0]} && @{$per[1]};
        # A slice that failed is -errno: its boot's median may be too.
        my $failed = grep { $_ <= 0 } map { @$_ } @per;
        my ($base, $idle) = map { quantile(0.5, sort { $a <=> $b } @$_) } @per;
        my ($dev, $spread) = (0, 0);
        if (!$failed) {
            $dev = $idle / $base - 1;
            for my $v (@per) {
                my @s = sort { $a <=> $b } @$v;
                $spread = $s[-1] / $s[0] - 1 if $s[-1] / $s[0] - 1 > $spread;
            }
        }
        $idle_vs_base{$op} = [$dev, $spread, scalar @{$per[0]}, scalar @{$per[1]}, $failed];
        printf "%-15s %-40s %-40s %8s %8s\n", $op, map({ join(' ', @$_) } @per),
               $failed ? ('failed', '-') : (sprintf('%+.2f%%', $dev * 100), sprintf('%.2f%%', $spread * 100));
    }
}
# Confined against unconfined, instruction-counted: in each boot what each
# LSM's confinement adds to the unconfined task (ctrpol-elsewhere) of the
# same rounds; the median of the boots.  undef where a slice failed.
my %confined_overheads;
if (%confined) {
    print "\nbench: what confinement adds to the unconfined task (ctrpol-elsewhere), instruction-counted;\n",
          "in each boot, then the median of the boots\n";
    printf "%-11s %6s %-34s %-34s %-34s\n", 'operation', 'rules', 'ctrpol', 'apparmor', 'landlock';
    for my $op (qw(open_close stat)) {
        my $idle = $confined{'ctrpol-elsewhere'}{0}{$op} // {};
        my @boots = sort keys %$idle;
        next unless @boots;
        for my $n (sort { $a <=> $b } keys %{$confined{ctrpol} // {}}) {
            my %o = (boots => scalar @boots);
            printf "%-11s %6d", $op, $n;
            for my $lsm (qw(ctrpol apparmor landlock)) {
                my $v = $confined{$lsm}{$n}{$op} // {};
                my @d = map { defined $v->{$_} && $v->{$_} > 0 && $idle->{$_} > 0 ? $v->{$_} - $idle->{$_} : undef } @boots;
                my $text = 'failed';
                if (!grep { !defined } @d) {
                    $o{$lsm} = quantile(0.5, sort { $a <=> $b } @d);
                    $text = sprintf('%.0f (%s)', $o{$lsm}, join(' ', map { sprintf('%.0f', $_) } @d));
                }
                printf " %-34s", $text;
            }
            print "\n";
            $confined_overheads{$op}{$n} = \%o;
        }
    }
}
print "\nbench: targets\n";
# Within 1% either way: ctrpol cannot save work, so fewer instructions with
# it than without, by more than boots of one kernel differ, mean that the
# boots did not do the same work (an operation failing: a slice of -errno).
for my $op (@ops) {
    my $v = $idle_vs_base{$op};
    if (!$v) {
        target(undef, "nothing attached within 1% of the baseline: $op (no instruction-counted boots)");
        next;
    }
    my ($dev, $spread, $failed) = @{$v}[0, 1, 4];
    if ($failed) {
        target(0, "nothing attached within 1% of the baseline, instruction-counted: $op failed in a boot "
                  . '(a median of 0 or less: its slices are -errno); see the icount boots\' TAP');
        next;
    }
    my $why = '';
    if (abs($dev) > 0.01 && abs($dev) <= $spread) {
        $why = ': no more than boots of one kernel differ, so noise, not a verdict';
    } elsif ($dev < -0.01) {
        $why = ': FEWER instructions with ctrpol than without, beyond the spread of the boots: '
             . 'something is wrong with these boots (not the same work?); see their TAP and consoles';
    }
    target(abs($dev) <= 0.01,
           sprintf('nothing attached within 1%% of the baseline, instruction-counted: %s %+.2f%% '
                   . '(%d and %d boots; boots of one kernel %.2f%% apart at most)%s',
                   $op, $dev * 100, @{$v}[2, 3], $spread * 100, $why));
}
# Where the instruction-counted boots measured a target, they judge it and
# the wall clock's comparison is printed beside it ("also measured"): by the
# wall clock these differences hide in the host's noise (docs/benchmarks.md).
# Each argument is [met, text], or false where that clock did not measure it.
my @wall_beside;
sub judged {
    my ($counted, $wall) = @_;
    if ($counted) {
        target(@$counted);
        push @wall_beside, $wall->[1] if $wall;
    } elsif ($wall) {
        target(@$wall);
    }
}
# Overheads against the unconfined task of the same rounds (ctrpol attached
# elsewhere: the state the confined configurations are measured in).
for my $op (qw(open_close stat)) {
    my $idle = med($op, 'ctrpol-elsewhere');
    my $counted = $confined_overheads{$op} // {};
    my %both = map { $_ => 1 } @sizes, keys %$counted;
    for my $n (sort { $a <=> $b } keys %both) {
        my ($c, $a) = (med($op, 'ctrpol', $n), med($op, 'apparmor', $n));
        my $wall = defined $c && defined $a && defined $idle && do {
            my ($oc, $oa) = ($c - $idle, $a - $idle);
            [$oc <= $oa / 2, sprintf('%s, %d rules: ctrpol adds %.0f ns, at most half of AppArmor\'s %.0f ns (%.0f%%)',
                                     $op, $n, $oc, $oa, $oa > 0 ? $oc / $oa * 100 : 0)];
        };
        my $o = $counted->{$n};
        my $count = $o && (defined $o->{ctrpol} && defined $o->{apparmor}
            ? [$o->{ctrpol} <= $o->{apparmor} / 2,
               sprintf('%s, %d rules, instruction-counted: ctrpol adds %.0f, at most half of AppArmor\'s %.0f (%.0f%%; '
                       . 'the median of %d boots)', $op, $n, $o->{ctrpol}, $o->{apparmor},
                       $o->{apparmor} > 0 ? $o->{ctrpol} / $o->{apparmor} * 100 : 0, $o->{boots})]
            : [0, "$op, $n rules, instruction-counted: failed in a boot (see the confined boots' TAP)"]);
        judged($count, $wall);
    }
}
{
    # Counted, each boot's two medians compared.
    my ($small, $large) = (med('open_close', 'ctrpol', $sizes[0]), med('open_close', 'ctrpol', $sizes[-1]));
    my $wall = defined $small && defined $large
        && [$large <= $small * 1.10, sprintf('open_close: %d rules %+.1f%% over %d rules (at most 10%%)',
                                             $sizes[-1], ($large / $small - 1) * 100, $sizes[0])];
    my @n = sort { $a <=> $b } keys %{$confined{ctrpol} // {}};
    my @r;
    if (@n > 1) {
        my ($cs, $cl) = map { $confined{ctrpol}{$_}{open_close} // {} } @n[0, -1];
        @r = sort { $a <=> $b } map { $cl->{$_} / $cs->{$_} }
             grep { ($cs->{$_} // 0) > 0 && ($cl->{$_} // 0) > 0 } keys %$cs;
    }
    my $m = @r && quantile(0.5, @r);
    judged(@r && [$m <= 1.10, sprintf('open_close: %d rules %+.2f%% over %d rules, instruction-counted (the '
                                                  . 'median of %d boots) (at most 10%%)', $n[-1], ($m - 1) * 100, $n[0],
                                                  scalar @r)],
           $wall);
}
{
    my ($allowed, $denied) = (med('open_close', 'ctrpol', $sizes[0]), med('open_denied', 'ctrpol', $sizes[0]));
    my ($aa_allowed, $aa_denied) = (med('open_close', 'apparmor', $sizes[0]), med('open_denied', 'apparmor', $sizes[0]));
    target($denied <= $allowed * 1.5, sprintf('a denied open with its event: %.2fx an allowed open+close (at most 1.5x; AppArmor %.2fx)',
                                             $denied / $allowed, $aa_denied / $aa_allowed))
        if defined $allowed && defined $denied && $aa_allowed;
    for my $e (grep { $_->{name} eq 'events' } @records) {
        target($e->{sent} == $e->{denials} && !$e->{dropped},
               sprintf('no event lost: %s %d rules%s: %d denials, %d events sent, %d dropped', $e->{config}, $e->{rules},
                       $e->{depth} ? " depth $e->{depth}" : '', $e->{denials}, $e->{sent}, $e->{dropped}));
    }
}
{
    # Each phase with many attached against the phases with 1 on either
    # side, in slices paired with the unconfined control's: drift cancels.
    my $r = find('cgroups_ratio', 'ctrpol-cgroups');
    my @m = sort { $a <=> $b } map { $_->{median} } @counted_cgroups;
    my $c = $counted_cgroups[0];
    judged(@m && [quantile(0.5, @m) <= 1.03,
                  sprintf('%d attached cgroups cost what %d does, instruction-counted: %+.2f%% (the median of %d '
                          . 'boots: %s) (within 3%%)', $c->{cgroups}, $c->{versus}, (quantile(0.5, @m) - 1) * 100,
                          scalar @m, join(' ', map { sprintf('%+.2f%%', ($_ - 1) * 100) } @m))],
           $r && [$r->{median} <= 1.03,
                  sprintf('%d attached cgroups cost what %d does: %+.1f%% (p10 %+.1f%%, p90 %+.1f%%) paired with the '
                          . 'unconfined control (unpaired: %+.1f%%, the control itself %+.1f%%) (within 3%%)',
                          $r->{cgroups}, $r->{versus},
                          map { ($_ - 1) * 100 } @{$r}{qw(median p10 p90 raw_median control_median)})]);
    my ($d1, $d8) = map { med('open_close', 'ctrpol-depth', undef, 'depth', $_) } 1, 8;
    target($d8 <= $d1 * 1.10, sprintf('depth 8: %+.1f%% over depth 1 (at most 10%%)', ($d8 / $d1 - 1) * 100))
        if defined $d1 && defined $d8;
    my $load = med('policy_load', 'ctrpol', $sizes[-1]);
    target($load < 100e6, sprintf('loading a %d-rule profile: %.1f ms (under 100 ms)', $sizes[-1], $load / 1e6))
        if defined $load;
}
print "\nbench: also measured\n";
print "  wall clock: $_\n" for @wall_beside;
for my $r (grep { $_->{name} =~ /^(policy_|kmem_)/ && !$_->{clock} } @records) {
    printf "  %-20s %-9s %6d rules: %s\n", $r->{name}, $r->{config}, $r->{rules},
        defined $r->{bytes}
            ? sprintf('%d bytes, %d expected (slab %d, per-CPU %d, vmalloc %d%s; median of %d steps of %d)',
                      $r->{bytes}, $r->{expected_bytes}, $r->{slab_bytes}, $r->{percpu_bytes}, $r->{vmalloc_bytes},
                      $r->{blob_bytes} ? "; blob $r->{blob_bytes}" : '', scalar @{$r->{samples_bytes}}, $r->{objects})
            : sprintf('%.2f ms', $r->{median_ns} / 1e6);
}
if (my $r = find('cgroups_ratio', 'ctrpol-cgroups')) {
    printf "  attaching %d cgroups: %.1f s (%.2f ms each, with up to %d attached)\n", $r->{cgroups} - 1,
        $r->{attach_ms} / 1e3, $r->{attach_ms} / ($r->{cgroups} - 1), $r->{cgroups};
}
printf "\nbench: %d targets met, %d missed; %s; %d s of wall time; host load %s\n", $met, $missed, $out, $seconds, $loads;
