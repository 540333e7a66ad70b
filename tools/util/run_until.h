/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Commands that run until they are stopped, ctrpol monitor and learn: by a
 * stop signal (Ctrl-C, a service manager's SIGTERM...), or once --duration
 * SECONDS have passed.  They wait for events in slices, and stop between.
 */
#ifndef CTRPOL_RUN_UNTIL_H
#define CTRPOL_RUN_UNTIL_H

#include <stdint.h>

/*
 * --duration's argument: whole seconds, 1 or more.  Returns 0, or
 * CTRPOL_EXIT_USAGE after saying what is wrong, as `ctrpol cmd`.
 */
int run_until_parse_duration(const char *cmd, const char *arg, long *seconds);

/*
 * From now on SIGINT, SIGTERM, SIGHUP and SIGQUIT ask the command to stop,
 * instead of ending the process, and cut short the wait they interrupt.
 */
void run_until_catch_signals(void);

/* CLOCK_MONOTONIC, in milliseconds. */
int64_t run_until_now_ms(void);

/* The deadline seconds from now, for run_until_wait_ms(); 0, none, for 0 seconds. */
int64_t run_until_deadline(long seconds);

/*
 * How long the next wait may last, in milliseconds: until the deadline (0:
 * none), and at most a slice, so that a stop signal that lands just before
 * a wait is seen soon after.  0 when it is time to stop: a stop signal
 * came, or the deadline passed.
 */
int run_until_wait_ms(int64_t deadline);

#endif
