// SPDX-License-Identifier: GPL-2.0
/* The helpers every rule parser uses (parse_ctx.h). */
#include <stdlib.h>
#include <string.h>

#include "parse_ctx.h"

struct loc ctx_loc(const struct rule_ctx *c, const struct field *f)
{
	return (struct loc){ c->s, c->line, f->col, f->width };
}

struct loc ctx_span(const struct rule_ctx *c, const struct field *f, int n)
{
	return (struct loc){ c->s, c->line, f[0].col, f[n - 1].col + f[n - 1].width - f[0].col };
}

struct rule_head ctx_head(const struct rule_ctx *c, const struct loc *at, uint32_t perms,
			  char *target)
{
	return (struct rule_head){ *at, c->deny, c->audit, perms, target };
}

void *ctx_push(const struct rule_ctx *c, void *arr, size_t *n, size_t size)
{
	void **a = arr;
	char *elem;

	/* The capacity is 16, then the next power of two: grow when n reaches it. */
	if (*n == 0 || (*n >= 16 && !(*n & (*n - 1)))) {
		void *t = realloc(*a, (*n ? *n * 2 : 16) * size);

		if (!t) {
			diag_error(c->d, NULL, "out of memory");
			return NULL;
		}
		*a = t;
	}
	elem = (char *)*a + (*n)++ * size;
	memset(elem, 0, size);
	return elem;
}

/* Whether a list may run on into field f: no name starts like a path. */
static bool may_hold_names(const struct field *f)
{
	return !f->quoted && f->len && f->p[0] != '/' && f->p[0] != '@';
}

int ctx_list(const struct rule_ctx *c, const struct field *f, int n, int *i, item_fn item,
	     void *arg)
{
	int count = 0, failed = 0;
	bool more = true;

	for (; more && *i < n && may_hold_names(&f[*i]); (*i)++) {
		const struct field *fi = &f[*i];
		size_t pos = 0, off, len;

		while (list_next(fi->p, fi->len, &pos, &off, &len)) {
			struct loc at = { c->s, c->line, fi->col + (unsigned int)off,
					  (unsigned int)len };

			if (!len)
				continue;
			count++;
			failed |= item(c, &at, fi->p + off, len, arg) != 0;
		}
		more = fi->p[fi->len - 1] == ',';
	}
	return failed ? -1 : count;
}

void ctx_unknown_name(const struct rule_ctx *c, const struct loc *at, const struct name_list *l,
		      const char *item, size_t len)
{
	const struct name_table *tables[2] = { l->names, l->also };
	const char *guess = name_suggest(item, len, tables, l->also ? 2 : 1);
	char list[1024];

	diag_error(c->d, at, "unknown %s '%.*s'", l->what, (int)len, item);
	if (l->sibling && name_bits(l->sibling, item, len)) {
		diag_hint(c->d, "did you mean '%s %.*s'?", l->sibling_keyword, (int)len, item);
		return;
	}
	diag_hint(c->d, "%s%s%s%s: %s", guess ? "did you mean '" : "", guess ? guess : "",
		  guess ? "'? " : "", l->plural,
		  l->known ? l->known : names_list(l->names, true, list, sizeof(list)));
}

struct names_arg {
	const struct name_list *l;
	uint64_t set;
	bool saw_all;
};

static int name_item(const struct rule_ctx *c, const struct loc *at, const char *item, size_t len,
		     void *arg)
{
	struct names_arg *a = arg;
	uint64_t bits = name_bits(a->l->names, item, len);

	if (!bits) {
		ctx_unknown_name(c, at, a->l, item, len);
		return -1;
	}
	a->set |= bits;
	a->saw_all |= bits == a->l->names->all;
	return 0;
}

int ctx_names(const struct rule_ctx *c, const struct field *f, int n, int *i,
	      const struct name_list *l, uint64_t *set, bool *saw_all)
{
	struct names_arg a = { l, 0, false };
	int start = *i, count = start < n ? ctx_list(c, f, n, i, name_item, &a) : 0;
	/* Lists follow a keyword, but for file permissions, which start the rule. */
	const struct field *after = start ? &f[start - 1] : NULL;
	struct loc at = ctx_loc(c, &f[start ? start - 1 : 0]);

	if (count < 0)
		return -1;
	if (!count) {
		diag_error(c->d, &at, "expected %s%s%.*s%s", l->plural, after ? " after '" : "",
			   after ? (int)after->len : 0, after ? after->p : "", after ? "'" : "");
		diag_hint(c->d, "for example: %s", l->example);
		return -1;
	}
	*set = a.set;
	if (saw_all)
		*saw_all = a.saw_all;
	return 0;
}

void ctx_unexpected(const struct rule_ctx *c, const struct field *f, int i, const char *hint)
{
	struct loc at = ctx_loc(c, &f[i]);

	diag_error(c->d, &at, "unexpected '%.*s' after '%.*s'", (int)f[i].len, f[i].p,
		   (int)f[i - 1].len, f[i - 1].p);
	if (hint)
		diag_hint(c->d, "%s", hint);
}

bool ctx_starts_path(const struct field *f)
{
	return f->quoted || (f->len && (f->p[0] == '/' || f->p[0] == '@'));
}

bool ctx_relative_path(const struct rule_ctx *c, const struct field *f)
{
	struct loc at = ctx_loc(c, f);

	if (ctx_starts_path(f) || !memchr(f->p, '/', f->len))
		return false;
	diag_error(c->d, &at, "relative path '%.*s'", (int)f->len, f->p);
	diag_hint(c->d, "paths are absolute, as the container sees them: /%.*s", (int)f->len, f->p);
	return true;
}

char *ctx_glob(const struct rule_ctx *c, const struct field *f, struct loc *at, bool *changed)
{
	char *glob;

	*at = ctx_loc(c, f);
	if (ctx_relative_path(c, f))
		return NULL;
	if (!ctx_starts_path(f)) {
		diag_error(c->d, at, "expected an absolute path, not '%.*s'", (int)f->len, f->p);
		diag_hint(c->d, "paths are absolute globs: /etc/**, /var/log/*.log");
		return NULL;
	}
	glob = c->expand(c->ps, at, f->p, f->len, changed);
	/* Point at the glob's text, past an opening quote. */
	if (f->quoted) {
		at->col++;
		at->len -= 2;
	}
	return glob;
}
