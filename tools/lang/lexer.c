// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "lexer.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

int lex_line(const char *line, size_t len, struct field *fields, unsigned int *err_col,
	     const char **err_msg)
{
	size_t i = 0;
	int n = 0;

	for (;;) {
		struct field *f = &fields[n];
		size_t start;

		while (i < len && blank(line[i]))
			i++;
		if (i == len || line[i] == '#')
			return n;
		if (n == LEX_MAX_FIELDS) {
			*err_col = i + 1;
			*err_msg = "too many fields on one line";
			return -1;
		}
		start = i;
		f->col = i + 1;
		f->quoted = line[i] == '"';
		if (f->quoted) {
			const char *close = memchr(line + i + 1, '"', len - i - 1);

			if (!close) {
				*err_col = i + 1;
				*err_msg = "unterminated quote: add the closing \"";
				return -1;
			}
			f->p = line + i + 1;
			f->len = close - f->p;
			i = close - line + 1;
		} else {
			f->p = line + i;
			while (i < len && !blank(line[i]))
				i++;
			f->len = line + i - f->p;
		}
		f->width = i - start;
		n++;
	}
}

bool field_is(const struct field *f, const char *w)
{
	return !f->quoted && strlen(w) == f->len && !memcmp(f->p, w, f->len);
}
