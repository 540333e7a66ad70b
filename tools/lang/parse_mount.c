// SPDX-License-Identifier: GPL-2.0
/*
 * mount OPS [fstype NAMES] [on GLOB]: compiled, like file rules, into a DFA,
 * over the string "/" FSTYPE PATH the kernel builds for each mount operation.
 */
#include <stdlib.h>
#include <string.h>

#include "parse_rule.h"
#include "parser_limits.h"
#include "rule_text.h"

struct fstypes {
	char text[MAX_FSTYPES * (FSTYPE_NAME_MAX + 1)];	/* "t1,t2" */
	unsigned int n;
};

static int fstype_item(const struct rule_ctx *c, const struct loc *at, const char *item,
		       size_t len, void *arg)
{
	struct fstypes *t = arg;
	size_t used = strlen(t->text);

	if (!fstype_name_valid(item, len)) {
		diag_error(c->d, at, "bad filesystem type '%.*s'", (int)len, item);
		diag_hint(c->d, "a filesystem type is named as in /proc/filesystems: 1 to %d of a-z, 0-9, '.', '_', '-' (tmpfs, proc, fuse.sshfs)",
			  FSTYPE_NAME_MAX);
		return -1;
	}
	if (t->n == MAX_FSTYPES) {
		diag_error(c->d, at, "more than %d filesystem types in one rule", MAX_FSTYPES);
		return -1;
	}
	/* Room is reserved for MAX_FSTYPES names of FSTYPE_NAME_MAX bytes, and their commas. */
	memcpy(t->text + used + (used != 0), item, len);
	if (used)
		t->text[used] = ',';
	t->text[used + (used != 0) + len] = '\0';
	t->n++;
	return 0;
}

/* What follows the operations: fstype NAMES and on GLOB, once each, in either order. */
struct mount_args {
	struct fstypes types;
	int on;			/* the field of the glob, or 0 for none */
};

static int mount_args(const struct rule_ctx *c, const struct field *f, int n, int i,
		      struct mount_args *a)
{
	bool seen_types = false;

	while (i < n) {
		bool types = field_is(&f[i], "fstype"), on = field_is(&f[i], "on");
		struct loc at = ctx_loc(c, &f[i]);
		int count, end;

		if (!types && !on) {
			ctx_unexpected(c, f, i, "expected 'fstype NAMES' or 'on PATH'");
			return -1;
		}
		if (types ? seen_types : a->on) {
			diag_error(c->d, &at, "'%s' given twice in one rule", types ? "fstype" : "on");
			diag_hint(c->d, types ? "list the types once: fstype tmpfs,proc" :
				  "one path per rule; a glob may cover several: /{tmp,run}/**");
			return -1;
		}
		if (++i == n) {
			diag_error(c->d, &at, "expected %s after '%s'",
				   types ? "filesystem types" : "a path", types ? "fstype" : "on");
			diag_hint(c->d, "for example: allow mount mount fstype tmpfs on /tmp");
			return -1;
		}
		if (on) {
			a->on = i++;
			continue;
		}
		seen_types = true;
		at = ctx_loc(c, &f[i]);
		/* A list ending with ',' must not run on into "on": it is no type. */
		for (end = i; end < n && !field_is(&f[end], "on"); end++)
			;
		count = ctx_list(c, f, end, &i, fstype_item, &a->types);
		if (!count) {
			diag_error(c->d, &at, "expected filesystem types after 'fstype'");
			diag_hint(c->d, "for example: allow mount mount fstype tmpfs on /tmp");
		}
		if (count <= 0)
			return -1;
	}
	return 0;
}

/* "[fstype T1,T2 ]on GLOB", the rule's target and the source of its DFA glob. */
static char *mount_target(const struct fstypes *t, const char *glob)
{
	char *target;

	if (asprintf(&target, "%s%s%son %s", t->n ? "fstype " : "", t->text, t->n ? " " : "",
		     glob) < 0)
		return NULL;
	return target;
}

void parse_mount_rule(const struct rule_ctx *c, const struct field *f, int n)
{
	static const struct name_list ops = {
		&mount_op_names, "mount operation", "mount operations", NULL, NULL, NULL, NULL,
		"allow mount mount fstype tmpfs on /tmp",
	};
	struct mount_args a = { .on = 0 };
	struct loc at = ctx_span(c, f, n), glob_at = at;
	struct glob_rule *r;
	char *glob, *target;
	bool changed = false;
	uint64_t set;
	int i = 1;

	if (ctx_names(c, f, n, &i, &ops, &set, NULL) || mount_args(c, f, n, i, &a))
		return;
	glob = a.on ? ctx_glob(c, &f[a.on], &glob_at, &changed) : strdup("/**");
	if (!glob)
		return;
	target = mount_target(&a.types, glob);
	r = target ? ctx_push(c, &c->p->mounts, &c->p->nmounts, sizeof(*r)) : NULL;
	if (!r || !(r->glob = mount_target_glob(target))) {
		diag_error(c->d, &at, "out of memory");
		free(target);
		free(glob);
		return;
	}
	r->h = ctx_head(c, &at, (uint32_t)set, target);
	r->glob_at = glob_at;
	r->skip = (unsigned int)(strlen(r->glob) - strlen(glob));
	r->expanded = changed;
	free(glob);
}
