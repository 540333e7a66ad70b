// SPDX-License-Identifier: GPL-2.0
/* ctrpol attach NAME (--cgroup PATH | --pid PID): confine a cgroup v2 and its descendants. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "cgroup_target.h"
#include "commands.h"
#include "genl/kernel_changes.h"
#include "genl/report_kernel.h"
#include "lang/ast.h"
#include "util/exit_codes.h"
#include "util/report.h"

#define USAGE "usage: ctrpol attach NAME (--cgroup PATH | --pid PID) [--on-exec]"

static const struct report_hint hints[] = {
	{ -ENOENT, "the kernel's message says which is missing; ctrpol list shows the profiles "
		   "loaded, ctrpol load loads one" },
	{ -EEXIST, "a cgroup has one profile at most: detach the one it has first "
		   "(ctrpol list shows it)" },
	{ -EINVAL, "the root cgroup holds the host and cannot be confined: attach to the "
		   "cgroup of a container" },
	REPORT_HINT_CHANGE_PERM,
	{ 0 }
};

int cmd_attach(int argc, char **argv)
{
	struct cgroup_ref ref;
	struct ctrpol_nl nl;
	bool on_exec = false;
	const char *name;
	int err;

	err = cgroup_target_parse("attach", USAGE, "NAME, the profile to attach", argc, argv, &ref,
				  &on_exec);
	if (err)
		return err;
	name = argv[optind];
	if (!policy_name_valid(name))
		return report_bad_name("attach", name);
	err = ctrpol_nl_open(&nl);
	if (!err) {
		err = kernel_attach(&nl, ref.id, name, on_exec ? CTRPOL_ATTACH_ON_EXEC : 0);
		ctrpol_nl_close(&nl);
	}
	if (err)
		return report_kernel_error("attach", err, &nl, hints);
	printf("attached %s to %s (cgroup %" PRIu64 ")%s\n", name, ref.dir, ref.id,
	       on_exec ? ", confining each task from its exec there on" : "");
	return CTRPOL_EXIT_OK;
}
