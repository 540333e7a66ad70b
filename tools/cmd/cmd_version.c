// SPDX-License-Identifier: GPL-2.0
/* ctrpol version: the tool's release and ABI, and the running LSM's. */
#include <stdio.h>

#include "commands.h"
#include "genl/kernel_status.h"
#include "genl/report_kernel.h"
#include "release.h"
#include "util/exit_codes.h"
#include "util/report.h"

int cmd_version(int argc, char **argv)
{
	struct kernel_status ks;
	struct ctrpol_nl nl;
	int err;

	if (argc > 1)
		return report_usage("version", "unexpected argument '%s'", argv[1]);
	printf("ctrpol tool %s (ABI %d)\n", CTRPOL_RELEASE, CTRPOL_ABI_VERSION);
	fflush(stdout);

	err = ctrpol_nl_open(&nl);
	if (!err) {
		err = kernel_status_get(&nl, &ks);
		ctrpol_nl_close(&nl);
	}
	if (err)
		return report_kernel_error("version", err, &nl, NULL);
	printf("ctrpol LSM  %s (ABI %u)\n", ks.release, ks.abi);
	if (ks.abi != CTRPOL_ABI_VERSION) {
		fprintf(stderr, "ctrpol version: the kernel speaks ABI %u, this tool ABI %d: "
				"install the ctrpol tool that matches the kernel\n",
			ks.abi, CTRPOL_ABI_VERSION);
		return CTRPOL_EXIT_FAILED;
	}
	return CTRPOL_EXIT_OK;
}
