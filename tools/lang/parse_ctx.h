/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every rule parser (parse_rule.c, parse_CLASS.c) is given and shares,
 * so that all report alike: the statement's place and prefix, and helpers for
 * lists, names and globs (parse_ctx.c).  parser.c, above them, hands in the
 * variable expansion, which it owns, as a callback.
 */
#ifndef CTRPOL_PARSE_CTX_H
#define CTRPOL_PARSE_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "lexer.h"
#include "names.h"

struct parser;

/*
 * Expand @{VAR} in text (a glob) at at; NULL after reporting an error.
 * *changed says whether anything was expanded.
 */
typedef char *(*expand_fn)(struct parser *ps, const struct loc *at, const char *text,
			   size_t len, bool *changed);

/* One rule statement: where it is and what its prefix said. */
struct rule_ctx {
	struct parser *ps;
	expand_fn expand;	/* with ps */
	struct diag *d;
	struct policy *p;
	const struct source *s;
	unsigned int line;
	bool deny, audit;
};

struct loc ctx_loc(const struct rule_ctx *c, const struct field *f);
/* From field f[0] to the end of f[n - 1]: a whole rule but its prefix. */
struct loc ctx_span(const struct rule_ctx *c, const struct field *f, int n);
/* A rule's head, target (malloc'd, or NULL) included. */
struct rule_head ctx_head(const struct rule_ctx *c, const struct loc *at, uint32_t perms,
			  char *target);
/* Append a zeroed element to *arr (*n of size bytes); NULL after reporting. */
void *ctx_push(const struct rule_ctx *c, void *arr, size_t *n, size_t size);

/*
 * Walk the comma list that starts at f[*i] and runs on into the next fields
 * while one ends with ',' (so "read, write" is one list), calling item() on
 * each non-empty item with its place; *i ends past the list.  Returns the
 * number of items, or -1 when item() failed for one (all are still seen).
 */
typedef int (*item_fn)(const struct rule_ctx *c, const struct loc *at, const char *item,
		       size_t len, void *arg);
int ctx_list(const struct rule_ctx *c, const struct field *f, int n, int *i, item_fn item,
	     void *arg);

/* A kind of comma-separated list of names, for its messages. */
struct name_list {
	const struct name_table *names;
	const char *what;	/* "network operation" */
	const char *plural;	/* "network operations" */
	const char *known;	/* what a hint says the names are; NULL: list them all */
	const struct name_table *also;	/* more names to suggest from, or NULL */
	const struct name_table *sibling;	/* names another statement takes, or NULL */
	const char *sibling_keyword;	/* that statement's keyword */
	const char *example;	/* "allow net connect tcp port 443" */
};

/* Report the unknown name item (len bytes) at at, as l's, with a suggestion. */
void ctx_unknown_name(const struct rule_ctx *c, const struct loc *at, const struct name_list *l,
		      const char *item, size_t len);

/*
 * Read the comma list of l's names that starts at f[*i] (and runs on into
 * the next fields while one ends with ','): the bits they name into *set and
 * *i past it.  *saw_all says whether "all" was one of them.  Returns 0, or
 * -1 after reporting an unknown name or an empty list.
 */
int ctx_names(const struct rule_ctx *c, const struct field *f, int n, int *i,
	      const struct name_list *l, uint64_t *set, bool *saw_all);

/*
 * The glob in field f, variables expanded (malloc'd), and at its text in the
 * source; NULL after reporting an error (a relative path, a bad variable).
 */
char *ctx_glob(const struct rule_ctx *c, const struct field *f, struct loc *at, bool *changed);

/* Report f[i], the first of fields a rule does not expect after what it has read. */
void ctx_unexpected(const struct rule_ctx *c, const struct field *f, int i, const char *hint);

/* Whether field f is written as a path: quoted, or starting with '/' or '@'. */
bool ctx_starts_path(const struct field *f);
/* Report f if it is a relative path: a common slip, worth its own message. */
bool ctx_relative_path(const struct rule_ctx *c, const struct field *f);

#endif
