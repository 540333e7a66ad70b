// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "path_glob.h"

/* What the glob parser reads as syntax, ',' included: it separates alternatives. */
#define GLOB_SYNTAX "*?[]{}\\,"
/* Where the line splitter (lexer.c) ends a field. */
#define BLANKS " \t\r\v\f"

const char *path_unwritable(const char *path)
{
	size_t i, len = strlen(path);

	if (path[0] != '/')
		return "not an absolute path";
	if (len >= CTRPOL_MAX_PATH)
		return "longer than a rule's path may be (4,095 bytes)";
	/* A newline would end the rule; other control bytes have no business in a policy. */
	for (i = 0; i < len; i++)
		if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
			return "it contains a control byte, which a policy line cannot hold safely";
	return NULL;
}

void path_glob_init(struct path_glob *g)
{
	g->text[0] = '\0';
	g->len = 0;
	g->too_long = false;
}

static void put(struct path_glob *g, const char *s, size_t len)
{
	if (g->too_long || g->len + len >= sizeof(g->text)) {
		g->too_long = true;
		return;
	}
	memcpy(g->text + g->len, s, len);
	g->len += len;
	g->text[g->len] = '\0';
}

void path_glob_literal(struct path_glob *g, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] && strchr(GLOB_SYNTAX, s[i]))
			put(g, "\\", 1);
		put(g, s + i, 1);
	}
}

void path_glob_pattern(struct path_glob *g, const char *pattern)
{
	put(g, pattern, strlen(pattern));
}

int path_glob_field(const struct path_glob *g, char *buf, size_t size, const char **why)
{
	bool blanks = strpbrk(g->text, BLANKS) != NULL;

	if (g->too_long) {
		*why = "longer than a rule's path may be (4,095 bytes) once its glob characters are escaped";
		return -1;
	}
	/* Quotes have no escape: a quoted field cannot hold a '"'. */
	if (blanks && strchr(g->text, '"')) {
		*why = "it contains both a blank and a '\"', which no field of a policy line can hold";
		return -1;
	}
	if ((size_t)snprintf(buf, size, blanks ? "\"%s\"" : "%s", g->text) >= size) {
		*why = "longer than the room given for it";
		return -1;
	}
	return 0;
}
