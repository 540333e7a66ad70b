// SPDX-License-Identifier: GPL-2.0
/* The kernel's refusals turned into messages and exit codes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "report_kernel.h"
#include "util/exit_codes.h"

#define LSM_LIST "/sys/kernel/security/lsm"

/* Say why the family is missing: not built, not enabled, or not in this netns. */
static void explain_no_family(void)
{
	char lsms[256] = "";
	FILE *f = fopen(LSM_LIST, "r");

	if (f) {
		if (!fgets(lsms, sizeof(lsms), f))
			lsms[0] = '\0';
		fclose(f);
		lsms[strcspn(lsms, "\n")] = '\0';
	}
	if (!f) {
		fprintf(stderr, "  (mount securityfs on /sys/kernel/security to see the active LSMs)\n"
				"  hint: boot a kernel built with CONFIG_SECURITY_CTRPOL=y and ctrpol in lsm=\n");
		return;
	}
	if (strstr(lsms, "ctrpol")) {
		fprintf(stderr, "  ctrpol is active, but its netlink family is reachable from the\n"
				"  initial network namespace only: run ctrpol there (on the host)\n");
		return;
	}
	fprintf(stderr, "  active LSMs: %s\n"
			"  hint: add ctrpol to lsm= on the kernel command line (kernels built with\n"
			"  CONFIG_SECURITY_CTRPOL=y), or to CONFIG_LSM\n", lsms);
}

static const char *hint_for(int err, const struct report_hint *hints)
{
	for (; hints && hints->err; hints++)
		if (hints->err == err)
			return hints->hint;
	return NULL;
}

int report_kernel_error(const char *cmd, int err, const struct ctrpol_nl *nl,
			const struct report_hint *hints)
{
	const char *why = nl->extack[0] ? nl->extack : strerror(-err);
	const char *hint = hint_for(err, hints);

	switch (err) {
	case -ENOENT:
		/* From the family lookup, not from a request the family answered. */
		if (nl->family <= 0) {
			fprintf(stderr, "ctrpol %s: the running kernel has no active ctrpol LSM\n", cmd);
			explain_no_family();
			return CTRPOL_EXIT_NO_LSM;
		}
		break;
	case -EOPNOTSUPP:
		if (!hint)
			hint = "the running ctrpol LSM is older than this tool and lacks this command "
			       "(ctrpol version shows both)";
		break;
	case -EPERM:
		fprintf(stderr, "ctrpol %s: permission denied: %s\n"
				"  hint: %s\n", cmd, why,
			hint ? hint : "run as root, or grant that capability to ctrpol");
		return CTRPOL_EXIT_PERM;
	}
	fprintf(stderr, "ctrpol %s: %s", cmd, strerror(-err));
	if (nl->extack[0])
		fprintf(stderr, ": %s", nl->extack);
	fputc('\n', stderr);
	if (hint)
		fprintf(stderr, "  hint: %s\n", hint);
	return CTRPOL_EXIT_FAILED;
}
