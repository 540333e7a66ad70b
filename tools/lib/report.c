// SPDX-License-Identifier: GPL-2.0
/* Turning failures into messages that say what is wrong and how to fix it. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "exit_codes.h"
#include "report.h"

#define LSM_LIST "/sys/kernel/security/lsm"

int report_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ctrpol %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'ctrpol --help'.\n");
	return CTRPOL_EXIT_USAGE;
}

int report_bad_name(const char *cmd, const char *name)
{
	return report_usage(cmd, "'%s' is not a profile name: 1 to %d letters, digits, '.', '_' "
			    "or '-'", name, CTRPOL_NAME_MAX - 1);
}

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

void report_partial(const char *cmd, const char *done, const char *const *names, size_t n)
{
	size_t i;

	if (!n) {
		fprintf(stderr, "ctrpol %s: nothing was %s\n", cmd, done);
		return;
	}
	fprintf(stderr, "ctrpol %s: %s before the failure:", cmd, done);
	for (i = 0; i < n; i++)
		fprintf(stderr, " %s", names[i]);
	fputc('\n', stderr);
}
