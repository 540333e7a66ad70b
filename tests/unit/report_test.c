// SPDX-License-Identifier: GPL-2.0
/*
 * report_kernel_error(): the one place that turns the kernel's errors into
 * a message (the kernel's own, then a hint) and an exit code.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "genl/report_kernel.h"
#include "harness.h"
#include "util/exit_codes.h"
#include "util/report.h"

static char said[4096];

/* Report err as `ctrpol cmd` would, with stderr captured into said[]; returns the exit code. */
static int report(int err, int family, const char *extack, const struct report_hint *hints)
{
	struct ctrpol_nl nl = { .family = family };
	int fd = memfd_create("stderr", 0), saved = dup(2), ret;
	ssize_t n;

	if (fd < 0 || saved < 0 || dup2(fd, 2) < 0)
		FAIL("cannot capture stderr: %s", strerror(errno));
	snprintf(nl.extack, sizeof(nl.extack), "%s", extack);
	ret = report_kernel_error("cmd", err, &nl, hints);
	fflush(stderr);
	dup2(saved, 2);
	n = pread(fd, said, sizeof(said) - 1, 0);
	said[n > 0 ? n : 0] = '\0';
	close(fd);
	close(saved);
	return ret;
}

static const struct report_hint hints[] = {
	{ -EEXIST, "detach it first" },
	REPORT_HINT_CHANGE_PERM,
	{ 0 }
};

TEST(no_family_is_exit_3)
{
	ASSERT_EQ(report(-ENOENT, 0, "", hints), CTRPOL_EXIT_NO_LSM);
	ASSERT_CONTAINS(said, "ctrpol cmd: the running kernel has no active ctrpol LSM");
	/* genl_ctrl_resolve() failed: family holds its error. */
	ASSERT_EQ(report(-ENOENT, -6, "", NULL), CTRPOL_EXIT_NO_LSM);
}

TEST(enoent_from_the_family_is_a_refusal_with_its_message)
{
	ASSERT_EQ(report(-ENOENT, 23, "no profile of that name is loaded", hints),
		  CTRPOL_EXIT_FAILED);
	ASSERT_CONTAINS(said, "ctrpol cmd: No such file or directory: no profile of that name "
			      "is loaded\n");
	ASSERT_TRUE(!strstr(said, "LSM"));
}

TEST(the_commands_hint_follows_the_kernels_message)
{
	ASSERT_EQ(report(-EEXIST, 23, "the cgroup has a profile", hints), CTRPOL_EXIT_FAILED);
	ASSERT_CONTAINS(said, "ctrpol cmd: File exists: the cgroup has a profile\n"
			      "  hint: detach it first\n");
	ASSERT_EQ(report(-EBUSY, 23, "", hints), CTRPOL_EXIT_FAILED);
	ASSERT_CONTAINS(said, "ctrpol cmd: Device or resource busy\n");
	ASSERT_TRUE(!strstr(said, "hint"));
}

TEST(eperm_is_exit_4_with_the_reason)
{
	ASSERT_EQ(report(-EPERM, 23, "a task confined by a ctrpol profile may not change policy",
			 hints), CTRPOL_EXIT_PERM);
	ASSERT_CONTAINS(said, "ctrpol cmd: permission denied: a task confined by a ctrpol "
			      "profile may not change policy\n");
	ASSERT_CONTAINS(said, "  hint: run as root (CAP_NET_ADMIN and CAP_MAC_ADMIN), from a "
			      "task that no ctrpol profile confines\n");
	ASSERT_EQ(report(-EPERM, 23, "", NULL), CTRPOL_EXIT_PERM);
	ASSERT_CONTAINS(said, "permission denied: Operation not permitted\n"
			      "  hint: run as root, or grant that capability to ctrpol\n");
}

TEST(an_unknown_command_means_an_older_lsm)
{
	ASSERT_EQ(report(-EOPNOTSUPP, 23, "", NULL), CTRPOL_EXIT_FAILED);
	ASSERT_CONTAINS(said, "older than this tool");
}
