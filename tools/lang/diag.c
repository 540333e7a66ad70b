// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <string.h>

#include "diag.h"

#define MESSAGE_MAX	480	/* bytes of a message: it may quote a token of any length */
#define QUOTE_MAX	120	/* bytes shown of a longer source line, around the spot */
#define QUOTE_BEFORE	40	/* of which before the spot */

void diag_put_safe(FILE *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		fputc(((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f ? '?' : s[i], out);
}

/* The line of at, or QUOTE_MAX bytes of it around at->col, with a caret under the spot. */
static void quote(FILE *out, const struct loc *at)
{
	size_t len, from = 0, shown, spot = at->col - 1, i;
	const char *line = source_line(at->src, at->line, &len);

	if (len > QUOTE_MAX && spot > QUOTE_BEFORE)
		from = spot - QUOTE_BEFORE < len ? spot - QUOTE_BEFORE : len;
	shown = len - from < QUOTE_MAX ? len - from : QUOTE_MAX;
	fprintf(out, "%6u | %s", at->line, from ? "..." : "");
	diag_put_safe(out, line + from, shown);
	fprintf(out, "%s\n       | %s", from + shown < len ? "..." : "", from ? "   " : "");
	for (i = from; i < spot && i < from + shown; i++)
		fputc(line[i] == '\t' ? '\t' : ' ', out);
	fputc('^', out);
	for (i = 1; i < at->len && spot + i < from + shown; i++)
		fputc('~', out);
	fputc('\n', out);
}

static void report(struct diag *d, const struct loc *at, const char *kind,
		   const char *fmt, va_list ap)
{
	char msg[MESSAGE_MAX];
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);

	if (at && at->src)
		fprintf(d->out, "%s:%u:%u: ", at->src->path, at->line, at->col);
	fprintf(d->out, "%s: ", kind);
	diag_put_safe(d->out, msg, strlen(msg));
	fputs(n >= (int)sizeof(msg) ? "...\n" : "\n", d->out);
	if (at && at->src)
		quote(d->out, at);
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
