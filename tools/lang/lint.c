// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "lint.h"
#include "rule_text.h"

/*
 * The kernel matches canonical paths: no "//", no "." or ".." component, no
 * trailing '/' except the root.  A glob that requires one of those in its
 * literal text matches nothing.  Returns why, or NULL.
 */
static const char *never_matches(const char *g)
{
	size_t len = strlen(g), i;

	for (i = 0; i + 1 < len; i++) {
		if (g[i] == '\\') {
			i++;
			continue;
		}
		if (g[i] != '/')
			continue;
		if (g[i + 1] == '/')
			return "paths never contain '//'";
		if (g[i + 1] == '.' && (i + 2 == len || g[i + 2] == '/'))
			return "paths never contain a '.' component";
		if (g[i + 1] == '.' && g[i + 2] == '.' && (i + 3 == len || g[i + 3] == '/'))
			return "paths never contain a '..' component";
	}
	if (len > 1 && g[len - 1] == '/' && (len < 2 || g[len - 2] != '\\'))
		return "paths never end with '/' (use /dir for the directory, /dir/** for its contents)";
	return NULL;
}

/* File and mount rules: the path part of their globs. */
static void lint_globs(const struct glob_rule *rules, size_t n, struct diag *d)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct glob_rule *r = &rules[i];
		const char *why = never_matches(r->glob ? r->glob + r->skip : r->h.target);

		if (why)
			diag_warning(d, &r->glob_at, "this path can never match: %s", why);
	}
}

static const char *target_of(const struct rule_head *h)
{
	return h->target ? h->target : "";
}

/*
 * Rule r against e, an earlier one of the same class naming the same target
 * (only identical targets: whether one glob or network covers another is not
 * checked).  Returns whether a warning was given.
 */
static bool lint_pair(const struct rule_list *l, const struct rule_head *e,
		      const struct rule_head *r, struct diag *d)
{
	/* A capability rule's perms is the capability's number, not a set of bits. */
	bool number = l->kind == CTRPOL_RULE_CAP;
	bool overlap = number ? e->perms == r->perms : (e->perms & r->perms) != 0;
	uint32_t common = number ? r->perms : e->perms & r->perms;
	bool covered = number || !(r->perms & ~e->perms);
	const struct rule_head *allow = e->deny ? r : e, *deny = e->deny ? e : r;
	char ops[1024];

	if (!overlap || strcmp(target_of(e), target_of(r)))
		return false;
	if (e->deny == r->deny && covered && (!r->audit || e->audit)) {
		diag_warning(d, &r->at, "redundant: %s:%u already %s %s", e->at.src->path, e->at.line,
			     e->deny ? "denies" : "allows",
			     rule_ops_text(l->kind, r->perms, ops, sizeof(ops)));
		return true;
	}
	if (e->deny == r->deny)
		return false;
	diag_warning(d, &allow->at, "the deny rule at %s:%u overrides this allow for %s",
		     deny->at.src->path, deny->at.line,
		     rule_ops_text(l->kind, common, ops, sizeof(ops)));
	diag_hint(d, "deny wins over allow; drop one of the two rules");
	return true;
}

/* The checks every class shares: pointless allows, repeated and contradicting rules. */
static void lint_rules(const struct policy *p, const struct rule_list *l, struct diag *d)
{
	/* Peers outside the container are out of reach unless allowed, whatever the default. */
	bool by_default = l->kind != CTRPOL_RULE_PEER;
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		const struct rule_head *r = rule_at(l, i);

		if (by_default && p->default_action == CTRPOL_DEFAULT_ALLOW && !r->deny &&
		    !r->audit) {
			diag_warning(d, &r->at, "no effect: the profile's default already allows it");
			diag_hint(d, "with 'default allow' only deny and audit rules change anything");
		}
		for (j = 0; j < i; j++)
			if (lint_pair(l, rule_at(l, j), r, d))
				break;
	}
}

void policy_lint(const struct policy *p, struct diag *d)
{
	struct rule_list lists[POLICY_RULE_KINDS];
	size_t k;

	lint_globs(p->files, p->nfiles, d);
	lint_globs(p->mounts, p->nmounts, d);
	policy_rule_lists(p, lists);
	for (k = 0; k < POLICY_RULE_KINDS; k++)
		lint_rules(p, &lists[k], d);
}
