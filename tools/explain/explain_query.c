// SPDX-License-Identifier: GPL-2.0
/* What every class's query parser reports a bad query with. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "util/report.h"

int explain_usage(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return report_usage("explain", "%s", msg);
}

uint64_t explain_one_name(const struct name_table *t, const char *what, const char *word)
{
	uint64_t bit = name_bits(t, word, strlen(word));
	char list[1024];

	if (bit && !(bit & (bit - 1)))
		return bit;
	explain_usage("'%s' is not one %s: %s", word, what, names_list(t, false, list, sizeof(list)));
	return 0;
}
