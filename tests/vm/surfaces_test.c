// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: kernel surfaces and privilege.  Each operation is tried
 * from a cgroup whose profile denies it and from one whose profile allows
 * everything: refused with EPERM in the first, not refused in the second.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/ctrpol.h>

#include "attempts.h"
#include "confine.h"
#include "harness.h"

#define NOBODY 65534

static const struct surface {
	const char *name;
	int (*op)(const void *arg);
} surfaces[] = {
	{ "bpf", attempt_bpf },
	{ "perf", attempt_perf },
	{ "userns", attempt_userns },
	{ "keyctl", attempt_keyctl },
	{ "syslog", attempt_syslog },
	{ "module_load", attempt_init_module },
};

TEST(each_kernel_surface_is_refused_only_where_denied)
{
	struct confined denied, open;
	size_t i;

	confine(&denied, "surf-deny", "default allow\ndeny kernel all");
	confine(&open, "surf-open", "default allow");
	cgroup_create("surf-deny/nested");
	for (i = 0; i < sizeof(surfaces) / sizeof(surfaces[0]); i++) {
		int in_denied = run_in(denied.cgroup, AS_CALLER, surfaces[i].op, NULL);
		int in_nested = run_in("surf-deny/nested", AS_CALLER, surfaces[i].op, NULL);
		int in_open = run_in(open.cgroup, AS_CALLER, surfaces[i].op, NULL);

		if (in_denied != EPERM || in_nested != EPERM)
			FAIL("%s where denied: %s, nested: %s; want EPERM", surfaces[i].name,
			     in_denied ? strerror(in_denied) : "success",
			     in_nested ? strerror(in_nested) : "success");
		if (in_open == EPERM)
			FAIL("%s where allowed: EPERM", surfaces[i].name);
	}
	ASSERT_EQ(rmdir(CGROUP_ROOT "/surf-deny/nested"), 0);
	unconfine(&denied);
	unconfine(&open);
}

/*
 * An unknown socket family makes the kernel ask for a module, as the task:
 * 0 or the errno of the socket() call.
 */
static int request_module(const void *arg)
{
	int fd = socket(AF_APPLETALK, SOCK_DGRAM, 0);

	(void)arg;
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static uint64_t kernel_counter(const char *profile, int type)
{
	return profile_class_counter(profile, CTRPOL_RULE_KERNEL, type);
}

TEST(module_requests_are_refused_where_denied)
{
	struct confined denied, open;
	uint64_t refused, allowed;
	int unconfined;

	confine(&denied, "modreq", "default allow\ndeny kernel module_request");
	confine(&open, "modreq-open", "default allow");
	/*
	 * The guest has no AppleTalk: with or without the module request,
	 * socket() fails as for any family the kernel lacks.  A refused request
	 * shows only in the counter, and must not change what the caller sees.
	 */
	unconfined = run_in(NULL, AS_CALLER, request_module, NULL);
	ASSERT_EQ(unconfined, EAFNOSUPPORT);
	refused = kernel_counter(denied.name, CTRPOL_COUNTER_DENIED);
	ASSERT_EQ(run_in(denied.cgroup, AS_CALLER, request_module, NULL), unconfined);
	ASSERT_EQ(kernel_counter(denied.name, CTRPOL_COUNTER_DENIED), refused + 1);
	/* Where allowed: the same answer, the request counted as allowed. */
	allowed = kernel_counter(open.name, CTRPOL_COUNTER_ALLOWED);
	ASSERT_EQ(run_in(open.cgroup, AS_CALLER, request_module, NULL), unconfined);
	ASSERT_EQ(kernel_counter(open.name, CTRPOL_COUNTER_ALLOWED), allowed + 1);
	ASSERT_EQ(kernel_counter(open.name, CTRPOL_COUNTER_DENIED), 0);
	unconfine(&denied);
	unconfine(&open);
}

/* Root with a saved uid 0 and a user's effective uid takes root back. */
static int regain_root(const void *arg)
{
	(void)arg;
	if (setresuid(1000, 1000, 0))
		return 100;
	return seteuid(0) ? errno : 0;
}

TEST(becoming_root_again_is_refused_where_denied)
{
	struct confined denied, open;

	confine(&denied, "root-deny", "default allow\ndeny privilege root");
	confine(&open, "root-open", "default allow");
	cgroup_create("root-deny/nested");
	ASSERT_EQ(run_in(denied.cgroup, AS_CALLER, regain_root, NULL), EPERM);
	ASSERT_EQ(run_in("root-deny/nested", AS_CALLER, regain_root, NULL), EPERM);
	ASSERT_EQ(run_in(open.cgroup, AS_CALLER, regain_root, NULL), 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/root-deny/nested"), 0);
	unconfine(&denied);
	unconfine(&open);
}

/*
 * This very program, installed setuid root, reports its effective uid when
 * run with CTRPOL_PRINT_EUID set: the exit status is 0 for root, 1 otherwise.
 */
__attribute__((constructor)) static void print_euid(void)
{
	if (getenv("CTRPOL_PRINT_EUID"))
		_exit(geteuid() == 0 ? 0 : 1);
}

static int run_setuid_program(const void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		become_user(NOBODY);
		execle((const char *)arg, "suid", (char *)NULL,
		       (char *const[]){ "CTRPOL_PRINT_EUID=1", NULL });
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 126;
	return WEXITSTATUS(status);
}

TEST(setuid_programs_gain_nothing_where_denied)
{
	static const char prog[] = "/tmp/suid-euid";
	struct confined denied, open;
	struct cmd_result r;

	run_cmd((char *const[]){ "cp", "/tests/surfaces_test", (char *)prog, NULL }, AS_CALLER, &r);
	ASSERT_EQ(chmod(prog, 04755), 0);
	confine(&denied, "suid-deny", "default allow\ndeny privilege setuid_exec");
	confine(&open, "suid-open", "default allow");
	/* Exit 0: the program ran as root; 1: it ran, as nobody. */
	ASSERT_EQ(run_in(open.cgroup, AS_CALLER, run_setuid_program, prog), 0);
	ASSERT_EQ(run_in(denied.cgroup, AS_CALLER, run_setuid_program, prog), 1);
	unconfine(&denied);
	unconfine(&open);
}
