// SPDX-License-Identifier: GPL-2.0
/* ctrpol compile FILE -o OUT: a .ctp policy to a verified binary profile. */
#include <getopt.h>
#include <stdlib.h>

#include "commands.h"
#include "compile/compiler.h"
#include "compile/policy_file.h"
#include "util/exit_codes.h"
#include "util/report.h"

int cmd_compile(int argc, char **argv)
{
	static const struct option opts[] = { { "output", required_argument, NULL, 'o' }, { 0 } };
	struct diag d = { .out = stderr };
	struct policy_file pf;
	const char *out = NULL;
	int c, ret;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c != 'o')
			return report_usage("compile", "usage: ctrpol compile FILE -o OUT");
		out = optarg;
	}
	if (optind + 1 != argc || !out)
		return report_usage("compile", "usage: ctrpol compile FILE -o OUT");
	if (policy_file_load(argv[optind], &d, &pf))
		return CTRPOL_EXIT_POLICY;
	ret = blob_write_file(out, pf.blob, pf.size, &d) ? CTRPOL_EXIT_FAILED : CTRPOL_EXIT_OK;
	policy_file_free(&pf);
	return ret;
}
