// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: ctrpol monitor as an operator runs it, piped into a file
 * while a confined cgroup is denied something; its text and JSON lines,
 * its filters, how it stops, and the counters status and list show after.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/ctrpol.h>

#include "confine.h"
#include "harness.h"

#define NOBODY 65534
#define OUT "/tmp/monitor.out"
#define ERR "/tmp/monitor.err"
#define SECRET "/tmp/mon-secret"
/* TCG is slow: how long to wait for the monitor to join, and to show a line. */
#define TRIES 50
#define TRY_MS 200

/* Start `ctrpol monitor ARGS` as uid, stdout and stderr into OUT and ERR; its pid. */
static pid_t start_monitor(uid_t uid, char *const argv[])
{
	pid_t pid = fork();
	int out, err;

	ASSERT_TRUE(pid >= 0);
	if (pid)
		return pid;
	out = open(OUT, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	err = open(ERR, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(120);
	if (uid != AS_CALLER)
		become_user(uid);
	execvp("ctrpol", argv);
	_exit(121);
}

/* The whole of path, in a static buffer ("" when it cannot be read). */
static const char *slurp(const char *path)
{
	static char text[65536];

	read_text(path, text, sizeof(text));
	return text;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/*
 * Until the monitor shows a line holding want, be denied a read of SECRET
 * from cgroup: the first tries may come before it joined the group.
 */
static void provoke_until_shown(const char *cgroup, const char *want)
{
	int i;

	for (i = 0; i < TRIES; i++) {
		ASSERT_EQ(try_in(cgroup, "read", SECRET, NULL), EACCES);
		sleep_ms(TRY_MS);
		if (strstr(slurp(OUT), want))
			return;
	}
	/* One at a time: slurp() returns the same buffer each call. */
	printf("# the monitor said:\n%s\n", slurp(ERR));
	FAIL("the monitor never showed \"%s\"; it wrote:\n%s", want, slurp(OUT));
}

/* The first line the monitor wrote, as a TAP comment: what the kernel's events look like. */
static void show_first_line(void)
{
	const char *out = slurp(OUT);

	printf("# %.*s\n", (int)strcspn(out, "\n"), out);
}

/* Stop the monitor with sig: it exits 0 and sums up on stderr. */
static void stop_monitor(pid_t pid, int sig)
{
	int status;

	ASSERT_EQ(kill(pid, sig), 0);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		FAIL("monitor ended with status 0x%x; it said:\n%s", status, slurp(ERR));
	ASSERT_CONTAINS(slurp(ERR), " events shown, ");
}

/* A cgroup confined by profile name, denied reads of SECRET. */
static void confine_denying(struct confined *c, const char *name)
{
	put_file(SECRET, "secret\n", 0644);
	confine(c, name, "default allow\ndeny read " SECRET);
}

/* A monitor started with argv shows c's denial (a line holding want), then sig stops it. */
static void watch_a_denial(struct confined *c, char *const argv[], const char *want, int sig)
{
	pid_t pid = start_monitor(AS_CALLER, argv);

	provoke_until_shown(c->cgroup, want);
	stop_monitor(pid, sig);
	show_first_line();
}

TEST(json_lines_of_a_denial)
{
	struct confined c;

	confine_denying(&c, "mon-json");
	watch_a_denial(&c, (char *[]){ "ctrpol", "monitor", "--json", NULL },
		       "\"profile\":\"mon-json\"", SIGTERM);
	ASSERT_CONTAINS(slurp(OUT), "\"verdict\":\"denied\",\"class\":\"file\","
			"\"operation\":[\"read\"],\"denied\":[\"read\"],\"profile\":\"mon-json\",");
	ASSERT_CONTAINS(slurp(OUT), "\"cgroup\":\"/mon-json\",");
	ASSERT_CONTAINS(slurp(OUT), ",\"path\":\"" SECRET "\",\"boundary\":false}\n");
	unconfine(&c);
}

TEST(text_lines_of_a_denial)
{
	struct confined c;

	confine_denying(&c, "mon-text");
	watch_a_denial(&c, (char *[]){ "ctrpol", "monitor", NULL }, " denied mon-text pid ",
		       SIGINT);
	ASSERT_CONTAINS(slurp(OUT), " /mon-text: file read " SECRET " [denied: read] exe ");
	unconfine(&c);
}

TEST(filters_show_one_profile_or_one_cgroup_subtree)
{
	struct confined shown, hidden;
	char dir[256];
	pid_t pid;

	confine_denying(&shown, "mon-shown");
	confine_denying(&hidden, "mon-hidden");
	snprintf(dir, sizeof(dir), CGROUP_ROOT "/%s", shown.cgroup);
	pid = start_monitor(AS_CALLER, (char *[]){ "ctrpol", "monitor", "--cgroup", dir, NULL });
	ASSERT_EQ(try_in(hidden.cgroup, "read", SECRET, NULL), EACCES);
	provoke_until_shown(shown.cgroup, " denied mon-shown ");
	ASSERT_EQ(try_in(hidden.cgroup, "read", SECRET, NULL), EACCES);
	stop_monitor(pid, SIGTERM);
	ASSERT_TRUE(!strstr(slurp(OUT), "mon-hidden"));

	pid = start_monitor(AS_CALLER, (char *[]){ "ctrpol", "monitor", "--profile",
						   "mon-hidden", NULL });
	ASSERT_EQ(try_in(shown.cgroup, "read", SECRET, NULL), EACCES);
	provoke_until_shown(hidden.cgroup, " denied mon-hidden ");
	stop_monitor(pid, SIGTERM);
	ASSERT_TRUE(!strstr(slurp(OUT), "mon-shown"));
	unconfine(&shown);
	unconfine(&hidden);
}

TEST(duration_ends_a_quiet_monitor)
{
	int status;
	pid_t pid = start_monitor(AS_CALLER, (char *[]){ "ctrpol", "monitor", "--duration", "1",
							 NULL });

	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ASSERT_CONTAINS(slurp(ERR), "ctrpol monitor: 0 events shown, 0 dropped by the rate limit, "
			"0 receive buffer overflows\n");
}

TEST(joining_the_group_needs_cap_net_admin)
{
	int status;
	pid_t pid = start_monitor(NOBODY, (char *[]){ "ctrpol", "monitor", NULL });

	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(WEXITSTATUS(status), 4);
	ASSERT_CONTAINS(slurp(ERR), "ctrpol monitor: permission denied: ");
	ASSERT_CONTAINS(slurp(ERR), "CAP_NET_ADMIN");
}

static unsigned long long counter(const char *profile, int type)
{
	return profile_counter(profile, type);
}

TEST(status_and_list_count_the_events)
{
	struct confined c;
	struct cmd_result r;
	char line[256];

	confine_denying(&c, "mon-count");
	watch_a_denial(&c, (char *[]){ "ctrpol", "monitor", NULL }, " denied mon-count ",
		       SIGTERM);
	run_cmd((char *[]){ "ctrpol", "status", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.out, "\nevents:            ");
	ASSERT_CONTAINS(r.out, " per profile)\n");
	snprintf(line, sizeof(line), "\nprofile mon-count  %llu allowed, %llu denied, 0 complained; "
		 "%llu events, 0 dropped\n", counter("mon-count", CTRPOL_COUNTER_ALLOWED),
		 counter("mon-count", CTRPOL_COUNTER_DENIED),
		 counter("mon-count", CTRPOL_COUNTER_EVENTS));
	ASSERT_CONTAINS(r.out, line);
	run_cmd((char *[]){ "ctrpol", "list", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.out, "mon-count ");
	ASSERT_CONTAINS(r.out, "\n  file ");
	run_cmd((char *[]){ "ctrpol", "list", "--json", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.out, "\"classes\":{\"file\":{\"allowed\":");
	unconfine(&c);
}
