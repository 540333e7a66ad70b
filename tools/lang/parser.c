// SPDX-License-Identifier: GPL-2.0
/*
 * The policy parser.  Statements are lines (see lexer.h); include splices a
 * file in at the point of the include, so a fragment may hold whatever the
 * place it is included at may hold.  Every error names file:line:col.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "parse_rule.h"
#include "parser_limits.h"

struct var {
	char *name;
	char *values;	/* glob texts joined by ',', commas inside each escaped */
	unsigned int nvalues;
	bool rooted;	/* every value starts with '/' */
};

struct parser {
	struct diag *d;
	struct policy *p;
	bool fragment_ok;
	enum { OUTSIDE, INSIDE, CLOSED } state;
	struct loc profile_at, first_loose_rule;
	bool seen_mode, seen_default;
	struct var vars[MAX_VARS];
	size_t nvars;
	const struct source *stack[MAX_INCLUDE_DEPTH];	/* the files being parsed */
	int depth;
};

static struct loc field_loc(const struct source *s, unsigned int line, const struct field *f)
{
	return (struct loc){ s, line, f->col, f->width };
}

static struct var *var_find(struct parser *ps, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ps->nvars; i++)
		if (strlen(ps->vars[i].name) == len && !memcmp(ps->vars[i].name, name, len))
			return &ps->vars[i];
	return NULL;
}

struct buf {
	char *s;
	size_t len, cap;
};

static bool buf_add(struct buf *b, const char *s, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *t;

		while (cap < b->len + len + 1)
			cap *= 2;
		t = realloc(b->s, cap);
		if (!t)
			return false;
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
	return true;
}

/*
 * v's values, each without the '/' it starts with: they are separated by the
 * commas outside braces that are not escaped (add_value() escaped the others).
 */
static bool add_tails(struct buf *b, const char *values)
{
	bool value_start = true;
	int depth = 0;
	size_t k;

	for (k = 0; values[k]; k++) {
		char c = values[k];

		if (value_start && c == '/') {
			value_start = false;
			continue;
		}
		value_start = c == ',' && depth == 0;
		if (c == '\\' && values[k + 1]) {
			if (!buf_add(b, values + k++, 2))
				return false;
			continue;
		}
		depth += c == '{' ? 1 : c == '}' ? -1 : 0;
		if (!buf_add(b, &c, 1))
			return false;
	}
	return true;
}

/*
 * Several values expand to an alternation, {a,b}; when all are absolute, the
 * shared '/' goes in front, /{a,b}, as a glob must start with '/'.
 */
static bool add_expansion(struct buf *b, const struct var *v)
{
	if (v->nvalues == 1)
		return buf_add(b, v->values, strlen(v->values));
	if (v->rooted)
		return buf_add(b, "/{", 2) && add_tails(b, v->values) && buf_add(b, "}", 1);
	return buf_add(b, "{", 1) && buf_add(b, v->values, strlen(v->values)) &&
	       buf_add(b, "}", 1);
}

/*
 * Expand @{VAR} in text (a glob); NULL after reporting an error at at.
 * *changed says whether anything was expanded.
 */
static char *parser_expand(struct parser *ps, const struct loc *at, const char *text, size_t len,
		    bool *changed)
{
	struct buf b = { 0 };
	size_t i = 0;

	*changed = false;
	if (!buf_add(&b, "", 0))
		goto nomem;
	while (i < len) {
		const char *close;
		struct var *v;

		if (text[i] == '\\' && i + 1 < len) {
			if (!buf_add(&b, text + i, 2))
				goto nomem;
			i += 2;
			continue;
		}
		if (text[i] != '@' || i + 1 == len || text[i + 1] != '{') {
			if (!buf_add(&b, text + i, 1))
				goto nomem;
			i++;
			continue;
		}
		close = memchr(text + i, '}', len - i);
		v = close ? var_find(ps, text + i + 2, close - text - i - 2) : NULL;
		/* A variable has no value until its definition is read: @{A} = @{A}/x is undefined. */
		if (!v || !v->nvalues) {
			struct loc here = { at->src, at->line, at->col + (unsigned int)i,
					    (unsigned int)(close ? close - text - i + 1 : 2) };

			diag_error(ps->d, &here, close ? "undefined variable '%.*s'" :
				   "unterminated variable reference '%.*s'",
				   (int)(close ? close - text - i + 1 : len - i), text + i);
			diag_hint(ps->d, "define it first, on a line of its own: @{NAME} = /some/path");
			free(b.s);
			return NULL;
		}
		if (!add_expansion(&b, v))
			goto nomem;
		*changed = true;
		i = close - text + 1;
	}
	if (b.len >= CTRPOL_MAX_PATH) {
		diag_error(ps->d, at, "path longer than %d bytes after expanding variables",
			   CTRPOL_MAX_PATH - 1);
		free(b.s);
		return NULL;
	}
	return b.s;
nomem:
	free(b.s);
	diag_error(ps->d, at, "out of memory");
	return NULL;
}

/* Append val to v's values, escaping its commas outside braces. */
static bool add_value(struct var *v, const char *val)
{
	struct buf b = { v->values, v->values ? strlen(v->values) : 0, 0 };
	int depth = 0;
	size_t k;

	if (b.s)
		b.cap = b.len + 1;
	if (v->nvalues && !buf_add(&b, ",", 1))
		goto nomem;
	for (k = 0; val[k]; k++) {
		bool ok;

		depth += val[k] == '{' ? 1 : val[k] == '}' ? -1 : 0;
		if (val[k] == '\\' && val[k + 1])
			ok = buf_add(&b, val + k++, 2);
		else if (val[k] == ',' && depth == 0)
			ok = buf_add(&b, "\\,", 2);
		else
			ok = buf_add(&b, val + k, 1);
		if (!ok)
			goto nomem;
	}
	v->values = b.s;
	v->rooted = (v->rooted || !v->nvalues) && val[0] == '/';
	v->nvalues++;
	return true;
nomem:
	v->values = b.s;
	return false;
}

/* @{NAME} = v1 v2 ...  or  @{NAME} += v ...; blanks around the operator are optional. */
static void define_var(struct parser *ps, const struct source *s, unsigned int line,
		       const struct field *f, int n)
{
	struct loc at = field_loc(s, line, &f[0]);
	const char *close = memchr(f[0].p, '}', f[0].len);
	struct field rest;
	size_t oplen;
	bool append;
	struct var *v;
	int next = 1;

	if (f[0].quoted || !close || !name_is_word(f[0].p + 2, close - f[0].p - 2, false)) {
		diag_error(ps->d, &at, "bad variable name: expected @{NAME} with letters, digits, _");
		return;
	}
	rest = f[0];
	rest.p = close + 1;
	rest.len = f[0].p + f[0].len - rest.p;
	rest.col += rest.p - f[0].p;
	if (!rest.len && next < n)
		rest = f[next++];
	append = rest.len >= 2 && !rest.quoted && !strncmp(rest.p, "+=", 2);
	if (!append && (!rest.len || rest.quoted || rest.p[0] != '=')) {
		diag_error(ps->d, &at, "expected '=' or '+=' after @{%.*s}",
			   (int)(close - f[0].p - 2), f[0].p + 2);
		return;
	}
	oplen = append ? 2 : 1;
	rest.p += oplen;
	rest.len -= oplen;
	rest.col += oplen;
	if (!rest.len && next == n) {
		diag_error(ps->d, &at, "@{%.*s} needs at least one value",
			   (int)(close - f[0].p - 2), f[0].p + 2);
		return;
	}
	v = var_find(ps, f[0].p + 2, close - f[0].p - 2);
	if (append != !!v) {
		diag_error(ps->d, &at, append ? "'+=' to an undefined variable: define it with '=' first"
				       : "variable already defined: use '+=' to add values");
		return;
	}
	if (!v) {
		if (ps->nvars == MAX_VARS) {
			diag_error(ps->d, &at, "more than %d variables", MAX_VARS);
			return;
		}
		v = &ps->vars[ps->nvars++];
		*v = (struct var){ strndup(f[0].p + 2, close - f[0].p - 2), NULL, 0, false };
	}
	for (; rest.len || next < n; rest.len = 0) {
		const struct field *val = rest.len ? &rest : &f[next++];
		struct loc vat = field_loc(s, line, val);
		bool changed, ok;
		char *text = parser_expand(ps, &vat, val->p, val->len, &changed);

		if (!text)
			return;
		ok = add_value(v, text) && v->name;
		free(text);
		if (!ok) {
			diag_error(ps->d, &vat, "out of memory");
			return;
		}
	}
}

static bool in_profile(struct parser *ps, const struct loc *at, const char *what)
{
	if (ps->state == INSIDE)
		return true;
	if (ps->fragment_ok && ps->state == OUTSIDE && !ps->p->name[0]) {
		if (!ps->first_loose_rule.src)
			ps->first_loose_rule = *at;
		return true;
	}
	diag_error(ps->d, at, "%s outside a profile", what);
	diag_hint(ps->d, "put it between 'profile NAME {' and '}'");
	return false;
}

/* [audit] allow|deny ...: the prefix here, the rest in parse_rule.c. */
static void parse_rule_statement(struct parser *ps, const struct source *s, unsigned int line,
				 const struct field *f, int n)
{
	struct rule_ctx c = { ps, parser_expand, ps->d, ps->p, s, line, false, false };
	struct loc at = field_loc(s, line, &f[0]);

	c.audit = field_is(&f[0], "audit");
	if (c.audit) {
		f++;
		n--;
		if (!n || !(field_is(&f[0], "allow") || field_is(&f[0], "deny"))) {
			diag_error(ps->d, &at, "expected 'allow' or 'deny' after 'audit'");
			return;
		}
	}
	if (!in_profile(ps, &at, "rule"))
		return;
	if (policy_nrules(ps->p) >= CTRPOL_MAX_RULES) {
		diag_error(ps->d, &at, "more than %d rules in one profile", CTRPOL_MAX_RULES);
		return;
	}
	if (n < 2) {
		at = field_loc(s, line, &f[0]);
		diag_error(ps->d, &at, "expected a rule after '%.*s'", (int)f[0].len, f[0].p);
		diag_hint(ps->d, "for example: allow read /etc/hosts, allow cap chown, allow net connect tcp port 443");
		return;
	}
	c.deny = field_is(&f[0], "deny");
	parse_rule(&c, f + 1, n - 1);
}

static void parse_setting(struct parser *ps, const struct source *s, unsigned int line,
			  const struct field *f, int n)
{
	bool is_mode = field_is(&f[0], "mode");
	struct loc at = field_loc(s, line, &f[0]);
	bool *seen = is_mode ? &ps->seen_mode : &ps->seen_default;
	const char *a = is_mode ? "enforce" : "deny", *b = is_mode ? "complain" : "allow";

	if (ps->state != INSIDE) {
		diag_error(ps->d, &at, "'%s' outside a profile", is_mode ? "mode" : "default");
		return;
	}
	if (n != 2 || !(field_is(&f[1], a) || field_is(&f[1], b))) {
		if (n >= 2)
			at = field_loc(s, line, &f[1]);
		diag_error(ps->d, &at, "expected '%s %s' or '%s %s'", is_mode ? "mode" : "default",
			   a, is_mode ? "mode" : "default", b);
		return;
	}
	if (*seen) {
		diag_error(ps->d, &at, "'%s' set twice in this profile", is_mode ? "mode" : "default");
		return;
	}
	*seen = true;
	if (is_mode)
		ps->p->mode = field_is(&f[1], a) ? CTRPOL_MODE_ENFORCE : CTRPOL_MODE_COMPLAIN;
	else
		ps->p->default_action = field_is(&f[1], a) ? CTRPOL_DEFAULT_DENY :
							     CTRPOL_DEFAULT_ALLOW;
}

/* A bad profile line still opens a block, so that its '}' is not an error too. */
static void skip_block(struct parser *ps, const struct field *f, int n)
{
	if (ps->state != INSIDE && field_is(&f[n - 1], "{"))
		ps->state = INSIDE;
}

static void parse_profile(struct parser *ps, const struct source *s, unsigned int line,
			  const struct field *f, int n)
{
	struct loc at = field_loc(s, line, &f[0]);

	if (ps->state != OUTSIDE || ps->p->name[0]) {
		diag_error(ps->d, &at, ps->state == INSIDE ? "profile inside a profile" :
			   "a second profile in one policy");
		diag_hint(ps->d, "one profile per file: put the other one in a file of its own");
		skip_block(ps, f, n);
		return;
	}
	if (n != 3 || !field_is(&f[2], "{")) {
		diag_error(ps->d, &at, "expected 'profile NAME {'");
		skip_block(ps, f, n);
		return;
	}
	at = field_loc(s, line, &f[1]);
	if (f[1].quoted || f[1].len >= CTRPOL_NAME_MAX || !name_is_word(f[1].p, f[1].len, true)) {
		diag_error(ps->d, &at, "bad profile name '%.*s'", (int)f[1].len, f[1].p);
		diag_hint(ps->d, "use 1 to %d letters, digits, '.', '_' or '-'",
			  CTRPOL_NAME_MAX - 1);
		skip_block(ps, f, n);
		return;
	}
	if (field_is(&f[1], "unconfined")) {
		diag_error(ps->d, &at, "the profile name 'unconfined' is reserved");
		diag_hint(ps->d, "peer rules name tasks without a profile so ('peer unconfined'): choose another name");
		skip_block(ps, f, n);
		return;
	}
	if (ps->first_loose_rule.src) {
		diag_error(ps->d, &ps->first_loose_rule, "rule outside the profile");
		diag_hint(ps->d, "put it between 'profile NAME {' and '}'");
	}
	memcpy(ps->p->name, f[1].p, f[1].len);
	ps->p->name[f[1].len] = '\0';
	ps->p->name_at = at;
	ps->profile_at = at;
	ps->state = INSIDE;
}

static void parse_file(struct parser *ps, const char *path, const struct loc *from);

/* include "FILE": a relative FILE is next to the file that includes it. */
static void parse_include(struct parser *ps, const struct source *s, unsigned int line,
			  const struct field *f, int n)
{
	struct loc at = field_loc(s, line, &f[n > 1 ? 1 : 0]);
	const char *slash = strrchr(s->path, '/');
	char path[PATH_MAX];
	int dirlen;

	if (n != 2 || !f[1].len) {
		diag_error(ps->d, &at, "expected one file name after 'include'");
		diag_hint(ps->d, "for example: include \"abstractions/base.ctp\"");
		return;
	}
	dirlen = slash && f[1].p[0] != '/' ? (int)(slash - s->path + 1) : 0;
	if (snprintf(path, sizeof(path), "%.*s%.*s", dirlen, s->path, (int)f[1].len,
		     f[1].p) >= (int)sizeof(path)) {
		diag_error(ps->d, &at, "the path of the included file is longer than %d bytes",
			   PATH_MAX - 1);
		return;
	}
	parse_file(ps, path, &at);
}

static void parse_statement(struct parser *ps, const struct source *s, unsigned int line,
			    const struct field *f, int n)
{
	struct loc at = field_loc(s, line, &f[0]);

	if (field_is(&f[0], "include"))
		parse_include(ps, s, line, f, n);
	else if (!f[0].quoted && f[0].len >= 2 && !strncmp(f[0].p, "@{", 2))
		define_var(ps, s, line, f, n);
	else if (field_is(&f[0], "profile"))
		parse_profile(ps, s, line, f, n);
	else if (field_is(&f[0], "}") && n == 1 && ps->state == INSIDE)
		ps->state = CLOSED;
	else if (field_is(&f[0], "mode") || field_is(&f[0], "default"))
		parse_setting(ps, s, line, f, n);
	else if (field_is(&f[0], "allow") || field_is(&f[0], "deny") || field_is(&f[0], "audit"))
		parse_rule_statement(ps, s, line, f, n);
	else {
		diag_error(ps->d, &at, "unexpected '%.*s'", (int)f[0].len, f[0].p);
		diag_hint(ps->d, "a line is one of: profile NAME {, }, mode, default, [audit] allow|deny ..., include \"FILE\", @{VAR} = ...");
	}
}

static void parse_file(struct parser *ps, const char *path, const struct loc *from)
{
	const struct source *s;
	unsigned int line = 0;
	const char *p;
	int i;

	if (ps->depth == MAX_INCLUDE_DEPTH) {
		diag_error(ps->d, from, "includes nested more than %d deep", MAX_INCLUDE_DEPTH);
		return;
	}
	s = source_read(&ps->p->sources, path, MAX_SOURCE_SIZE);
	if (!s) {
		diag_error(ps->d, from, "cannot read '%s': %s", path,
			   errno == EFBIG ? "larger than 4 MiB" :
			   errno == EILSEQ ? "it contains a NUL byte" :
			   errno == ENOTSUP ? "not a regular file" : strerror(errno));
		return;
	}
	/* The file's identity, not its path: links and ../ reach one file by many paths. */
	for (i = 0; i < ps->depth; i++)
		if (ps->stack[i]->dev == s->dev && ps->stack[i]->ino == s->ino) {
			diag_error(ps->d, from, "include cycle: '%s' is already being read", path);
			diag_hint(ps->d, "a file may not include itself, directly or through others");
			return;
		}
	ps->stack[ps->depth++] = s;
	for (p = s->text; *p; ) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		struct field f[LEX_MAX_FIELDS];
		const char *msg;
		unsigned int col;
		int n;

		line++;
		n = lex_line(p, len, f, &col, &msg);
		if (n < 0) {
			struct loc at = { s, line, col, 1 };

			diag_error(ps->d, &at, "%s", msg);
		} else if (n > 0) {
			parse_statement(ps, s, line, f, n);
		}
		p += len + (eol != NULL);
	}
	ps->depth--;
}

struct policy *policy_parse(const char *path, bool fragment_ok, struct diag *d)
{
	struct parser ps = { .d = d, .fragment_ok = fragment_ok };
	unsigned int errors = d->errors;
	size_t i;

	ps.p = calloc(1, sizeof(*ps.p));
	if (!ps.p) {
		diag_error(d, NULL, "out of memory");
		return NULL;
	}
	ps.p->mode = CTRPOL_MODE_ENFORCE;
	ps.p->default_action = CTRPOL_DEFAULT_DENY;
	parse_file(&ps, path, NULL);
	if (ps.state == INSIDE) {
		diag_error(d, &ps.profile_at, "profile '%s' is not closed", ps.p->name);
		diag_hint(d, "add a line with '}' after its last rule");
	} else if (!ps.p->name[0] && !fragment_ok && d->errors == errors) {
		diag_error(d, NULL, "%s: no profile in this file", path);
		diag_hint(d, "a policy is 'profile NAME { ... }'; a file of rules alone is a fragment to include from one");
	}
	for (i = 0; i < ps.nvars; i++) {
		free(ps.vars[i].name);
		free(ps.vars[i].values);
	}
	if (d->errors != errors) {
		policy_free(ps.p);
		return NULL;
	}
	return ps.p;
}
