/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Paths that were met, not written by a person, put into a policy: every
 * byte a glob or a line of the language would read as syntax is escaped or
 * quoted, so that a file name chosen by a hostile program matches that file
 * only and cannot end the rule, start a comment or add one.
 */
#ifndef CTRPOL_PATH_GLOB_H
#define CTRPOL_PATH_GLOB_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/ctrpol.h>

/* A glob being built from literal bytes and patterns. */
struct path_glob {
	char text[CTRPOL_MAX_PATH];	/* NUL-terminated; at most CTRPOL_MAX_PATH - 1 bytes */
	size_t len;
	bool too_long;			/* something did not fit: the glob is unusable */
};

/* Why path cannot stand in a rule at all (a static reason), or NULL when it can. */
const char *path_unwritable(const char *path);

void path_glob_init(struct path_glob *g);

/* Append len bytes of s that must match only themselves: glob syntax is escaped. */
void path_glob_literal(struct path_glob *g, const char *s, size_t len);

/* Append glob syntax, which must be valid where it lands ("**", "[0-9]*"). */
void path_glob_pattern(struct path_glob *g, const char *pattern);

/*
 * The glob as one field of a policy line, into buf: quoted when it holds
 * blanks.  Returns 0, or -1 with *why (static) when no field can hold it.
 */
int path_glob_field(const struct path_glob *g, char *buf, size_t size, const char **why);

#endif
