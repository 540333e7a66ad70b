/* SPDX-License-Identifier: GPL-2.0 */
/* Exit codes of ctrpol: documented in `ctrpol --help` and ctrpol(8); never renumbered. */
#ifndef CTRPOL_EXIT_CODES_H
#define CTRPOL_EXIT_CODES_H

enum ctrpol_exit {
	CTRPOL_EXIT_OK = 0,	/* done */
	CTRPOL_EXIT_FAILED = 1,	/* the kernel refused the request, or the operation failed */
	CTRPOL_EXIT_USAGE = 2,	/* bad command line */
	CTRPOL_EXIT_NO_LSM = 3,	/* the running kernel has no active ctrpol LSM */
	CTRPOL_EXIT_PERM = 4,	/* a capability is missing */
	CTRPOL_EXIT_POLICY = 5,	/* the policy has errors (or warnings, with --werror) */
	CTRPOL_EXIT_INTERNAL = 6,	/* a bug of ctrpol's own, to report (learn's output) */
};

#endif
