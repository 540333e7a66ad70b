// SPDX-License-Identifier: GPL-2.0
/*
 * tap-run (tests/runner/tap_run.c): every way a test can fail without saying
 * "not ok" becomes a "not ok" line naming it and why.  TAP_RUN names the
 * binary (tests/run.sh sets it); the tests it judges here are small shell
 * scripts that misbehave on purpose.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/* tap-run's verdict on the script: its exit status and what it printed. */
static void judge(const char *script, const char *option, struct cmd_result *res)
{
	const char *tap_run = getenv("TAP_RUN");
	char *argv[8];
	int n = 0;

	if (!tap_run)
		FAIL("TAP_RUN is not set: run through tests/run.sh");
	argv[n++] = (char *)tap_run;
	if (option) {
		argv[n++] = (char *)option;
		if (!strcmp(option, "--case-timeout"))
			argv[n++] = "1";
	}
	argv[n++] = "t";
	argv[n++] = "/bin/sh";
	argv[n++] = "-c";
	argv[n++] = (char *)script;
	argv[n] = NULL;
	run_cmd(argv, AS_CALLER, res);
}

static void passes(const char *script, const char *option)
{
	struct cmd_result res;

	judge(script, option, &res);
	if (res.status != 0 || strstr(res.out, "not ok"))
		FAIL("'%s' was judged failed (exit %d):\n%s", script, res.status, res.out);
	ASSERT_CONTAINS(res.out, "# tap-run: end t: ");
}

static void fails(const char *script, const char *option, const char *why)
{
	struct cmd_result res;

	judge(script, option, &res);
	ASSERT_EQ(res.status, 1);
	ASSERT_CONTAINS(res.out, why);
	ASSERT_CONTAINS(res.out, "# tap-run: end t: ");
}

TEST(a_whole_run_passes_with_its_plan_first_or_last)
{
	passes("echo 1..2; echo ok 1 a; echo 'ok 2 b # SKIP no reason'", NULL);
	passes("echo ok 1 a; echo 1..1", NULL);
	passes("echo '1..0 # SKIP nothing to test here'", NULL);
}

TEST(a_crash_names_the_signal_and_the_cases_left)
{
	fails("echo 1..3; echo ok 1 a; kill -SEGV $$", NULL,
	      "not ok - t: killed by SIGSEGV (Segmentation fault) after 1 case; "
	      "planned 3 cases, printed 1");
	fails("echo 1..1; kill -ABRT $$", NULL, "killed by SIGABRT");
}

TEST(a_non_zero_exit_without_a_failed_case_fails)
{
	fails("echo 1..1; echo ok 1 a; exit 3", NULL,
	      "not ok - t: exited with status 3, no case failed");
}

TEST(a_failed_case_is_counted_once)
{
	struct cmd_result res;

	judge("echo 1..2; echo 'not ok 1 a'; echo ok 2 b; exit 1", NULL, &res);
	ASSERT_EQ(res.status, 1);
	ASSERT_TRUE(!strstr(res.out, "not ok - t"));
	ASSERT_CONTAINS(res.out, "1 passed, 1 failed");
}

TEST(a_missing_or_wrong_plan_fails)
{
	fails("echo ok 1 a", NULL, "not ok - t: printed no TAP plan (1..N)");
	fails("echo 1..3; echo ok 1 a; echo ok 2 b", NULL, "planned 3 cases, printed 2");
	fails("echo 1..1; echo ok 1 a; echo ok 2 b", NULL, "planned 1 cases, printed 2");
	fails("echo 1..1; echo ok 1 a; echo 1..1", NULL, "printed 2 TAP plans");
}

TEST(several_streams_are_judged_by_their_exit_alone)
{
	passes("echo 1..1; echo ok 1 a; echo 1..2", "--no-plan");
	fails("echo ok 1 a; exit 1", "--no-plan", "exited with status 1");
}

TEST(a_missing_test_fails)
{
	struct cmd_result res;
	char *argv[] = { getenv("TAP_RUN"), "t", "/tests/not_there", NULL };

	if (!argv[0])
		FAIL("TAP_RUN is not set: run through tests/run.sh");
	run_cmd(argv, AS_CALLER, &res);
	ASSERT_EQ(res.status, 1);
	ASSERT_CONTAINS(res.out, "not ok - t: missing: /tests/not_there: No such file");
}

TEST(a_silent_test_is_killed_after_its_case_timeout)
{
	fails("echo 1..1; exec sleep 60", "--case-timeout",
	      "not ok - t: no TAP line for 1 s: killed after 0 cases");
}

TEST(what_a_test_leaves_running_is_ended_with_it)
{
	char pidfile[64], script[256], stat_path[64], line[256], state = 0;
	FILE *f;
	long pid;

	/* The background sleep keeps the output open: the run must end anyway, and the sleep with it. */
	snprintf(pidfile, sizeof(pidfile), "/tmp/tap_run_test.%d", (int)getpid());
	snprintf(script, sizeof(script), "echo 1..1; sleep 60 & echo $! >%s; echo ok 1 a", pidfile);
	passes(script, "--case-timeout");
	f = fopen(pidfile, "r");
	if (!f || fscanf(f, "%ld", &pid) != 1)
		FAIL("the script left no pid in %s", pidfile);
	fclose(f);
	unlink(pidfile);
	snprintf(stat_path, sizeof(stat_path), "/proc/%ld/stat", pid);
	f = fopen(stat_path, "r");
	if (f && fgets(line, sizeof(line), f))
		state = strrchr(line, ')')[2];
	if (f)
		fclose(f);
	/* Gone, or dead and waiting for whoever inherited it to reap it. */
	if (state && state != 'Z')
		FAIL("the test's background sleep (pid %ld) still runs, state %c", pid, state);
}
