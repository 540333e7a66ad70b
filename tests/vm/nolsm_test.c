// SPDX-License-Identifier: GPL-2.0
/* In a guest booted with lsm= leaving ctrpol out: nothing answers, and the tool says why. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "rawgenl.h"
#include <linux/ctrpol.h>

TEST(family_is_not_registered)
{
	int fd = rawgenl_open();

	ASSERT_EQ(rawgenl_family(fd, CTRPOL_GENL_NAME), -ENOENT);
	close(fd);
}

TEST(ctrpol_status_explains_how_to_enable_it)
{
	struct cmd_result r;

	run_cmd((char *[]){ "ctrpol", "status", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 3);
	ASSERT_CONTAINS(r.err, "ctrpol status: the running kernel has no active ctrpol LSM");
	/* Booted with lsm=landlock: lockdown is an early LSM in the node kernel, always first. */
	ASSERT_CONTAINS(r.err, "active LSMs: lockdown,capability,landlock");
	ASSERT_CONTAINS(r.err, "add ctrpol to lsm=");
}
