/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Policy statements are lines; a line is split into fields at blanks.
 * "..." makes one field of text with blanks (no escapes: glob escapes like
 * \* pass through); # at the start of a field begins a comment.
 */
#ifndef CTRPOL_LEXER_H
#define CTRPOL_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#define LEX_MAX_FIELDS 64

struct field {
	const char *p;		/* the text, quotes excluded */
	size_t len;
	unsigned int col;	/* 1-based column of the field's first byte (the quote if quoted) */
	unsigned int width;	/* bytes the field spans in the line, quotes included */
	bool quoted;
};

/*
 * Split line (len bytes) into at most LEX_MAX_FIELDS fields.  Returns their
 * number, or -1 with *err_col and *err_msg (unterminated quote, too many fields).
 */
int lex_line(const char *line, size_t len, struct field *fields, unsigned int *err_col,
	     const char **err_msg);

/* Whether field f is exactly the word w. */
bool field_is(const struct field *f, const char *w);

#endif
