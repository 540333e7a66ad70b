// SPDX-License-Identifier: GPL-2.0
/* Messages for bad command lines and work left half done. */
#include <stdarg.h>
#include <stdio.h>
#include <linux/ctrpol.h>

#include "exit_codes.h"
#include "report.h"

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
