// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: ptrace and signals across the container's boundary.
 * Container A's profile allows usr1 to container B, ptrace read of the
 * host, nothing else outside; tasks inside A reach each other freely, and
 * the host reaches into A.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attempts.h"
#include "confine.h"
#include "harness.h"

/* What act does from cgroup to pid (with sig): 0 or its errno. */
static int from(const char *cgroup, int (*act)(const void *), pid_t pid, int sig)
{
	const struct target a = { pid, sig };

	return run_in(cgroup, AS_CALLER, act, &a);
}

TEST(the_boundary_is_crossed_only_where_a_rule_allows)
{
	struct confined a, b;
	pid_t in_a, in_b, host;

	confine(&a, "peer-a", "default allow\nallow signal usr1 peer peer-b\n"
		"allow ptrace read peer unconfined");
	confine(&b, "peer-b", "default allow");
	cgroup_create("peer-a/inner");
	in_a = park_in("peer-a/inner");
	in_b = park_in(b.cgroup);
	host = park_in(NULL);

	/* Inside the container: no rule needed. */
	ASSERT_EQ(from(a.cgroup, attempt_kill, in_a, SIGUSR2), 0);
	ASSERT_EQ(from(a.cgroup, attempt_ptrace_attach, in_a, 0), 0);
	/* To container B: usr1 only, and signal 0 with it. */
	ASSERT_EQ(from(a.cgroup, attempt_kill, in_b, SIGUSR1), 0);
	ASSERT_EQ(from(a.cgroup, attempt_kill, in_b, SIGUSR2), EPERM);
	ASSERT_EQ(from(a.cgroup, attempt_kill, in_b, 0), 0);
	ASSERT_EQ(from(a.cgroup, attempt_read_environ, in_b, 0), EACCES);
	/* To the host: ptrace read only, whatever "default allow" says. */
	ASSERT_EQ(from(a.cgroup, attempt_kill, host, SIGUSR1), EPERM);
	ASSERT_EQ(from(a.cgroup, attempt_kill, host, 0), EPERM);
	ASSERT_EQ(from(a.cgroup, attempt_read_environ, host, 0), 0);
	ASSERT_EQ(from(a.cgroup, attempt_ptrace_attach, host, 0), EPERM);
	/* B's profile has no peer rule: A is out of its reach. */
	ASSERT_EQ(from(b.cgroup, attempt_kill, in_a, SIGUSR1), EPERM);
	/* The host reaches into containers. */
	ASSERT_EQ(from(NULL, attempt_kill, in_a, SIGUSR2), 0);
	ASSERT_EQ(from(NULL, attempt_ptrace_attach, in_a, 0), 0);

	kill(in_a, SIGKILL);
	kill(in_b, SIGKILL);
	kill(host, SIGKILL);
	waitpid(in_a, NULL, 0);
	waitpid(in_b, NULL, 0);
	waitpid(host, NULL, 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/peer-a/inner"), 0);
	unconfine(&a);
	unconfine(&b);
}

/* Move task pid (0: the caller) into CGROUP_ROOT/cgroup, as the host may; 0 or errno. */
static int move_task(pid_t pid, const char *cgroup)
{
	char path[256], text[16];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s/cgroup.procs", CGROUP_ROOT, cgroup);
	snprintf(text, sizeof(text), "%d", pid);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		ret = errno;
	if (fd >= 0)
		close(fd);
	return ret;
}

/*
 * A parent in container A whose child the host moved to container B: the
 * child's PTRACE_TRACEME makes the parent its tracer across the boundary,
 * which A's profile (no peer rule) refuses.  Exits with the child's errno.
 */
static void parent_of_moved_child(const char *cgroup_a, int tell[2], int go[2])
{
	int status;
	pid_t child;
	char c;

	if (move_task(0, cgroup_a))
		_exit(90);
	child = fork();
	if (child == 0) {
		if (read(go[0], &c, 1) != 1)
			_exit(91);
		_exit(ptrace(PTRACE_TRACEME, 0, NULL, NULL) ? errno : 0);
	}
	if (write(tell[1], &child, sizeof(child)) != sizeof(child))
		_exit(92);
	waitpid(child, &status, 0);
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 93);
}

/* The errno of PTRACE_TRACEME across the boundary, A's profile having rules_a. */
static int traceme_across(const char *rules_a)
{
	struct confined a, b;
	int tell[2], go[2], status;
	pid_t parent, child;

	confine(&a, "tme-a", rules_a);
	confine(&b, "tme-b", "default allow");
	if (pipe(tell) || pipe(go))
		FAIL("pipe: %s", strerror(errno));
	parent = fork();
	if (parent == 0)
		parent_of_moved_child(a.cgroup, tell, go);
	ASSERT_EQ(read(tell[0], &child, sizeof(child)), sizeof(child));
	ASSERT_EQ(move_task(child, b.cgroup), 0);
	ASSERT_EQ(write(go[1], "g", 1), 1);
	ASSERT_EQ(waitpid(parent, &status, 0), parent);
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) < 90);
	unconfine(&a);
	unconfine(&b);
	return WEXITSTATUS(status);
}

TEST(traceme_asks_the_tracer_profile)
{
	ASSERT_EQ(traceme_across("default allow"), EPERM);
	ASSERT_EQ(traceme_across("default allow\nallow ptrace trace peer tme-b"), 0);
}
