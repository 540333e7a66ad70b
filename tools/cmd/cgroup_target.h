/* SPDX-License-Identifier: GPL-2.0 */
/* `--cgroup PATH | --pid PID`: how ctrpol attach and detach name a cgroup. */
#ifndef CTRPOL_CGROUP_TARGET_H
#define CTRPOL_CGROUP_TARGET_H

#include <stdbool.h>

#include "genl/cgroup.h"

/*
 * Parse the command line of `ctrpol cmd` (argv[0] is cmd): exactly one of
 * --cgroup and --pid, and one operand when operand names it ("NAME"; NULL:
 * none), then resolve the cgroup into ref.  usage is the command's synopsis.
 * Where on_exec is not NULL, --on-exec is taken too and sets it.  Returns 0
 * with the operand at argv[optind], or CTRPOL_EXIT_USAGE after saying what
 * is wrong.
 */
int cgroup_target_parse(const char *cmd, const char *usage, const char *operand, int argc,
			char **argv, struct cgroup_ref *ref, bool *on_exec);

#endif
