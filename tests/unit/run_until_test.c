// SPDX-License-Identifier: GPL-2.0
/* run_until: how ctrpol monitor and learn wait for events until they are told to stop. */
#include <signal.h>
#include <stdio.h>

#include "harness.h"
#include "util/exit_codes.h"
#include "util/run_until.h"

TEST(without_a_deadline_waits_come_in_slices)
{
	int wait = run_until_wait_ms(0);

	ASSERT_TRUE(wait > 0 && wait <= 1000);
	ASSERT_EQ(run_until_deadline(0), 0);
}

TEST(a_wait_never_runs_past_the_deadline)
{
	ASSERT_TRUE(run_until_wait_ms(run_until_now_ms() + 40) <= 40);
	ASSERT_EQ(run_until_wait_ms(run_until_now_ms() - 1), 0);
	ASSERT_TRUE(run_until_deadline(2) >= run_until_now_ms() + 1900);
}

TEST(a_stop_signal_ends_the_waiting_not_the_process)
{
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	size_t i;

	run_until_catch_signals();
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		raise(signals[i]);
		ASSERT_EQ(run_until_wait_ms(0), 0);
	}
}

TEST(durations_are_whole_positive_seconds)
{
	static const char *const bad[] = { "0", "-1", "1.5", "", "10s", "99999999999" };
	long seconds;
	size_t i;

	ASSERT_EQ(run_until_parse_duration("test", "90", &seconds), 0);
	ASSERT_EQ(seconds, 90);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (run_until_parse_duration("test", bad[i], &seconds) != CTRPOL_EXIT_USAGE)
			FAIL("'%s' is taken as a duration", bad[i]);
}
