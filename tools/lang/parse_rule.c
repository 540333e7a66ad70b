// SPDX-License-Identifier: GPL-2.0
/*
 * Rules: "[audit] allow|deny" (read by parser.c), then a file rule, here, or
 * the keyword of another class, whose parser is in parse_CLASS.c.
 */
#include <stdlib.h>

#include "parse_rule.h"

typedef void (*class_parser)(const struct rule_ctx *c, const struct field *f, int n);

/* The keyword of each class but files, and its parser, at the same index. */
static const char *const keywords[] = {
	"cap", "net", "mount", "ptrace", "signal", "kernel", "privilege",
};
static const class_parser parsers[] = {
	parse_cap_rule, parse_net_rule, parse_mount_rule, parse_peer_rule, parse_peer_rule,
	parse_kernel_rule, parse_kernel_rule,
};
_Static_assert(sizeof(keywords) / sizeof(keywords[0]) == sizeof(parsers) / sizeof(parsers[0]),
	       "a parser per keyword");

static const struct name_table keyword_names = {
	keywords, sizeof(keywords) / sizeof(keywords[0]), 0, NULL, false,
};

/* The path of a file rule, f[i], and nothing after it. */
static bool file_rule_path(const struct rule_ctx *c, const struct field *f, int n, int i)
{
	struct loc at = ctx_loc(c, &f[i < n ? i : n - 1]);

	if (i == n) {
		diag_error(c->d, &at, "expected a path after the permissions");
		diag_hint(c->d, "paths are absolute globs: /etc/**, /var/log/*.log");
		return false;
	}
	if (ctx_relative_path(c, &f[i]))
		return false;
	if (!ctx_starts_path(&f[i])) {
		ctx_unexpected(c, f, i, "separate permissions with commas: read,write /path");
		return false;
	}
	if (i + 1 < n) {
		ctx_unexpected(c, f, i + 1, "one path per rule; quote a path that contains blanks");
		return false;
	}
	return true;
}

/* PERMS PATH */
static void parse_file_rule(const struct rule_ctx *c, const struct field *f, int n)
{
	static const struct name_list perms = {
		&file_perm_names, "permission", "permissions", NULL, &keyword_names, NULL, NULL,
		"allow read,write /var/log/app/**",
	};
	struct glob_rule *r;
	uint64_t set = 0;
	struct loc at;
	bool changed;
	char *glob;
	int i = 0;

	if (ctx_relative_path(c, &f[0]))
		return;
	if (ctx_starts_path(&f[0])) {
		at = ctx_loc(c, &f[0]);
		diag_error(c->d, &at, "expected permissions (or 'cap', 'net', ...) before the path");
		diag_hint(c->d, "for example: %s", perms.example);
		return;
	}
	if (ctx_names(c, f, n, &i, &perms, &set, NULL) || !file_rule_path(c, f, n, i))
		return;
	glob = ctx_glob(c, &f[i], &at, &changed);
	if (!glob)
		return;
	r = ctx_push(c, &c->p->files, &c->p->nfiles, sizeof(*r));
	if (!r) {
		free(glob);
		return;
	}
	r->h = ctx_head(c, &at, (uint32_t)set, glob);
	r->glob_at = at;
	r->expanded = changed;
}

void parse_rule(const struct rule_ctx *c, const struct field *f, int n)
{
	int k = f[0].quoted ? -1 : name_lookup(&keyword_names, f[0].p, f[0].len);

	if (k >= 0)
		parsers[k](c, f, n);
	else
		parse_file_rule(c, f, n);
}
