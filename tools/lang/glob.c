// SPDX-License-Identifier: GPL-2.0
/*
 * The glob parser: recursive descent over the text, into the tree of glob.h.
 * Arrays are sized from the text length up front, so parsing allocates once.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/ctrpol.h>

#include "glob.h"

#define SLASH_IN_SET "a set never matches '/': take it out of the set"
#define UNTERMINATED_ALT \
	"unterminated '{': end the alternatives with '}' or write '\\{' for the byte itself"
#define UNTERMINATED_SET "unterminated '[': end the set with ']' or write '\\[' for the byte itself"

struct parser {
	const unsigned char *s;
	size_t i, len;
	struct glob *g;
	uint32_t *stack;	/* children of the sequences and alternatives being parsed */
	size_t nstack;
	size_t *err_off;
	const char **err_msg;
};

static int fail(struct parser *p, size_t off, const char *msg)
{
	*p->err_off = off;
	*p->err_msg = msg;
	return -1;
}

static void set_add_range(struct glob_set *set, unsigned char lo, unsigned char hi)
{
	unsigned int c;

	for (c = lo; c <= hi; c++)
		set->w[c / 64] |= 1ULL << (c % 64);
}

static void set_del(struct glob_set *set, unsigned char c)
{
	set->w[c / 64] &= ~(1ULL << (c % 64));
}

static uint32_t leaf(struct parser *p, enum glob_op op, const struct glob_set *set)
{
	struct glob_node *n = &p->g->nodes[p->g->nnodes];

	memset(n, 0, sizeof(*n));
	n->op = op;
	n->set = *set;
	return p->g->nnodes++;
}

/* The node of op over the children stack[mark..], which it pops; one child stands for itself. */
static uint32_t list(struct parser *p, enum glob_op op, size_t mark)
{
	struct glob *g = p->g;
	uint32_t n = p->nstack - mark;
	struct glob_node *node;

	p->nstack = mark;
	if (n == 1)
		return p->stack[mark];
	node = &g->nodes[g->nnodes];
	memset(node, 0, sizeof(*node));
	node->op = op;
	node->kid = g->nkids;
	node->nkids = n;
	memcpy(&g->kids[g->nkids], &p->stack[mark], n * sizeof(*g->kids));
	g->nkids += n;
	return g->nnodes++;
}

/* One byte, '\' escapes included; sets check what may be in them. */
static int byte(struct parser *p, unsigned char *c)
{
	if (p->s[p->i] == '\\') {
		if (p->i + 1 == p->len)
			return fail(p, p->i, "trailing '\\': write '\\\\' for a backslash");
		p->i++;
	}
	*c = p->s[p->i++];
	return 0;
}

/* One byte or range of a set, added to it. */
static int set_item(struct parser *p, size_t open, struct glob_set *set)
{
	size_t lo_at = p->i, hi_at;
	unsigned char lo, hi;

	if (byte(p, &lo))
		return -1;
	if (lo == '/')
		return fail(p, lo_at, SLASH_IN_SET);
	hi = lo;
	if (p->i + 1 < p->len && p->s[p->i] == '-' && p->s[p->i + 1] != ']') {
		hi_at = ++p->i;
		if (byte(p, &hi))
			return -1;
		if (hi == '/')
			return fail(p, hi_at, SLASH_IN_SET);
		if (hi < lo)
			return fail(p, lo_at,
				    "reversed range: write the lower byte first, as in 'a-z'");
	}
	if (p->i == p->len)
		return fail(p, open, UNTERMINATED_SET);
	set_add_range(set, lo, hi);
	return 0;
}

/* '[...]': one byte of a set, never '/'; ']' right after '[' or '[!' is a member. */
static int parse_set(struct parser *p, uint32_t *id)
{
	size_t open = p->i++;
	struct glob_set set = { { 0 } };
	bool neg = false;

	if (p->i < p->len && (p->s[p->i] == '!' || p->s[p->i] == '^')) {
		neg = true;
		p->i++;
	}
	if (p->i == p->len)
		return fail(p, open, UNTERMINATED_SET);
	do {
		if (set_item(p, open, &set))
			return -1;
	} while (p->s[p->i] != ']');
	p->i++;
	if (neg) {
		set.w[0] = ~set.w[0];
		set.w[1] = ~set.w[1];
		set.w[2] = ~set.w[2];
		set.w[3] = ~set.w[3];
	}
	/* Never empty: it names a byte but '/', or its complement has NUL, which text cannot. */
	set_del(&set, '/');
	*id = leaf(p, GLOB_SET, &set);
	return 0;
}

/* '*' or '**'. */
static int parse_stars(struct parser *p, uint32_t *id)
{
	size_t at = p->i;
	struct glob_set set = { { ~0ULL, ~0ULL, ~0ULL, ~0ULL } };

	while (p->i < p->len && p->s[p->i] == '*')
		p->i++;
	if (p->i - at > 2)
		return fail(p, at + 2, "'***' is not a pattern: use '**'");
	if (p->i - at == 1)
		set_del(&set, '/');
	*id = leaf(p, GLOB_STAR, &set);
	return 0;
}

static int parse_seq(struct parser *p, bool in_braces, uint32_t *id);

/* '{a,b,...}': alternatives, possibly empty, possibly nested. */
static int parse_braces(struct parser *p, uint32_t *id)
{
	size_t open = p->i++, mark = p->nstack;
	uint32_t alt;

	do {
		if (parse_seq(p, true, &alt))
			return -1;
		if (p->i == p->len)
			return fail(p, open, UNTERMINATED_ALT);
		p->stack[p->nstack++] = alt;
	} while (p->s[p->i++] == ',');
	*id = list(p, GLOB_ALT, mark);
	return 0;
}

static int parse_item(struct parser *p, uint32_t *id)
{
	struct glob_set set = { { 0 } };
	unsigned char c;

	switch (p->s[p->i]) {
	case '*':
		return parse_stars(p, id);
	case '[':
		return parse_set(p, id);
	case '{':
		return parse_braces(p, id);
	case '}':
		return fail(p, p->i, "unmatched '}': write '\\}' for the byte itself");
	case '?':
		p->i++;
		set_add_range(&set, 0, 255);
		set_del(&set, '/');
		break;
	default:
		if (byte(p, &c))
			return -1;
		set_add_range(&set, c, c);
	}
	*id = leaf(p, GLOB_SET, &set);
	return 0;
}

/* Items up to the end of the text or, in braces, up to the next ',' or '}'. */
static int parse_seq(struct parser *p, bool in_braces, uint32_t *id)
{
	size_t mark = p->nstack;
	uint32_t item;

	while (p->i < p->len && !(in_braces && (p->s[p->i] == ',' || p->s[p->i] == '}'))) {
		if (parse_item(p, &item))
			return -1;
		p->stack[p->nstack++] = item;
	}
	*id = list(p, GLOB_SEQ, mark);
	return 0;
}

int glob_parse(const char *text, struct glob *g, size_t *err_off, const char **err_msg)
{
	struct parser p = { .s = (const unsigned char *)text, .len = strlen(text), .g = g,
			    .err_off = err_off, .err_msg = err_msg };
	/* Each byte makes at most one leaf, '{' one alternation and '{' or ',' one sequence. */
	size_t max = 3 * p.len + 2;
	int ret;

	memset(g, 0, sizeof(*g));
	if (text[0] != '/')
		return fail(&p, 0, "a path glob must start with '/'");
	if (p.len >= CTRPOL_MAX_PATH)
		return fail(&p, CTRPOL_MAX_PATH - 1,
			    "the glob is longer than 4095 bytes: shorten it");
	g->nodes = malloc(max * sizeof(*g->nodes));
	g->kids = malloc(max * sizeof(*g->kids));
	p.stack = malloc(max * sizeof(*p.stack));
	if (!g->nodes || !g->kids || !p.stack) {
		free(p.stack);
		glob_free(g);
		return fail(&p, 0, "out of memory");
	}
	ret = parse_seq(&p, false, &g->root);
	free(p.stack);
	if (ret)
		glob_free(g);
	return ret;
}

void glob_free(struct glob *g)
{
	free(g->nodes);
	free(g->kids);
	memset(g, 0, sizeof(*g));
}
