// SPDX-License-Identifier: GPL-2.0
/*
 * The NFA to a DFA: byte classes, then subset construction one class at a
 * time, breadth first, each DFA state a hash-consed set of NFA nodes.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/ctrpol.h>

#include "dfa_internal.h"
#include "lang/glob.h"

/* The byte classes: the coarsest partition of bytes that refines every set. */
static int classes(struct build *d)
{
	const struct glob_set *sets = d->b->sets.v;
	size_t nsets = d->b->sets.n, s;
	uint16_t remap[512];
	uint8_t rep[256] = { 0 };	/* a byte of each class */
	unsigned int c, k, n = 1, total = 0;

	memset(d->cls, 0, sizeof(d->cls));
	for (s = 0; s < nsets; s++) {
		memset(remap, 0xff, sizeof(remap));
		for (n = 0, c = 0; c < 256; c++) {
			unsigned int key = d->cls[c] * 2 + glob_set_has(&sets[s], c);

			if (remap[key] == 0xffff)
				remap[key] = n++;
			d->cls[c] = remap[key];
			rep[d->cls[c]] = c;
		}
	}
	d->ncls = n;
	d->set_cls_off = mem_calloc(&d->mem, nsets + 1, sizeof(*d->set_cls_off));
	if (!d->set_cls_off)
		return -1;
	/* A class is wholly in or out of every set: one byte of it tells. */
	for (s = 0; s < nsets; s++) {
		for (k = 0; k < n; k++)
			total += glob_set_has(&sets[s], rep[k]);
		d->set_cls_off[s + 1] = total;
	}
	d->set_cls = mem_calloc(&d->mem, total, 1);
	if (!d->set_cls)
		return -1;
	for (total = 0, s = 0; s < nsets; s++)
		for (k = 0; k < n; k++)
			if (glob_set_has(&sets[s], rep[k]))
				d->set_cls[total++] = k;
	return 0;
}

/* The index of d->cand_perms in the permissions of states, added if new. */
static int perms_intern(struct build *d, uint32_t *id)
{
	uint32_t hash;
	size_t slot;

	*id = recs_find(&d->perms, &d->cand_perms, &hash, &slot);
	if (*id != NONE)
		return 0;
	if (d->perms.n == CTRPOL_MAX_DFA_PERMS) {
		d->mem.err = BUILD_PERMS;
		return -1;
	}
	return recs_add(&d->perms, &d->mem, &d->cand_perms, hash, slot, id);
}

/* Room in the pool for any closure, which holds each NFA node at most once. */
static int pool_reserve(struct build *d)
{
	uint32_t *p;

	if (d->npool + d->nnodes > UINT32_MAX) {
		d->mem.err = BUILD_MEMORY;
		return -1;
	}
	p = mem_grow(&d->mem, d->pool, &d->pool_cap, d->npool + d->nnodes, sizeof(*p));
	if (!p)
		return -1;
	d->pool = p;
	return 0;
}

static void closure_begin(struct build *d)
{
	if (!++d->gen) {
		memset(d->mark, 0, d->nnodes * sizeof(*d->mark));
		d->gen = 1;
	}
}

static void closure_seed(struct build *d, uint32_t n)
{
	if (d->mark[n] != d->gen) {
		d->mark[n] = d->gen;
		d->stack[d->nstack++] = n;
	}
}

/*
 * Close the seeded nodes under the moves that consume nothing, into the
 * pool past its end; d->cand_len and d->cand_perms describe the result.
 */
static uint32_t closure_run(struct build *d)
{
	const struct dfa_builder *b = d->b;
	const struct dfa_perms *perms = b->perms.v;
	uint32_t *out = d->pool + d->npool, len = 0, hash = 0, i;

	memset(&d->cand_perms, 0, sizeof(d->cand_perms));
	while (d->nstack) {
		uint32_t n = d->stack[--d->nstack];
		const struct nfa_node *nd = &d->nodes[n];

		if (nd->kind == NFA_ALT) {
			for (i = 0; i < nd->to; i++)
				closure_seed(d, b->alt[nd->arg + i]);
			continue;
		}
		out[len++] = n;
		hash += mix(n);
		if (nd->kind == NFA_LOOP) {
			closure_seed(d, nd->to);
		} else if (nd->kind == NFA_ACCEPT) {
			d->cand_perms.allow |= perms[nd->arg].allow;
			d->cand_perms.deny |= perms[nd->arg].deny;
			d->cand_perms.audit |= perms[nd->arg].audit;
		}
	}
	d->cand_len = len;
	return mix(hash ^ (uint64_t)len << 32);
}

/* Whether state id has the nodes of the current closure: as many, all marked. */
static bool state_eq(const void *ctx, uint32_t id)
{
	const struct build *d = ctx;
	const struct sstate *s = &d->st[id];
	uint32_t i;

	if (s->len != d->cand_len)
		return false;
	for (i = 0; i < s->len; i++)
		if (d->mark[d->pool[s->off + i]] != d->gen)
			return false;
	return true;
}

/* The state of the current closure, added if new. */
static int state_intern(struct build *d, uint32_t hash, uint32_t *id)
{
	size_t i = idtab_find(&d->st_tab, hash, state_eq, d);
	struct sstate *st;
	uint32_t perms;

	if (d->st_tab.slot[i].id1) {
		*id = d->st_tab.slot[i].id1 - 1;
		return 0;
	}
	/* The dead state will be one more. */
	if (d->nst + 2 > d->max_states) {
		d->mem.err = BUILD_STATES;
		return -1;
	}
	if (perms_intern(d, &perms))
		return -1;
	st = mem_grow(&d->mem, d->st, &d->st_cap, d->nst + 1, sizeof(*st));
	if (!st)
		return -1;
	d->st = st;
	st[d->nst] = (struct sstate){ .off = d->npool, .len = d->cand_len, .hash = hash,
				      .perms = perms };
	d->npool += d->cand_len;
	*id = d->nst;
	return idtab_add(&d->st_tab, &d->mem, i, hash, d->nst++);
}

static void bucket_add(struct build *d, unsigned int c, uint32_t to)
{
	struct bucket *bk = &d->bk[c];
	uint32_t e = d->nent++;

	d->ent[e] = (struct entry){ to, NONE };
	if (d->touched[c / 64] >> (c % 64) & 1) {
		d->ent[bk->tail].next = e;
		bk->n++;
	} else {
		d->touched[c / 64] |= 1ULL << (c % 64);
		bk->head = e;
		bk->n = 1;
		bk->hash = 0;
	}
	bk->tail = e;
	bk->hash = mix((uint64_t)bk->hash << 32 | to);
}

/*
 * Subset construction may take time exponential in the globs, and much
 * of it is spent on states found again, which cost no memory: bound the
 * time too, by the memory limit, so that it fails fast.
 */
static int spend(struct build *d, size_t work)
{
	d->work += work;
	if (d->work <= d->max_work)
		return 0;
	d->mem.err = BUILD_WORK;
	return -1;
}

/* Sort what the nodes of state s lead to into the buckets of the classes that lead there. */
static int buckets_fill(struct build *d, const struct sstate *s)
{
	uint32_t i;

	memset(d->touched, 0, sizeof(d->touched));
	d->nent = 0;
	for (i = 0; i < s->len; i++) {
		uint32_t n = d->pool[s->off + i];
		const struct nfa_node *nd = &d->nodes[n];
		const uint8_t *c, *end;
		struct entry *ent;

		if (nd->kind == NFA_ACCEPT)
			continue;
		c = d->set_cls + d->set_cls_off[nd->arg];
		end = d->set_cls + d->set_cls_off[nd->arg + 1];
		ent = mem_grow(&d->mem, d->ent, &d->ent_cap, d->nent + (end - c), sizeof(*ent));
		if (!ent)
			return -1;
		d->ent = ent;
		for (; c < end; c++)
			bucket_add(d, *c, nd->kind == NFA_LOOP ? n : nd->to);
	}
	return spend(d, d->nent);
}

/* Buckets fill from the same nodes in the same order: equal ones list the same entries. */
static bool bucket_eq(const struct build *d, unsigned int c1, unsigned int c2)
{
	uint32_t e1 = d->bk[c1].head, e2 = d->bk[c2].head;

	if (d->bk[c1].n != d->bk[c2].n)
		return false;
	for (; e1 != NONE; e1 = d->ent[e1].next, e2 = d->ent[e2].next)
		if (d->ent[e1].to != d->ent[e2].to)
			return false;
	return true;
}

/* The DFA state class c leads to from the state being expanded. */
static int bucket_target(struct build *d, unsigned int c, uint32_t stamp)
{
	struct bucket *bk = &d->bk[c];
	uint32_t e, hash;
	size_t i;

	/* Many classes (all those of a '*') often lead to the same nodes: close those once. */
	for (i = bk->hash & 511; d->dedup_gen[i] == stamp; i = (i + 1) & 511) {
		if (bucket_eq(d, c, d->dedup_cls[i])) {
			bk->target = d->bk[d->dedup_cls[i]].target;
			return 0;
		}
	}
	d->dedup_gen[i] = stamp;
	d->dedup_cls[i] = c;
	if (pool_reserve(d))
		return -1;
	closure_begin(d);
	for (e = bk->head; e != NONE; e = d->ent[e].next)
		closure_seed(d, d->ent[e].to);
	hash = closure_run(d);
	if (spend(d, d->cand_len))
		return -1;
	return state_intern(d, hash, &bk->target);
}

/* Compute the transitions of state sid, adding the states they lead to. */
static int state_expand(struct build *d, uint32_t sid)
{
	struct sstate s = d->st[sid];
	uint32_t *tr;
	unsigned int w;

	if (buckets_fill(d, &s))
		return -1;
	tr = mem_grow(&d->mem, d->tr, &d->tr_cap, d->ntr + d->ncls, sizeof(*tr));
	if (!tr)
		return -1;
	d->tr = tr;
	d->st[sid].tr = d->ntr;
	for (w = 0; w < 4; w++) {
		uint64_t bits = d->touched[w];

		for (; bits; bits &= bits - 1) {
			unsigned int c = w * 64 + __builtin_ctzll(bits);

			if (bucket_target(d, c, sid + 1))
				return -1;
			d->tr[d->ntr++] = d->bk[c].target << 8 | c;
		}
	}
	d->st[sid].ntr = d->ntr - d->st[sid].tr;
	return 0;
}

static int subset_start(struct build *d)
{
	const struct dfa_builder *b = d->b;
	uint32_t start, none;
	size_t i;

	d->mark = mem_calloc(&d->mem, d->nnodes, sizeof(*d->mark));
	d->stack = mem_calloc(&d->mem, d->nnodes, sizeof(*d->stack));
	if (!d->mark || !d->stack || idtab_init(&d->st_tab, &d->mem) ||
	    recs_init(&d->perms, &d->mem, sizeof(struct dfa_perms)) || pool_reserve(d))
		return -1;
	/* Permission set 0 is the empty one. */
	memset(&d->cand_perms, 0, sizeof(d->cand_perms));
	if (perms_intern(d, &none))
		return -1;
	closure_begin(d);
	for (i = 0; i < b->nentry; i++)
		closure_seed(d, b->entry[i]);
	return state_intern(d, closure_run(d), &start);
}

/* Subset construction, breadth first from the start state 0. */
static int subset(struct build *d)
{
	const size_t nnodes = d->nnodes;
	uint32_t sid;
	int ret = subset_start(d);

	for (sid = 0; !ret && sid < d->nst; sid++)
		ret = state_expand(d, sid);
	/* Only the states' permissions and transitions are needed from here on. */
	mem_free(&d->mem, d->pool, d->pool_cap, sizeof(*d->pool));
	mem_free(&d->mem, d->mark, nnodes, sizeof(*d->mark));
	mem_free(&d->mem, d->stack, nnodes, sizeof(*d->stack));
	mem_free(&d->mem, d->ent, d->ent_cap, sizeof(*d->ent));
	idtab_free(&d->st_tab, &d->mem);
	idtab_free(&d->perms.tab, &d->mem);
	d->pool = d->mark = d->stack = NULL;
	d->ent = NULL;
	return ret;
}

int dfa_subset(struct build *d)
{
	return classes(d) ? -1 : subset(d);
}
