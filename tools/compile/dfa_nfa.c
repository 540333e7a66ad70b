// SPDX-License-Identifier: GPL-2.0
/* Globs into one NFA, a rule at a time (dfa_builder_add()). */
#include <stdlib.h>

#include "dfa_internal.h"
#include "lang/glob.h"

void dfa_builder_free(struct dfa_builder *b)
{
	if (!b)
		return;
	recs_free(&b->nodes, &b->mem);
	recs_free(&b->sets, &b->mem);
	recs_free(&b->perms, &b->mem);
	free(b->alt);
	free(b->entry);
	free(b);
}

struct dfa_builder *dfa_builder_new(void)
{
	struct dfa_builder *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->mem.limit = SIZE_MAX;
	if (recs_init(&b->nodes, &b->mem, sizeof(struct nfa_node)) ||
	    recs_init(&b->sets, &b->mem, sizeof(struct glob_set)) ||
	    recs_init(&b->perms, &b->mem, sizeof(struct dfa_perms))) {
		dfa_builder_free(b);
		return NULL;
	}
	return b;
}

static int nfa_node(struct dfa_builder *b, uint32_t kind, uint32_t arg, uint32_t to,
		    uint32_t *id)
{
	const struct nfa_node n = { kind, arg, to };

	/*
	 * No older node leads to one made for this rule: nodes that do are
	 * new, and not worth the table (random accesses, the bulk of the
	 * time); a later rule ending the same way shares one node more.
	 */
	if (kind == NFA_ALT || (kind != NFA_ACCEPT && to >= b->rule_first))
		return recs_append(&b->nodes, &b->mem, &n, id);
	return recs_intern(&b->nodes, &b->mem, &n, id);
}

/* The NFA of glob node n followed by node cont; *entry is where it starts. */
static int nfa_glob(struct dfa_builder *b, const struct glob *g, uint32_t n, uint32_t cont,
		    uint32_t *entry)
{
	const struct glob_node *gn = &g->nodes[n];
	uint32_t i, first, set, e;
	uint32_t *alt;

	if (gn->op == GLOB_SEQ) {
		*entry = cont;
		for (i = gn->nkids; i--;)
			if (nfa_glob(b, g, g->kids[gn->kid + i], *entry, entry))
				return -1;
		return 0;
	}
	if (gn->op == GLOB_ALT) {
		/* Reserve the successors first: alternatives nested in these take the next ones. */
		alt = mem_grow(&b->mem, b->alt, &b->alt_cap, b->nalt + gn->nkids, sizeof(*alt));
		if (!alt)
			return -1;
		b->alt = alt;
		first = b->nalt;
		b->nalt += gn->nkids;
		for (i = 0; i < gn->nkids; i++) {
			if (nfa_glob(b, g, g->kids[gn->kid + i], cont, &e))
				return -1;
			b->alt[first + i] = e;
		}
		return nfa_node(b, NFA_ALT, first, gn->nkids, entry);
	}
	if (recs_intern(&b->sets, &b->mem, &gn->set, &set))
		return -1;
	return nfa_node(b, gn->op == GLOB_SET ? NFA_BYTE : NFA_LOOP, set, cont, entry);
}

int dfa_builder_add(struct dfa_builder *b, const char *glob, const struct dfa_perms *p,
		    size_t *err_off, const char **err_msg)
{
	uint32_t *entry, perms, accept, start;
	struct glob g;
	int ret = -1;

	if (glob_parse(glob, &g, err_off, err_msg))
		return -1;
	/* It cannot change what any path gets. */
	if (!(p->allow | p->deny | p->audit)) {
		glob_free(&g);
		return 0;
	}
	entry = mem_grow(&b->mem, b->entry, &b->entry_cap, b->nentry + 1, sizeof(*entry));
	b->rule_first = b->nodes.n;
	if (entry) {
		b->entry = entry;
		if (!recs_intern(&b->perms, &b->mem, p, &perms) &&
		    !nfa_node(b, NFA_ACCEPT, perms, 0, &accept) &&
		    !nfa_glob(b, &g, g.root, accept, &start)) {
			b->entry[b->nentry++] = start;
			ret = 0;
		}
	}
	glob_free(&g);
	if (ret) {
		*err_off = 0;
		*err_msg = "out of memory";
	}
	return ret;
}
