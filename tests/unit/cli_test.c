// SPDX-License-Identifier: GPL-2.0
/* The command line contract of ctrpol, on the host: usage, exit codes, no-LSM errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "release.h"
#include <linux/ctrpol.h>

static char *ctrpol(void)
{
	char *p = getenv("CTRPOL");

	return p ? p : "ctrpol";
}

#define RUN(res, ...) run_cmd((char *[]){ ctrpol(), __VA_ARGS__, NULL }, AS_CALLER, res)

static void skip_if_host_has_ctrpol(void)
{
	char lsms[256] = "";
	FILE *f = fopen("/sys/kernel/security/lsm", "r");

	if (f) {
		if (!fgets(lsms, sizeof(lsms), f))
			lsms[0] = '\0';
		fclose(f);
	}
	if (strstr(lsms, "ctrpol"))
		SKIP("this host runs the ctrpol LSM; the VM suite covers it");
}

TEST(help_lists_commands_and_exit_codes)
{
	struct cmd_result r;

	RUN(&r, "--help");
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.out, "  status ");
	ASSERT_CONTAINS(r.out, "  version ");
	ASSERT_CONTAINS(r.out, "  2  bad command line");
	ASSERT_CONTAINS(r.out, "  3  the running kernel has no active ctrpol LSM");
	ASSERT_CONTAINS(r.out, "  4  permission denied");
}

TEST(no_command_is_a_usage_error)
{
	struct cmd_result r;

	run_cmd((char *[]){ ctrpol(), NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "usage: ctrpol COMMAND");
}

TEST(unknown_command_is_a_usage_error)
{
	struct cmd_result r;

	RUN(&r, "frobnicate");
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "ctrpol frobnicate: unknown command");
	ASSERT_CONTAINS(r.err, "Try 'ctrpol --help'.");
}

TEST(extra_argument_is_a_usage_error)
{
	struct cmd_result r;

	RUN(&r, "status", "now");
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "ctrpol status: unexpected argument 'now'");
	RUN(&r, "version", "-v");
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "ctrpol version: unexpected argument '-v'");
}

TEST(version_flag_needs_no_kernel)
{
	struct cmd_result r;

	RUN(&r, "--version");
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.out, "ctrpol " CTRPOL_RELEASE " (ABI ");
}

TEST(status_without_the_lsm_says_so)
{
	struct cmd_result r;

	skip_if_host_has_ctrpol();
	RUN(&r, "status");
	ASSERT_EQ(r.status, 3);
	ASSERT_EQ(r.out[0], '\0');
	ASSERT_CONTAINS(r.err, "ctrpol status: the running kernel has no active ctrpol LSM");
	ASSERT_CONTAINS(r.err, "lsm=");
}

TEST(version_without_the_lsm_still_prints_the_tool)
{
	struct cmd_result r;

	skip_if_host_has_ctrpol();
	RUN(&r, "version");
	ASSERT_EQ(r.status, 3);
	ASSERT_CONTAINS(r.out, "ctrpol tool " CTRPOL_RELEASE);
	ASSERT_CONTAINS(r.err, "ctrpol version: the running kernel has no active ctrpol LSM");
}
