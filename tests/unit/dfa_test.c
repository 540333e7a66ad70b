// SPDX-License-Identifier: GPL-2.0
/*
 * The glob compiler: glob features one by one, syntax errors and where they
 * point, limits, and a property test against a slow reference matcher
 * written here independently of tools/lang/glob.c.  Every DFA built is
 * checked against the invariants of the format (small ones for minimality
 * too) and walked with the kernel's own matcher.
 */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/dfa_build.h"
#include "harness.h"
#include "policy.h"

struct dfa {
	void *sec;
	size_t size;
	struct ctrpol_dfa_view v;
	uint32_t nstates, ntrans, nperms, nclasses;
};

struct rule {
	const char *glob;
	struct dfa_perms perms;
};

/* Point the view at the arrays, from the header's counts. */
static void dfa_view(struct dfa *d)
{
	const struct ctrpol_dfa *h = d->sec;

	ASSERT_TRUE(d->size >= sizeof(*h));
	d->nstates = le32toh(h->nstates);
	d->ntrans = le32toh(h->ntrans);
	d->nperms = le32toh(h->nperms);
	d->nclasses = le16toh(h->nclasses);
	ASSERT_EQ(d->size, sizeof(*h) + d->nperms * sizeof(struct ctrpol_perms) +
			   (size_t)d->nstates * 12 + (size_t)d->ntrans * 8);
	d->v.hdr = h;
	d->v.perms = (const void *)(h + 1);
	d->v.accept = (const __le32 *)(d->v.perms + d->nperms);
	d->v.base = d->v.accept + d->nstates;
	d->v.def = d->v.base + d->nstates;
	d->v.next = d->v.def + d->nstates;
	d->v.check = d->v.next + d->ntrans;
}

static uint32_t at(const __le32 *a, uint32_t i)
{
	return le32toh(a[i]);
}

/* The state after byte class c from s, 0 when dead. */
static uint32_t step(const struct dfa *d, uint32_t s, uint32_t c)
{
	uint32_t t = at(d->v.base, s) + c;

	return at(d->v.check, t) == s ? at(d->v.next, t) : at(d->v.def, s);
}

static int perms_cmp(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct ctrpol_perms));
}

/* Every rule of the format, and no state but 0 (or a lone start) that decides nothing. */
static void check_format(const struct dfa *d)
{
	const struct ctrpol_dfa *h = d->v.hdr;
	struct ctrpol_perms *sorted = malloc(d->nperms * sizeof(*sorted));
	uint32_t i, s, c;

	ASSERT_TRUE(d->nstates >= 2 && d->nstates <= CTRPOL_MAX_DFA_STATES);
	ASSERT_TRUE(d->nperms >= 1 && d->nperms <= CTRPOL_MAX_DFA_PERMS);
	ASSERT_TRUE(d->nclasses >= 1 && d->nclasses <= 256);
	ASSERT_EQ(h->reserved, 0);
	for (i = 0; i < 256; i++)
		ASSERT_TRUE(h->classes[i] < d->nclasses);
	ASSERT_TRUE(!d->v.perms[0].allow && !d->v.perms[0].deny && !d->v.perms[0].audit);
	ASSERT_TRUE(sorted);
	memcpy(sorted, d->v.perms, d->nperms * sizeof(*sorted));
	qsort(sorted, d->nperms, sizeof(*sorted), perms_cmp);
	for (i = 1; i < d->nperms; i++)
		if (!memcmp(&sorted[i], &sorted[i - 1], sizeof(*sorted)))
			FAIL("permission sets are not distinct");
	free(sorted);
	ASSERT_EQ(at(d->v.accept, 0), 0);
	ASSERT_EQ(at(d->v.base, 0), 0);
	ASSERT_EQ(at(d->v.def, 0), 0);
	for (s = 0; s < d->nstates; s++) {
		ASSERT_TRUE(at(d->v.accept, s) < d->nperms);
		ASSERT_TRUE(at(d->v.def, s) < d->nstates);
		ASSERT_TRUE((uint64_t)at(d->v.base, s) + d->nclasses <= d->ntrans);
	}
	for (i = 0; i < d->ntrans; i++) {
		ASSERT_TRUE(at(d->v.next, i) < d->nstates && at(d->v.check, i) < d->nstates);
		if (!at(d->v.check, i))
			ASSERT_EQ(at(d->v.next, i), 0);
	}
	for (s = 2; s < d->nstates; s++) {
		bool any = at(d->v.accept, s);

		for (c = 0; c < d->nclasses && !any; c++)
			any = step(d, s, c);
		if (!any)
			FAIL("state %u has no transition and no permissions", s);
	}
}

/* Every state reachable from the start, and no two equivalent (Moore's refinement, slowly). */
static void check_minimal(const struct dfa *d)
{
	uint32_t n = d->nstates, k = d->nclasses, s, c, i, nblocks = 0, prev;
	uint32_t *blk, *sig, *queue, *nblk;
	size_t qh = 0, qt = 0;
	bool *seen;

	/* Only a DFA that matches nothing has 2 states: its start then is as dead as state 0. */
	if (n == 2)
		return;
	blk = calloc(n, sizeof(*blk));
	sig = calloc((size_t)n * (k + 1), sizeof(*sig));
	queue = calloc(n, sizeof(*queue));
	nblk = calloc(n, sizeof(*nblk));
	seen = calloc(n, sizeof(*seen));
	ASSERT_TRUE(blk && sig && queue && nblk && seen);
	seen[0] = seen[1] = true;
	queue[qt++] = 1;
	while (qh < qt)
		for (s = queue[qh++], c = 0; c < k; c++)
			if (!seen[step(d, s, c)]) {
				seen[step(d, s, c)] = true;
				queue[qt++] = step(d, s, c);
			}
	for (s = 0; s < n; s++)
		if (!seen[s])
			FAIL("state %u is unreachable", s);
	for (s = 0; s < n; s++)
		blk[s] = at(d->v.accept, s);
	do {
		prev = nblocks;
		for (s = 0; s < n; s++) {
			sig[(size_t)s * (k + 1)] = blk[s];
			for (c = 0; c < k; c++)
				sig[(size_t)s * (k + 1) + 1 + c] = blk[step(d, s, c)];
		}
		/* Number the distinct signatures (quadratic: the DFAs tested are small). */
		for (nblocks = 0, s = 0; s < n; s++) {
			for (i = 0; i < s; i++)
				if (!memcmp(&sig[(size_t)i * (k + 1)], &sig[(size_t)s * (k + 1)],
					    (k + 1) * sizeof(*sig)))
					break;
			nblk[s] = i < s ? nblk[i] : nblocks++;
		}
		memcpy(blk, nblk, n * sizeof(*blk));
	} while (nblocks != prev);
	if (nblocks != n)
		FAIL("%u states, but only %u are distinct", n, nblocks);
	free(blk);
	free(sig);
	free(queue);
	free(nblk);
	free(seen);
}

static int build(const struct rule *rules, size_t n, const struct dfa_limits *lim, struct dfa *d,
		 const char **msg)
{
	struct dfa_builder *b = dfa_builder_new();
	size_t i, off;
	int ret;

	ASSERT_TRUE(b);
	for (i = 0; i < n; i++)
		if (dfa_builder_add(b, rules[i].glob, &rules[i].perms, &off, msg))
			FAIL("%s: %s at %zu", rules[i].glob, *msg, off);
	memset(d, 0, sizeof(*d));
	ret = dfa_builder_build(b, lim, &d->sec, &d->size, msg);
	if (!ret) {
		dfa_view(d);
		check_format(d);
	} else {
		/* The message lives in the builder: copy it out before freeing it. */
		static char copy[512];

		snprintf(copy, sizeof(copy), "%s", *msg);
		*msg = copy;
	}
	dfa_builder_free(b);
	return ret;
}

static void build_ok(const struct rule *rules, size_t n, struct dfa *d)
{
	const struct dfa_limits lim = { 0, 0 };
	const char *msg;

	if (build(rules, n, &lim, d, &msg))
		FAIL("build: %s", msg);
}

static struct dfa_perms match(const struct dfa *d, const char *path, size_t len)
{
	const struct ctrpol_perms *p = &d->v.perms[ctrpol_dfa_match(&d->v, path, len)];

	return (struct dfa_perms){ le32toh(p->allow), le32toh(p->deny), le32toh(p->audit) };
}

static bool matches(const struct dfa *d, const char *path)
{
	return match(d, path, strlen(path)).allow;
}

static const struct {
	const char *glob, *path;
	bool match;
} cases[] = {
	{ "/a", "/a", true }, { "/a", "/b", false }, { "/a", "/a/", false }, { "/a", "/", false },
	{ "/a", "", false }, { "/a", "/ab", false }, { "/A", "/a", false },
	{ "/\xc3\xa9t\xc3\xa9", "/\xc3\xa9t\xc3\xa9", true }, { "/\xc3\xa9", "/\xc3\xa8", false },
	/* '*': any run, the empty one too, within one component */
	{ "/*", "/", true }, { "/*", "/abc", true }, { "/*", "/a/b", false },
	{ "/a/*/c", "/a/b/c", true }, { "/a/*/c", "/a//c", true }, { "/a/*/c", "/a/b/d/c", false },
	{ "/a*b", "/ab", true }, { "/a*b", "/axxb", true }, { "/a*b", "/ax/b", false },
	{ "/*.log", "/x.log", true }, { "/*.log", "/x.log.1", false },
	{ "/*{*,}", "/ab", true }, { "/*{*,}", "/a/b", false },
	/* '**': any run, '/' included */
	{ "/**", "/", true }, { "/**", "/a/b/c", true }, { "/a/**", "/a", false },
	{ "/a/**", "/a/", true }, { "/a/**", "/a/b/c", true }, { "/a/**", "/ab", false },
	{ "/a/**/c", "/a/b/d/c", true }, { "/a/**/c", "/a/c", false }, { "/a/**c", "/a/c", true },
	{ "/**/*.so*", "/usr/lib/libc.so.6", true }, { "/**/*.so*", "/usr/lib/libc.a", false },
	{ "/**a**b", "/xaxbx", false }, { "/**a**b", "/x/a/x/b", true },
	/* '?': one byte, never '/' */
	{ "/a?c", "/abc", true }, { "/a?c", "/a/c", false }, { "/a?c", "/ac", false },
	{ "/a?c", "/abbc", false }, { "/?*", "/", false }, { "/?*", "/x", true },
	/* sets */
	{ "/[abc]", "/b", true }, { "/[abc]", "/d", false }, { "/[abc]", "/ab", false },
	{ "/[a-c]x", "/bx", true }, { "/[a-c]x", "/dx", false }, { "/[a-cx-z]", "/y", true },
	{ "/[!a-c]", "/d", true }, { "/[!a-c]", "/b", false }, { "/x[!a-c]y", "/x/y", false },
	{ "/x[^a]y", "/xby", true }, { "/x[^a]y", "/xay", false }, { "/x[^a]y", "/x/y", false },
	{ "/[]]", "/]", true }, { "/[]a]", "/a", true }, { "/[!]]", "/]", false },
	{ "/[!]]", "/a", true }, { "/[a-]", "/-", true }, { "/[-a]", "/-", true },
	{ "/[\\]]", "/]", true }, { "/[\\-a]", "/-", true }, { "/[\\-a]", "/b", false },
	{ "/a[.-1]b", "/a.b", true }, { "/a[.-1]b", "/a0b", true }, { "/a[.-1]b", "/a/b", false },
	{ "/[*]", "/*", true }, { "/[*]", "/a", false }, { "/[{},]", "/,", true },
	{ "/[\xc3]", "/\xc3", true },
	/* alternatives */
	{ "/{a,b}", "/a", true }, { "/{a,b}", "/b", true }, { "/{a,b}", "/c", false },
	{ "/{a,b}", "/ab", false }, { "/x{,.bak}", "/x", true }, { "/x{,.bak}", "/x.bak", true },
	{ "/x{,.bak}", "/x.ba", false }, { "/{a,b{c,d{e,f}}}", "/bdf", true },
	{ "/{a,b{c,d{e,f}}}", "/bd", false }, { "/{a,b{c,d{e,f}}}", "/bc", true },
	{ "/{a,b{c,d{e,f}}}", "/a", true }, { "/{}", "/", true }, { "/a{}b", "/ab", true },
	{ "/a{/b,/c}/d", "/a/c/d", true }, { "/a{/b,/c}/d", "/a/d", false },
	{ "/{a*,*b}", "/xb", true }, { "/{a*,*b}", "/xa", false }, { "/{[ab],c}", "/b", true },
	{ "/a,b", "/a,b", true }, { "/a,b", "/a", false },
	/* escapes */
	{ "/\\*", "/*", true }, { "/\\*", "/a", false }, { "/\\{a\\}", "/{a}", true },
	{ "/\\\\", "/\\", true }, { "/\\?", "/?", true }, { "/\\?", "/a", false },
	{ "/\\[a]", "/[a]", true }, { "/\\a", "/a", true }, { "/a\\,b", "/a,b", true },
	{ "/{a\\,b}", "/a,b", true }, { "/{a\\,b}", "/a", false }, { "/\\}", "/}", true },
	{ "/\\**", "/*xyz", true }, { "/\\**", "/xyz", false },
};

TEST(glob_features)
{
	const struct dfa_perms any = { CTRPOL_FILE_READ, 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rule r = { cases[i].glob, any };
		struct dfa d;

		build_ok(&r, 1, &d);
		check_minimal(&d);
		if (matches(&d, cases[i].path) != cases[i].match)
			FAIL("%s %s %s", cases[i].glob, cases[i].match ? "misses" : "matches",
			     cases[i].path);
		free(d.sec);
	}
}

TEST(union_of_overlapping_rules)
{
	const struct rule rules[] = {
		{ "/srv/**", { CTRPOL_FILE_READ, 0, 0 } },
		{ "/srv/*.log", { CTRPOL_FILE_APPEND, 0, CTRPOL_FILE_APPEND } },
		{ "/srv/secret*", { 0, CTRPOL_FILE_READ, CTRPOL_FILE_READ } },
		{ "/srv/secret.log", { CTRPOL_FILE_WRITE, 0, 0 } },
		{ "/srv/**", { CTRPOL_FILE_READ, 0, 0 } },
	};
	struct dfa d;
	struct dfa_perms p;

	build_ok(rules, 5, &d);
	check_minimal(&d);
	p = match(&d, "/srv/a/b", 8);
	ASSERT_TRUE(p.allow == CTRPOL_FILE_READ && !p.deny && !p.audit);
	p = match(&d, "/srv/x.log", 10);
	ASSERT_TRUE(p.allow == (CTRPOL_FILE_READ | CTRPOL_FILE_APPEND) && !p.deny &&
		    p.audit == CTRPOL_FILE_APPEND);
	p = match(&d, "/srv/secret.log", 15);
	ASSERT_EQ(p.allow, CTRPOL_FILE_READ | CTRPOL_FILE_APPEND | CTRPOL_FILE_WRITE);
	ASSERT_EQ(p.deny, CTRPOL_FILE_READ);
	ASSERT_EQ(p.audit, CTRPOL_FILE_APPEND | CTRPOL_FILE_READ);
	p = match(&d, "/srv/d/x.log", 12);
	ASSERT_TRUE(p.allow == CTRPOL_FILE_READ && !p.audit);
	p = match(&d, "/srv", 4);
	ASSERT_TRUE(!p.allow && !p.deny && !p.audit);
	free(d.sec);
}

TEST(no_rules_match_nothing)
{
	const struct rule zero = { "/**", { 0, 0, 0 } };
	struct dfa d;

	build_ok(NULL, 0, &d);
	ASSERT_EQ(d.nstates, 2);
	ASSERT_EQ(d.nperms, 1);
	ASSERT_TRUE(!matches(&d, "/") && !matches(&d, "") && !matches(&d, "/a/b"));
	free(d.sec);
	/* A rule that grants nothing changes nothing. */
	build_ok(&zero, 1, &d);
	ASSERT_EQ(d.nstates, 2);
	ASSERT_EQ(ctrpol_dfa_match(&d.v, "/a", 2), 0);
	free(d.sec);
}

TEST(minimal_sizes)
{
	const struct rule star = { "/a*", { 1, 0, 0 } };
	const struct rule alts[] = { { "/x/{a,b}c", { 1, 0, 0 } }, { "/x/[ab]c", { 1, 0, 0 } } };
	struct dfa d;

	/* dead, start, after '/', after "/a" */
	build_ok(&star, 1, &d);
	ASSERT_EQ(d.nstates, 4);
	ASSERT_EQ(d.nclasses, 3);
	free(d.sec);
	build_ok(alts, 1, &d);
	ASSERT_EQ(d.nstates, 7);
	free(d.sec);
	build_ok(alts, 2, &d);
	ASSERT_EQ(d.nstates, 7);
	ASSERT_EQ(d.nperms, 2);
	free(d.sec);
}

static const struct {
	const char *glob;
	size_t off;
	const char *msg;
} errors[] = {
	{ "", 0, "must start with '/'" },
	{ "a/b", 0, "must start with '/'" },
	{ "*", 0, "must start with '/'" },
	{ "/a/***", 5, "'***' is not a pattern: use '**'" },
	{ "/****x", 3, "'***'" },
	{ "/[ab", 1, "unterminated '['" },
	{ "/[", 1, "unterminated '['" },
	{ "/x[!", 2, "unterminated '['" },
	{ "/[]", 1, "unterminated '['" },
	{ "/[!]", 1, "unterminated '['" },
	{ "/[a-", 1, "unterminated '['" },
	{ "/x[a\\", 4, "trailing '\\'" },
	{ "/[a/b]", 3, "never matches '/'" },
	{ "/[\\/]", 2, "never matches '/'" },
	{ "/x[a-/]", 5, "never matches '/'" },
	{ "/[z-a]", 2, "reversed range" },
	{ "/[ab-\\a]", 3, "reversed range" },
	{ "/{a,b", 1, "unterminated '{'" },
	{ "/{a,{b}", 1, "unterminated '{'" },
	{ "/x{a,{b", 5, "unterminated '{'" },
	{ "/{", 1, "unterminated '{'" },
	{ "/a}", 2, "unmatched '}'" },
	{ "/{a}}", 4, "unmatched '}'" },
	{ "/a\\", 2, "trailing '\\'" },
	{ "/{a,\\", 4, "trailing '\\'" },
};

TEST(syntax_errors)
{
	const struct dfa_perms any = { 1, 0, 0 };
	struct dfa_builder *b = dfa_builder_new();
	char *longest = malloc(CTRPOL_MAX_PATH + 1);
	const char *msg;
	size_t i, off;

	ASSERT_TRUE(b && longest);
	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		msg = NULL;
		off = 12345;
		if (dfa_builder_add(b, errors[i].glob, &any, &off, &msg) != -1)
			FAIL("'%s' is accepted", errors[i].glob);
		if (off != errors[i].off || !strstr(msg, errors[i].msg))
			FAIL("'%s': got \"%s\" at %zu, want \"%s\" at %zu", errors[i].glob, msg,
			     off, errors[i].msg, errors[i].off);
		ASSERT_TRUE(msg[0] == '\'' || (msg[0] >= 'a' && msg[0] <= 'z'));
	}
	/* Rules granting nothing are still checked. */
	ASSERT_EQ(dfa_builder_add(b, "/[", &(struct dfa_perms){ 0, 0, 0 }, &off, &msg), -1);
	memset(longest, 'a', CTRPOL_MAX_PATH);
	longest[0] = '/';
	longest[CTRPOL_MAX_PATH - 1] = '\0';
	ASSERT_EQ(dfa_builder_add(b, longest, &any, &off, &msg), 0);
	longest[CTRPOL_MAX_PATH - 1] = 'a';
	longest[CTRPOL_MAX_PATH] = '\0';
	ASSERT_EQ(dfa_builder_add(b, longest, &any, &off, &msg), -1);
	ASSERT_EQ(off, CTRPOL_MAX_PATH - 1);
	ASSERT_CONTAINS(msg, "longer than 4095 bytes");
	free(longest);
	dfa_builder_free(b);
}

/* The longest globs: recursion as deep as braces nest, alternatives by the thousand. */
TEST(deep_and_wide_globs)
{
	char *glob = malloc(CTRPOL_MAX_PATH), *p;
	struct rule r = { glob, { 1, 0, 0 } };
	struct dfa d;
	int i;

	ASSERT_TRUE(glob);
	glob[0] = '/';
	memset(glob + 1, '{', 2040);
	glob[2041] = 'a';
	memset(glob + 2042, '}', 2040);
	glob[4082] = '\0';
	build_ok(&r, 1, &d);
	ASSERT_TRUE(matches(&d, "/a") && !matches(&d, "/") && !matches(&d, "/aa"));
	free(d.sec);
	p = glob + sprintf(glob, "/{");
	for (i = 0; i < 1000; i++)
		p += sprintf(p, "%c%c,", 'a' + i % 26, 'a' + i / 26 % 26);
	p[-1] = '}';
	build_ok(&r, 1, &d);
	ASSERT_TRUE(matches(&d, "/ab") && matches(&d, "/zl") && !matches(&d, "/abc"));
	free(d.sec);
	free(glob);
}

/* n rules, each on a literal path of its own (in paths[]), all allowing read. */
static struct rule *literal_rules(size_t n, char (**paths)[40])
{
	struct rule *rules = calloc(n, sizeof(*rules));
	size_t i;

	*paths = calloc(n, sizeof(**paths));
	ASSERT_TRUE(rules && *paths);
	for (i = 0; i < n; i++) {
		snprintf((*paths)[i], sizeof((*paths)[i]), "/srv/d%zu/f%zu.txt", i % 97, i);
		rules[i].glob = (*paths)[i];
		rules[i].perms = (struct dfa_perms){ 1, 0, 0 };
	}
	return rules;
}

TEST(many_literal_rules)
{
	enum { N = 5000 };
	char (*paths)[40];
	struct rule *rules = literal_rules(N, &paths);
	struct dfa d;
	size_t i;

	for (i = 0; i < N; i++)
		rules[i].perms = (struct dfa_perms){ i % 1024 + 1, i / 1024, 0 };
	build_ok(rules, N, &d);
	for (i = 0; i < N; i++) {
		struct dfa_perms p = match(&d, paths[i], strlen(paths[i]));

		ASSERT_TRUE(p.allow == rules[i].perms.allow && p.deny == rules[i].perms.deny);
		p = match(&d, paths[i], strlen(paths[i]) - 1);
		ASSERT_TRUE(!p.allow && !p.deny);
	}
	free(d.sec);
	free(rules);
	free(paths);
}

TEST(permission_set_limit)
{
	enum { N = CTRPOL_MAX_DFA_PERMS };
	struct rule *rules = calloc(N, sizeof(*rules));
	char (*paths)[16] = calloc(N, sizeof(*paths));
	const struct dfa_limits lim = { 0, 0 };
	const char *msg;
	struct dfa d;
	size_t i;

	ASSERT_TRUE(rules && paths);
	for (i = 0; i < N; i++) {
		snprintf(paths[i], sizeof(paths[i]), "/p%zu", i);
		rules[i].glob = paths[i];
		rules[i].perms = (struct dfa_perms){ (i + 1) & 1023, (i + 1) >> 10, 0 };
	}
	/* All of them and perms[0] are one too many; one fewer fits exactly. */
	ASSERT_EQ(build(rules, N, &lim, &d, &msg), -1);
	ASSERT_CONTAINS(msg, "distinct permission sets");
	ASSERT_EQ(build(rules, N - 1, &lim, &d, &msg), 0);
	ASSERT_EQ(d.nperms, CTRPOL_MAX_DFA_PERMS);
	free(d.sec);
	free(rules);
	free(paths);
}

/* Rules of ten "/", "**", letter triples: each "**" doubles what the DFA must track. */
static void pathological(struct rule *rules, char (*globs)[64], size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		char *p = globs[i];

		for (j = 0; j < 10; j++)
			p += sprintf(p, "/**%c", 'a' + (int)((i + j * 7) % 26));
		rules[i].glob = globs[i];
		rules[i].perms = (struct dfa_perms){ 1u << (i % 10), 0, 0 };
	}
}

/* The pathological rules, refused under lim with a message that names the limit hit. */
static void pathological_refused(const struct dfa_limits *lim, const char *why)
{
	struct rule rules[30];
	char globs[30][64];
	const char *msg;
	struct dfa d;

	pathological(rules, globs, 30);
	ASSERT_EQ(build(rules, 30, lim, &d, &msg), -1);
	ASSERT_CONTAINS(msg, why);
}

TEST(state_limit)
{
	const struct dfa_limits lim = { 10000, 0 };

	pathological_refused(&lim, "more DFA states than the limit of 10000");
}

TEST(memory_limit)
{
	enum { N = 20000 };
	const struct dfa_limits lim = { 0, 1 << 20 };
	char (*paths)[40];
	struct rule *rules = literal_rules(N, &paths);
	const char *msg;
	struct dfa d;

	ASSERT_EQ(build(rules, N, &lim, &d, &msg), -1);
	ASSERT_CONTAINS(msg, "more memory than the limit of 1 MiB");
	free(rules);
	free(paths);
}

/* Time is bounded as well as memory: the blowup stops after so many steps. */
TEST(default_limits_stop_blowup)
{
	const struct dfa_limits lim = { 0, 0 };

	pathological_refused(&lim, "more than 67108864 steps");
}

/*
 * The reference: braces expanded into token lists (tokens never merge across
 * braces: "*{*,}" is two stars, not "**"), each matched by backtracking.
 */
struct tok {
	char kind;		/* 'c' byte, '?', '[' set, '*', 'D' for "**" */
	unsigned char c;
	const char *set;	/* after the '[' */
};

struct seq {
	struct tok t[96];
	int n;
};

struct seqs {
	struct seq *v;
	int n, cap;
};

enum { MAX_EXPANSIONS = 512 };

static void seqs_add(struct seqs *s, const struct seq *q)
{
	if (s->n == MAX_EXPANSIONS)
		FAIL("reference: too many expansions");
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 2;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		ASSERT_TRUE(s->v);
	}
	s->v[s->n++] = *q;
}

static unsigned char ref_byte(const char **p)
{
	if (**p == '\\')
		(*p)++;
	return (unsigned char)*(*p)++;
}

/* Past the set that starts after '['. */
static const char *ref_set_end(const char *p)
{
	if (*p == '!' || *p == '^')
		p++;
	do
		ref_byte(&p);
	while (*p != ']');
	return p + 1;
}

static bool ref_set_has(const char *p, unsigned char ch)
{
	bool neg = *p == '!' || *p == '^', in = false;

	p += neg;
	do {
		unsigned char lo = ref_byte(&p), hi = lo;

		if (p[0] == '-' && p[1] != ']') {
			p++;
			hi = ref_byte(&p);
		}
		in |= lo <= ch && ch <= hi;
	} while (*p != ']');
	return ch != '/' && in != neg;
}

static struct seqs ref_expand(const char **p, bool in_braces);

/* Every sequence of a, each followed by every one of b. */
static struct seqs cross(const struct seqs *a, const struct seqs *b)
{
	struct seqs r = { NULL, 0, 0 };
	int i, j;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++) {
			struct seq q = a->v[i];

			if (q.n + b->v[j].n > 96)
				FAIL("reference: sequence too long");
			memcpy(&q.t[q.n], b->v[j].t, b->v[j].n * sizeof(q.t[0]));
			q.n += b->v[j].n;
			seqs_add(&r, &q);
		}
	return r;
}

static struct tok ref_tok(const char **p)
{
	struct tok t = { 'c', 0, NULL };

	switch (**p) {
	case '*':
		t.kind = (*p)[1] == '*' ? 'D' : '*';
		*p += t.kind == 'D' ? 2 : 1;
		break;
	case '?':
		t.kind = '?';
		(*p)++;
		break;
	case '[':
		t.kind = '[';
		t.set = *p + 1;
		*p = ref_set_end(*p + 1);
		break;
	default:
		t.c = ref_byte(p);
	}
	return t;
}

static struct seqs ref_expand(const char **p, bool in_braces)
{
	const struct seq empty = { .n = 0 };
	struct seqs r = { NULL, 0, 0 }, alts, x;
	int i;

	seqs_add(&r, &empty);
	while (**p && !(in_braces && (**p == ',' || **p == '}'))) {
		if (**p != '{') {
			struct tok t = ref_tok(p);

			for (i = 0; i < r.n; i++) {
				if (r.v[i].n == 96)
					FAIL("reference: sequence too long");
				r.v[i].t[r.v[i].n++] = t;
			}
			continue;
		}
		alts = (struct seqs){ NULL, 0, 0 };
		do {
			struct seqs one;

			(*p)++;
			one = ref_expand(p, true);
			for (i = 0; i < one.n; i++)
				seqs_add(&alts, &one.v[i]);
			free(one.v);
		} while (**p == ',');
		(*p)++;
		x = cross(&r, &alts);
		free(r.v);
		free(alts.v);
		r = x;
	}
	return r;
}

static bool ref_match(const struct tok *t, int n, const char *s, size_t len)
{
	size_t k;

	if (!n)
		return !len;
	switch (t->kind) {
	case '*':
		for (k = 0;; k++) {
			if (ref_match(t + 1, n - 1, s + k, len - k))
				return true;
			if (k == len || s[k] == '/')
				return false;
		}
	case 'D':
		for (k = 0; k <= len; k++)
			if (ref_match(t + 1, n - 1, s + k, len - k))
				return true;
		return false;
	case '?':
		return len && *s != '/' && ref_match(t + 1, n - 1, s + 1, len - 1);
	case '[':
		return len && ref_set_has(t->set, *s) && ref_match(t + 1, n - 1, s + 1, len - 1);
	default:
		return len && (unsigned char)*s == t->c && ref_match(t + 1, n - 1, s + 1, len - 1);
	}
}

static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16) % n;
}

struct gen {
	char *p;
	bool star;	/* the last byte is an unescaped '*' */
};

static void gen_put(struct gen *g, const char *s)
{
	size_t n = strlen(s);

	memcpy(g->p, s, n);
	g->p += n;
	g->star = n && s[n - 1] == '*' && !(n >= 2 && s[n - 2] == '\\');
}

static void gen_set(struct gen *g)
{
	static const char *const items[] = {
		"a", "b", ".", "*", "?", "{", "}", ",", "\\]", "\\\\", "\\-",
		"a-b", ".-a", "*-.", "b-b",
	};
	int i, n = 1 + rnd(3);

	gen_put(g, rnd(3) ? "[" : rnd(2) ? "[!" : "[^");
	if (!rnd(5))
		gen_put(g, "]");
	for (i = 0; i < n; i++)
		gen_put(g, items[rnd(sizeof(items) / sizeof(items[0]))]);
	gen_put(g, rnd(6) ? "]" : "-]");
}

static void gen_seq(struct gen *g, int depth, bool in_braces)
{
	static const char *const escapes[] = { "\\*", "\\?", "\\[", "\\]", "\\{", "\\}", "\\,",
					       "\\\\", "\\a", "\\/" };
	int i, n = rnd(5);

	for (i = 0; i < n; i++) {
		uint32_t r = rnd(100);

		if (r < 12 && !g->star) {
			gen_put(g, "*");
		} else if (r < 20 && !g->star) {
			gen_put(g, "**");
		} else if (r < 28) {
			gen_put(g, "?");
		} else if (r < 38) {
			gen_set(g);
		} else if (r < 48 && depth < 2) {
			int j, alts = 1 + rnd(3);

			gen_put(g, "{");
			for (j = 0; j < alts; j++) {
				if (j)
					gen_put(g, ",");
				gen_seq(g, depth + 1, true);
			}
			gen_put(g, "}");
		} else if (r < 54) {
			gen_put(g, escapes[rnd(sizeof(escapes) / sizeof(escapes[0]))]);
		} else {
			char c[2] = { "/ab.,"[rnd(in_braces ? 4 : 5)], 0 };

			gen_put(g, c);
		}
	}
}

/* A path some expansion of the glob matches, or nearly. */
static size_t gen_path(const struct seq *q, char *out, size_t max)
{
	size_t len = 0;
	int i, k;

	for (i = 0; i < q->n && len + 8 < max; i++) {
		const struct tok *t = &q->t[i];

		switch (t->kind) {
		case '*':
		case 'D':
			for (k = rnd(4); k > 0; k--)
				out[len++] = t->kind == 'D' ? "/ab."[rnd(4)] : "ab."[rnd(3)];
			break;
		case '?':
			out[len++] = "ab.*"[rnd(4)];
			break;
		case '[':
			out[len++] = "ab.*?{},]-\\/"[rnd(12)];
			break;
		default:
			out[len++] = t->c;
		}
	}
	if (!rnd(4) && len)
		out[rnd(len)] = "/ab."[rnd(4)];
	return len;
}

static void check_paths(const struct dfa *d, struct seqs *exp, const struct rule *rules, int n,
			const char *path, size_t len)
{
	struct dfa_perms want = { 0, 0, 0 }, got = match(d, path, len);
	int i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < exp[i].n; j++)
			if (ref_match(exp[i].v[j].t, exp[i].v[j].n, path, len))
				break;
		if (j < exp[i].n) {
			want.allow |= rules[i].perms.allow;
			want.deny |= rules[i].perms.deny;
			want.audit |= rules[i].perms.audit;
		}
	}
	if (memcmp(&want, &got, sizeof(want))) {
		printf("# rules:\n");
		for (i = 0; i < n; i++)
			printf("#   %s %x/%x/%x\n", rules[i].glob, rules[i].perms.allow,
			       rules[i].perms.deny, rules[i].perms.audit);
		FAIL("path '%.*s': DFA says %x/%x/%x, reference %x/%x/%x", (int)len, path,
		     got.allow, got.deny, got.audit, want.allow, want.deny, want.audit);
	}
}

TEST(random_rule_sets_match_reference)
{
	const char *env = getenv("DFA_TEST_SEED");
	uint32_t seed = env ? (uint32_t)strtoul(env, NULL, 0) : 20240611;
	char globs[20][256];
	struct rule rules[20];
	struct seqs exp[20];
	int round, i, k, n;

	printf("# seed %u (set DFA_TEST_SEED to change it)\n", seed);
	rng = seed * 2654435761ULL + 1;
	for (round = 0; round < 300; round++) {
		char path[64];
		struct dfa d;

		n = 1 + rnd(20);
		for (i = 0; i < n; i++) {
			struct gen g = { globs[i], false };
			const char *p = globs[i];

			gen_put(&g, "/");
			gen_seq(&g, 0, false);
			*g.p = '\0';
			rules[i].glob = globs[i];
			rules[i].perms.allow = rnd(4) ? 1u << rnd(10) : 0;
			rules[i].perms.deny = rnd(4) ? 0 : 1u << rnd(10);
			rules[i].perms.audit = rnd(3) ? 0 : 1u << rnd(10);
			exp[i] = ref_expand(&p, false);
		}
		build_ok(rules, n, &d);
		if (d.nstates <= 3000)
			check_minimal(&d);
		for (k = 0; k < 150; k++) {
			size_t len = rnd(13), j;

			for (j = 0; j < len; j++)
				path[j] = "/ab."[rnd(4)];
			check_paths(&d, exp, rules, n, path, len);
		}
		for (i = 0; i < n; i++)
			for (k = 0; k < 10; k++) {
				const struct seqs *e = &exp[i];
				size_t len = gen_path(&e->v[rnd(e->n)], path, sizeof(path));

				check_paths(&d, exp, rules, n, path, len);
			}
		for (i = 0; i < n; i++)
			free(exp[i].v);
		free(d.sec);
	}
}
