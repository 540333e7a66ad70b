// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>

#include "diag.h"

static void report(struct diag *d, const struct loc *at, const char *kind,
		   const char *fmt, va_list ap)
{
	const char *line;
	size_t len, i;

	if (at && at->src)
		fprintf(d->out, "%s:%u:%u: ", at->src->path, at->line, at->col);
	fprintf(d->out, "%s: ", kind);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
	if (!at || !at->src)
		return;
	line = source_line(at->src, at->line, &len);
	fprintf(d->out, "%6u | %.*s\n       | ", at->line, (int)len, line);
	/* Keep tabs so the caret lines up with the quoted line. */
	for (i = 0; i + 1 < at->col && i < len; i++)
		fputc(line[i] == '\t' ? '\t' : ' ', d->out);
	fputc('^', d->out);
	for (i = 1; i < at->len; i++)
		fputc('~', d->out);
	fputc('\n', d->out);
}

void diag_error(struct diag *d, const struct loc *at, const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	va_start(ap, fmt);
	report(d, at, "error", fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag *d, const struct loc *at, const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	va_start(ap, fmt);
	report(d, at, "warning", fmt, ap);
	va_end(ap);
}

void diag_hint(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	fputs("       = ", d->out);
	va_start(ap, fmt);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
	fputc('\n', d->out);
}
