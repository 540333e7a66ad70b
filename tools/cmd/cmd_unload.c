// SPDX-License-Identifier: GPL-2.0
/* ctrpol unload NAME...: remove loaded profiles, which must be attached nowhere. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "genl/kernel_changes.h"
#include "genl/report_kernel.h"
#include "lang/ast.h"
#include "util/exit_codes.h"
#include "util/report.h"

#define USAGE "usage: ctrpol unload NAME..."

static const struct report_hint hints[] = {
	{ -EBUSY, "it confines cgroups: detach it from each first (ctrpol list shows them)" },
	{ -ENOENT, "no profile of that name is loaded: ctrpol list shows those that are" },
	REPORT_HINT_CHANGE_PERM,
	{ 0 }
};

int cmd_unload(int argc, char **argv)
{
	static const struct option none[] = { { 0 } };
	struct ctrpol_nl nl;
	int i, first, err;

	/* No option, but "--" lets a name start with '-'. */
	if (getopt_long(argc, argv, "", none, NULL) != -1)
		return report_usage("unload", "%s", USAGE);
	if (optind == argc)
		return report_usage("unload", "missing NAME, the profile to unload\n%s", USAGE);
	first = optind;
	for (i = first; i < argc; i++)
		if (!policy_name_valid(argv[i]))
			return report_bad_name("unload", argv[i]);
	err = ctrpol_nl_open(&nl);
	for (i = first; !err && i < argc; i++) {
		err = kernel_unload(&nl, argv[i]);
		if (!err)
			printf("unloaded %s\n", argv[i]);
	}
	ctrpol_nl_close(&nl);
	if (!err)
		return CTRPOL_EXIT_OK;
	fflush(stdout);
	err = report_kernel_error("unload", err, &nl, hints);
	if (argc - first > 1 && nl.family > 0)
		report_partial("unload", "unloaded", (const char *const *)argv + first,
			       i - 1 - first);
	return err;
}
