// SPDX-License-Identifier: GPL-2.0
/* ctrpol detach (--cgroup PATH | --pid PID): a cgroup's profile no longer confines it. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "cgroup_target.h"
#include "commands.h"
#include "genl/kernel_changes.h"
#include "genl/report_kernel.h"
#include "util/exit_codes.h"
#include "util/report.h"

#define USAGE "usage: ctrpol detach (--cgroup PATH | --pid PID)"

static const struct report_hint hints[] = {
	{ -ENOENT, "no profile is attached to that cgroup itself (an ancestor's may confine it): "
		   "ctrpol list shows the attachments" },
	REPORT_HINT_CHANGE_PERM,
	{ 0 }
};

int cmd_detach(int argc, char **argv)
{
	struct cgroup_ref ref;
	struct ctrpol_nl nl;
	int err;

	err = cgroup_target_parse("detach", USAGE, NULL, argc, argv, &ref, NULL);
	if (err)
		return err;
	err = ctrpol_nl_open(&nl);
	if (!err) {
		err = kernel_detach(&nl, ref.id);
		ctrpol_nl_close(&nl);
	}
	if (err)
		return report_kernel_error("detach", err, &nl, hints);
	printf("detached %s (cgroup %" PRIu64 ")\n", ref.dir, ref.id);
	return CTRPOL_EXIT_OK;
}
