// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "report.h"
#include "run_until.h"

/* How late a stop signal that lands after the check and before the wait is seen. */
#define WAIT_SLICE_MS	250

static volatile sig_atomic_t stop_requested;

static void request_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

int run_until_parse_duration(const char *cmd, const char *arg, long *seconds)
{
	char *end;

	errno = 0;
	*seconds = strtol(arg, &end, 10);
	if (!*arg || *end || errno || *seconds <= 0 || *seconds > INT_MAX)
		return report_usage(cmd, "'%s' is not a duration: give whole seconds, 1 or more",
				    arg);
	return 0;
}

void run_until_catch_signals(void)
{
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa = { .sa_handler = request_stop };
	size_t i;

	/* No SA_RESTART: the signal must cut the wait short. */
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaction(signals[i], &sa, NULL);
}

int64_t run_until_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t run_until_deadline(long seconds)
{
	return seconds ? run_until_now_ms() + (int64_t)seconds * 1000 : 0;
}

int run_until_wait_ms(int64_t deadline)
{
	int64_t left = deadline ? deadline - run_until_now_ms() : WAIT_SLICE_MS;

	if (stop_requested || left <= 0)
		return 0;
	return left < WAIT_SLICE_MS ? (int)left : WAIT_SLICE_MS;
}
