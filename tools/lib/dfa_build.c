// SPDX-License-Identifier: GPL-2.0
/*
 * File rules to one DFA, in four steps:
 *  - all globs become one Thompson-style NFA, each rule ending in an
 *    accepting node with its permissions;
 *  - bytes that every byte set of the NFA treats alike form a class, so that
 *    subset construction steps once per class, not once per byte;
 *  - the DFA is minimised by partition refinement from a first partition by
 *    permissions (Valmari's algorithm: O(m log n), and it works on the
 *    partial transition functions subset construction leaves);
 *  - it is comb-compressed into the layout of struct ctrpol_dfa.
 *
 * Rules that grant nothing are left out and sets are never empty, so every
 * DFA state but a rule-less start can reach an accepting one: none of them
 * is equivalent to the dead state 0, which therefore needs no row.
 */
#include <endian.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/ctrpol.h>

#include "dfa_build.h"
#include "glob.h"

#define NONE UINT32_MAX
#define DEFAULT_MAX_MEMORY ((size_t)256 << 20)

static uint32_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return (uint32_t)x;
}

/* Memory, counted so that a build stops at its limit instead of exhausting the machine. */

enum build_err { BUILD_OK, BUILD_NOMEM, BUILD_MEMORY, BUILD_WORK, BUILD_STATES, BUILD_PERMS };

struct mem {
	size_t used, limit;
	enum build_err err;
};

/* Whether new_n elements may replace old_n ones; if so, they are counted. */
static bool mem_take(struct mem *m, size_t old_n, size_t new_n, size_t size)
{
	size_t others = m->used - old_n * size;

	if (others > m->limit || new_n > (m->limit - others) / size) {
		m->err = BUILD_MEMORY;
		return false;
	}
	m->used = others + new_n * size;
	return true;
}

static void *mem_realloc(struct mem *m, void *p, size_t old_n, size_t new_n, size_t size)
{
	void *q;

	if (!mem_take(m, old_n, new_n, size))
		return NULL;
	q = realloc(p, new_n ? new_n * size : 1);
	if (!q) {
		m->used -= (new_n - old_n) * size;
		m->err = BUILD_NOMEM;
	}
	return q;
}

static void *mem_calloc(struct mem *m, size_t n, size_t size)
{
	void *p;

	if (!mem_take(m, 0, n, size))
		return NULL;
	p = calloc(n ? n : 1, size);
	if (!p) {
		m->used -= n * size;
		m->err = BUILD_NOMEM;
	}
	return p;
}

static void mem_free(struct mem *m, void *p, size_t n, size_t size)
{
	if (p)
		m->used -= n * size;
	free(p);
}

/* Room for need elements in p, of capacity *cap: p itself, a larger copy, or NULL. */
static void *grow(struct mem *m, void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 64;

	if (p && need <= *cap)
		return p;
	while (n < need)
		n += n / 2;
	p = mem_realloc(m, p, *cap, n, size);
	if (p)
		*cap = n;
	return p;
}

/*
 * A hash table of ids (of sets, permissions or DFA states), open addressing.
 * Slots keep their id's hash, so that growing needs no callback and most
 * mismatches cost no comparison.
 */
struct idslot {
	uint32_t id1;	/* id + 1; 0 when the slot is free */
	uint32_t hash;
};

struct idtab {
	struct idslot *slot;
	size_t size, n;
};

static int idtab_init(struct idtab *t, struct mem *m)
{
	t->size = 1024;
	t->n = 0;
	t->slot = mem_calloc(m, t->size, sizeof(*t->slot));
	return t->slot ? 0 : -1;
}

static void idtab_free(struct idtab *t, struct mem *m)
{
	mem_free(m, t->slot, t->size, sizeof(*t->slot));
	t->slot = NULL;
}

/* The slot of the id eq() finds equal to what hash was computed from, or the free slot for it. */
static size_t idtab_find(const struct idtab *t, uint32_t hash, bool (*eq)(const void *, uint32_t),
			 const void *ctx)
{
	size_t mask = t->size - 1, i;

	for (i = hash & mask; t->slot[i].id1; i = (i + 1) & mask)
		if (t->slot[i].hash == hash && eq(ctx, t->slot[i].id1 - 1))
			return i;
	return i;
}

/* Put id in free slot i from idtab_find(); the table stays at most half full. */
static int idtab_add(struct idtab *t, struct mem *m, size_t i, uint32_t hash, uint32_t id)
{
	struct idtab big = { .size = t->size * 2 };
	size_t mask = big.size - 1, j, k;

	t->slot[i] = (struct idslot){ id + 1, hash };
	if (++t->n * 2 <= t->size)
		return 0;
	big.slot = mem_calloc(m, big.size, sizeof(*big.slot));
	if (!big.slot)
		return -1;
	for (j = 0; j < t->size; j++) {
		if (!t->slot[j].id1)
			continue;
		for (k = t->slot[j].hash & mask; big.slot[k].id1; k = (k + 1) & mask)
			;
		big.slot[k] = t->slot[j];
	}
	big.n = t->n;
	idtab_free(t, m);
	*t = big;
	return 0;
}

/* Hash-consed records: an array of distinct ones, numbered in order, and a table over them. */
struct recs {
	void *v;
	size_t n, cap, size;
	struct idtab tab;
};

struct rec_key {
	const struct recs *r;
	const void *rec;
};

static int recs_init(struct recs *r, struct mem *m, size_t size)
{
	r->size = size;
	return idtab_init(&r->tab, m);
}

static void recs_free(struct recs *r, struct mem *m)
{
	mem_free(m, r->v, r->cap, r->size);
	idtab_free(&r->tab, m);
	r->v = NULL;
}

static bool rec_eq(const void *ctx, uint32_t id)
{
	const struct rec_key *k = ctx;

	return !memcmp((const char *)k->r->v + id * k->r->size, k->rec, k->r->size);
}

/* Records are structs of 32-bit or 64-bit fields: no padding, so their bytes are their value. */
static uint32_t rec_hash(const struct recs *r, const void *rec)
{
	uint64_t h = r->size, w;
	size_t i;

	for (i = 0; i < r->size; i += sizeof(w)) {
		size_t n = r->size - i < sizeof(w) ? r->size - i : sizeof(w);

		w = 0;
		memcpy(&w, (const char *)rec + i, n);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	return mix(h);
}

/* Append rec, whether or not an equal one exists; it is not entered in the table. */
static int recs_append(struct recs *r, struct mem *m, const void *rec, uint32_t *id)
{
	void *v = grow(m, r->v, &r->cap, r->n + 1, r->size);

	if (!v)
		return -1;
	r->v = v;
	memcpy((char *)v + r->n * r->size, rec, r->size);
	*id = r->n++;
	return 0;
}

/* The id of rec, or NONE with *slot and *hash for recs_add(). */
static uint32_t recs_find(const struct recs *r, const void *rec, uint32_t *hash, size_t *slot)
{
	const struct rec_key key = { r, rec };

	*hash = rec_hash(r, rec);
	*slot = idtab_find(&r->tab, *hash, rec_eq, &key);
	return r->tab.slot[*slot].id1 ? r->tab.slot[*slot].id1 - 1 : NONE;
}

static int recs_add(struct recs *r, struct mem *m, const void *rec, uint32_t hash, size_t slot,
		    uint32_t *id)
{
	if (recs_append(r, m, rec, id))
		return -1;
	return idtab_add(&r->tab, m, slot, hash, *id);
}

static int recs_intern(struct recs *r, struct mem *m, const void *rec, uint32_t *id)
{
	uint32_t hash;
	size_t slot;

	*id = recs_find(r, rec, &hash, &slot);
	return *id != NONE ? 0 : recs_add(r, m, rec, hash, slot, id);
}

/*
 * The NFA.  BYTE consumes one byte of set arg and goes on to node to; LOOP
 * consumes any number of bytes of set arg, then goes on to node to; ALT goes
 * on to every node of alt[arg .. arg + to) without consuming anything;
 * ACCEPT grants perms arg.
 *
 * Nodes but ALT are hash-consed: equal nodes match the same suffixes, and
 * rules that end alike (in ".txt", or "**", with the same permissions) share
 * their ends, so that subset construction already merges the DFA states
 * there, rather than making one per rule for minimisation to merge later.
 */
enum nfa_kind { NFA_BYTE, NFA_LOOP, NFA_ALT, NFA_ACCEPT };

struct nfa_node {
	uint32_t kind, arg, to;
};

struct dfa_builder {
	struct mem mem;		/* unlimited: the NFA is as big as the globs */
	struct recs nodes;	/* struct nfa_node */
	uint32_t *alt;
	size_t nalt, alt_cap;
	struct recs sets;	/* struct glob_set: those of BYTE and LOOP nodes */
	struct recs perms;	/* struct dfa_perms: those of ACCEPT nodes */
	uint32_t *entry;	/* the first node of each rule */
	size_t nentry, entry_cap;
	size_t rule_first;	/* the first node made for the rule being added */
	char msg[256];		/* dfa_builder_build()'s error */
};

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
		alt = grow(&b->mem, b->alt, &b->alt_cap, b->nalt + gn->nkids, sizeof(*alt));
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
	entry = grow(&b->mem, b->entry, &b->entry_cap, b->nentry + 1, sizeof(*entry));
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

/* A DFA state of subset construction: a set of NFA nodes. */
struct sstate {
	uint32_t off, len;	/* its nodes: pool[off .. off + len) */
	uint32_t hash;		/* of its nodes, in any order */
	uint32_t perms;		/* index in perms[] of the union of its accepting nodes' */
	uint32_t tr, ntr;	/* its transitions: tr[tr .. tr + ntr) */
};

/* The nodes the bytes of one class lead to from the state being expanded: a list of entries. */
struct bucket {
	uint32_t head, tail, n, hash;
	uint32_t target;	/* the DFA state they make */
};

struct entry {
	uint32_t to, next;
};

/* Everything one build holds. */
struct build {
	const struct dfa_builder *b;
	const struct nfa_node *nodes;
	size_t nnodes;
	struct mem mem;
	uint32_t max_states;
	size_t work, max_work;	/* NFA nodes handled by subset construction */

	uint8_t cls[256];	/* class of each byte */
	unsigned int ncls;
	uint8_t *set_cls;	/* set s has set_cls[set_cls_off[s] .. set_cls_off[s + 1]) */
	uint32_t *set_cls_off;

	struct sstate *st;
	size_t nst, st_cap;
	uint32_t *pool;
	size_t npool, pool_cap;
	struct idtab st_tab;
	uint32_t *tr;		/* (target << 8) | class, by state, classes ascending */
	size_t ntr, tr_cap;
	struct recs perms;	/* struct dfa_perms: those of the states; 0 is none */

	uint32_t *mark;		/* per NFA node: gen when the current closure reached it */
	uint32_t gen;
	uint32_t *stack;
	size_t nstack;
	uint32_t cand_len;	/* the nodes of the current closure */
	struct dfa_perms cand_perms;	/* and their union of permissions */

	struct bucket bk[256];
	uint64_t touched[4];	/* classes whose bucket is not empty */
	struct entry *ent;
	size_t nent, ent_cap;
	uint16_t dedup_cls[512];	/* buckets seen in this expansion, by hash */
	uint32_t dedup_gen[512];

	uint32_t nstates;	/* of the minimal DFA, the dead state included */
	uint32_t *id;		/* per subset state: its minimal state */
	uint32_t *rep;		/* per minimal state: a subset state it stands for */

	uint32_t *def;		/* per minimal state: where classes without a slot lead */
	uint32_t *row;		/* (minimal target << 8) | class: transitions not to def */
	uint32_t *row_off;	/* state s has row[row_off[s] .. row_off[s + 1]) */
	uint32_t *base;		/* per minimal state */
	uint32_t *next, *check;
	uint32_t *free;		/* union-find: the first free slot at or after each */
	size_t comb_cap, ntrans;
	struct idtab rows;	/* states by the classes of their transitions */
	uint32_t *row_from;	/* per first state of such a row: bases below it do not fit */
	uint32_t row_state;	/* the state being placed */
};

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
	p = grow(&d->mem, d->pool, &d->pool_cap, d->npool + d->nnodes, sizeof(*p));
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
	st = grow(&d->mem, d->st, &d->st_cap, d->nst + 1, sizeof(*st));
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
		ent = grow(&d->mem, d->ent, &d->ent_cap, d->nent + (end - c), sizeof(*ent));
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
	tr = grow(&d->mem, d->tr, &d->tr_cap, d->ntr + d->ncls, sizeof(*tr));
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

/*
 * A refinable partition of 0..n-1 (Valmari's): the elements of set s are
 * elem[first[s] .. past[s]), the marked ones at the front.
 */
struct partition {
	uint32_t nsets, n;
	uint32_t *elem, *loc, *set, *first, *past;
};

struct refine {
	uint32_t *marked;	/* per set: its marked elements */
	uint32_t *touched;	/* the sets with marked elements */
	uint32_t ntouched;
};

static void part_free(struct mem *m, struct partition *p)
{
	mem_free(m, p->elem, p->n, sizeof(uint32_t));
	mem_free(m, p->loc, p->n, sizeof(uint32_t));
	mem_free(m, p->set, p->n, sizeof(uint32_t));
	mem_free(m, p->first, p->n, sizeof(uint32_t));
	mem_free(m, p->past, p->n, sizeof(uint32_t));
}

/* Partition 0..n-1 into one set per value of key() < nkeys, in the order of the keys. */
static int part_init(struct build *d, struct partition *p, uint32_t n, uint32_t nkeys,
		     uint32_t (*key)(const struct build *, uint32_t))
{
	uint32_t *pos = mem_calloc(&d->mem, nkeys + 1, sizeof(*pos)), e, i, k;

	p->n = n;
	p->nsets = 0;
	p->elem = mem_calloc(&d->mem, n, sizeof(uint32_t));
	p->loc = mem_calloc(&d->mem, n, sizeof(uint32_t));
	p->set = mem_calloc(&d->mem, n, sizeof(uint32_t));
	p->first = mem_calloc(&d->mem, n, sizeof(uint32_t));
	p->past = mem_calloc(&d->mem, n, sizeof(uint32_t));
	if (!pos || !p->elem || !p->loc || !p->set || !p->first || !p->past) {
		mem_free(&d->mem, pos, nkeys + 1, sizeof(*pos));
		return -1;
	}
	for (e = 0; e < n; e++)
		pos[key(d, e) + 1]++;
	for (k = 0; k < nkeys; k++)
		pos[k + 1] += pos[k];
	for (e = 0; e < n; e++)
		p->elem[pos[key(d, e)]++] = e;
	for (i = 0; i < n; i++) {
		e = p->elem[i];
		if (!i || key(d, e) != key(d, p->elem[i - 1])) {
			if (i)
				p->past[p->nsets - 1] = i;
			p->first[p->nsets++] = i;
		}
		p->set[e] = p->nsets - 1;
		p->loc[e] = i;
	}
	if (n)
		p->past[p->nsets - 1] = n;
	mem_free(&d->mem, pos, nkeys + 1, sizeof(*pos));
	return 0;
}

static void part_mark(struct partition *p, struct refine *r, uint32_t e)
{
	uint32_t s = p->set[e], i = p->loc[e], j = p->first[s] + r->marked[s];

	p->elem[i] = p->elem[j];
	p->loc[p->elem[i]] = i;
	p->elem[j] = e;
	p->loc[e] = j;
	if (!r->marked[s]++)
		r->touched[r->ntouched++] = s;
}

/* Split every touched set into its marked and unmarked elements. */
static void part_split(struct partition *p, struct refine *r)
{
	while (r->ntouched) {
		uint32_t s = r->touched[--r->ntouched], j = p->first[s] + r->marked[s];
		uint32_t z = p->nsets, i;

		if (j == p->past[s]) {
			r->marked[s] = 0;
			continue;
		}
		/* The smaller part gets the new number: Hopcroft's "process the smaller half". */
		if (r->marked[s] <= p->past[s] - j) {
			p->first[z] = p->first[s];
			p->past[z] = p->first[s] = j;
		} else {
			p->past[z] = p->past[s];
			p->first[z] = p->past[s] = j;
		}
		for (i = p->first[z]; i < p->past[z]; i++)
			p->set[p->elem[i]] = z;
		r->marked[s] = r->marked[z] = 0;
		p->nsets++;
	}
}

static uint32_t key_perms(const struct build *d, uint32_t s)
{
	return d->st[s].perms;
}

static uint32_t key_class(const struct build *d, uint32_t t)
{
	return d->tr[t] & 0xff;
}

/*
 * Blocks (of states) B are refined against cords (of transitions) C:
 * splitting a block by the tails of a cord and cords by the heads in a new
 * block, until neither changes.  in_tr[in_off[q] .. in_off[q + 1]) are the
 * transitions into state q; tail[t] is where transition t comes from.
 */
static void refine(struct partition *B, struct partition *C, struct refine *r,
		   const uint32_t *tail, const uint32_t *in_off, const uint32_t *in_tr)
{
	uint32_t b = 1, c = 0, i, j;

	while (c < C->nsets) {
		for (i = C->first[c]; i < C->past[c]; i++)
			part_mark(B, r, tail[C->elem[i]]);
		part_split(B, r);
		c++;
		for (; b < B->nsets; b++) {
			for (i = B->first[b]; i < B->past[b]; i++) {
				uint32_t q = B->elem[i];

				for (j = in_off[q]; j < in_off[q + 1]; j++)
					part_mark(C, r, in_tr[j]);
			}
			part_split(C, r);
		}
	}
}

/* Number the blocks of B, in the order of their first subset state: the start gets 1. */
static int number_states(struct build *d, const struct partition *B)
{
	uint32_t *num = mem_calloc(&d->mem, B->nsets, sizeof(*num)), q;

	d->id = mem_calloc(&d->mem, d->nst, sizeof(*d->id));
	d->rep = mem_calloc(&d->mem, B->nsets + 1, sizeof(*d->rep));
	if (!num || !d->id || !d->rep) {
		mem_free(&d->mem, num, B->nsets, sizeof(*num));
		return -1;
	}
	d->nstates = 1;
	for (q = 0; q < d->nst; q++) {
		uint32_t *n = &num[B->set[q]];

		if (!*n) {
			*n = d->nstates++;
			d->rep[*n] = q;
		}
		d->id[q] = *n;
	}
	mem_free(&d->mem, num, B->nsets, sizeof(*num));
	return 0;
}

static int minimise(struct build *d)
{
	uint32_t n = d->nst, m = d->ntr, big = (n > m ? n : m) + 1, q, t;
	struct partition B = { 0 }, C = { 0 };
	struct refine r = { 0 };
	uint32_t *tail = mem_calloc(&d->mem, m, sizeof(*tail));
	uint32_t *in_off = mem_calloc(&d->mem, n + 1, sizeof(*in_off));
	uint32_t *in_tr = mem_calloc(&d->mem, m, sizeof(*in_tr));
	int ret = -1;

	r.marked = mem_calloc(&d->mem, big, sizeof(*r.marked));
	r.touched = mem_calloc(&d->mem, big, sizeof(*r.touched));
	if (!tail || !in_off || !in_tr || !r.marked || !r.touched ||
	    part_init(d, &B, n, d->perms.n, key_perms) || part_init(d, &C, m, d->ncls, key_class))
		goto out;
	for (q = 0; q < n; q++)
		for (t = d->st[q].tr; t < d->st[q].tr + d->st[q].ntr; t++)
			tail[t] = q;
	for (t = 0; t < m; t++)
		in_off[d->tr[t] >> 8]++;
	for (q = 0; q < n; q++)
		in_off[q + 1] += in_off[q];
	for (t = m; t--;)
		in_tr[--in_off[d->tr[t] >> 8]] = t;
	refine(&B, &C, &r, tail, in_off, in_tr);
	ret = number_states(d, &B);
out:
	part_free(&d->mem, &B);
	part_free(&d->mem, &C);
	mem_free(&d->mem, tail, m, sizeof(*tail));
	mem_free(&d->mem, in_off, n + 1, sizeof(*in_off));
	mem_free(&d->mem, in_tr, m, sizeof(*in_tr));
	mem_free(&d->mem, r.marked, big, sizeof(*r.marked));
	mem_free(&d->mem, r.touched, big, sizeof(*r.touched));
	return ret;
}

/*
 * Each minimal state's default, the target most of its classes share (the
 * dead state for classes without a transition, which wins ties), and the
 * transitions that differ from it: only those take slots in the table.
 */
static int rows_build(struct build *d)
{
	uint32_t *count = mem_calloc(&d->mem, d->nstates, sizeof(*count));
	uint32_t s, i, c, n = 0;
	int ret = -1;

	d->def = mem_calloc(&d->mem, d->nstates, sizeof(*d->def));
	d->row_off = mem_calloc(&d->mem, (size_t)d->nstates + 1, sizeof(*d->row_off));
	d->row = mem_calloc(&d->mem, d->ntr ? d->ntr : 1, sizeof(*d->row));
	if (!count || !d->def || !d->row_off || !d->row)
		goto out;
	for (s = 1; s < d->nstates; s++) {
		const struct sstate *q = &d->st[d->rep[s]];
		const uint32_t *tr = d->tr + q->tr;
		uint32_t best = 0, best_n = d->ncls - q->ntr;

		for (i = 0; i < q->ntr; i++) {
			uint32_t t = d->id[tr[i] >> 8];

			if (++count[t] > best_n) {
				best = t;
				best_n = count[t];
			}
		}
		d->def[s] = best;
		d->row_off[s] = n;
		/* Classes ascend in tr[]: walk them beside all classes, for the dead ones. */
		for (c = 0, i = 0; c < d->ncls; c++) {
			uint32_t t = i < q->ntr && (tr[i] & 0xff) == c ? d->id[tr[i++] >> 8] : 0;

			if (t != best)
				d->row[n++] = t << 8 | c;
		}
		for (i = 0; i < q->ntr; i++)
			count[d->id[tr[i] >> 8]] = 0;
	}
	d->row_off[d->nstates] = n;
	ret = 0;
out:
	mem_free(&d->mem, count, d->nstates, sizeof(*count));
	return ret;
}

static uint32_t row_len(const struct build *d, uint32_t s)
{
	return d->row_off[s + 1] - d->row_off[s];
}

/* Slots up to need exist: new ones are free, with check and next 0. */
static int comb_reserve(struct build *d, size_t need)
{
	size_t old = d->comb_cap, cap = old, i;
	uint32_t *p;

	if (need <= old)
		return 0;
	p = grow(&d->mem, d->next, &cap, need, sizeof(*p));
	if (!p)
		return -1;
	d->next = p;
	cap = old;
	p = grow(&d->mem, d->check, &cap, need, sizeof(*p));
	if (!p)
		return -1;
	d->check = p;
	cap = old;
	p = grow(&d->mem, d->free, &cap, need, sizeof(*p));
	if (!p)
		return -1;
	d->free = p;
	for (i = old; i < cap; i++) {
		d->next[i] = d->check[i] = 0;
		d->free[i] = i;
	}
	d->comb_cap = cap;
	return 0;
}

static uint32_t comb_find(struct build *d, uint32_t i)
{
	while (d->free[i] != i) {
		d->free[i] = d->free[d->free[i]];
		i = d->free[i];
	}
	return i;
}

static bool row_eq(const void *ctx, uint32_t id)
{
	const struct build *d = ctx;
	const uint32_t *a = d->row + d->row_off[id], *b = d->row + d->row_off[d->row_state];
	uint32_t i, n = row_len(d, id);

	if (n != row_len(d, d->row_state))
		return false;
	for (i = 0; i < n; i++)
		if ((a[i] ^ b[i]) & 0xff)
			return false;
	return true;
}

/*
 * The first state placed with the same classes as s.  Slots only ever fill
 * up, so where that row did not fit, this one does not either: first fit
 * resumes from there instead of trying every hole again.
 */
static int comb_row(struct build *d, uint32_t s, uint32_t *first)
{
	const uint32_t *row = d->row + d->row_off[s];
	uint32_t n = row_len(d, s), hash = n, i;
	size_t slot;

	for (i = 0; i < n; i++)
		hash = mix((uint64_t)hash << 8 | (row[i] & 0xff));
	d->row_state = s;
	slot = idtab_find(&d->rows, hash, row_eq, d);
	if (d->rows.slot[slot].id1) {
		*first = d->rows.slot[slot].id1 - 1;
		return 0;
	}
	*first = s;
	return idtab_add(&d->rows, &d->mem, slot, hash, s);
}

/* Give minimal state s the smallest base at which all its transitions land in free slots. */
static int comb_place(struct build *d, uint32_t s)
{
	const uint32_t *tr = d->row + d->row_off[s];
	uint32_t ntr = row_len(d, s), c0 = tr[0] & 0xff, f, base, i, row;

	if (comb_row(d, s, &row))
		return -1;
	for (f = c0 + d->row_from[row];; f++) {
		if (comb_reserve(d, (size_t)f + d->ncls + 1))
			return -1;
		f = comb_find(d, f);
		if (comb_reserve(d, (size_t)f + d->ncls + 1))
			return -1;
		base = f - c0;
		for (i = 1; i < ntr && !d->check[base + (tr[i] & 0xff)]; i++)
			;
		if (i == ntr)
			break;
	}
	for (i = 0; i < ntr; i++) {
		uint32_t slot = base + (tr[i] & 0xff);

		d->check[slot] = s;
		d->next[slot] = tr[i] >> 8;
		d->free[slot] = slot + 1;
	}
	d->base[s] = base;
	d->row_from[row] = base + 1;
	if (base + d->ncls > d->ntrans)
		d->ntrans = base + d->ncls;
	return 0;
}

/* Comb compression, first fit, the states with the most transitions first. */
static int comb(struct build *d)
{
	uint32_t *order = mem_calloc(&d->mem, d->nstates, sizeof(*order));
	uint32_t *pos = mem_calloc(&d->mem, d->ncls + 2, sizeof(*pos)), s, k;
	int ret = -1;

	d->base = mem_calloc(&d->mem, d->nstates, sizeof(*d->base));
	d->row_from = mem_calloc(&d->mem, d->nstates, sizeof(*d->row_from));
	if (!order || !pos || !d->base || !d->row_from || idtab_init(&d->rows, &d->mem) ||
	    comb_reserve(d, d->ncls))
		goto out;
	d->ntrans = d->ncls;
	/* Counting sort by decreasing number of transitions; those without need no slot. */
	for (s = 1; s < d->nstates; s++)
		pos[d->ncls - row_len(d, s) + 1]++;
	for (k = 0; k <= d->ncls; k++)
		pos[k + 1] += pos[k];
	for (s = 1; s < d->nstates; s++)
		order[pos[d->ncls - row_len(d, s)]++] = s;
	for (k = 0; k < d->nstates - 1 && row_len(d, order[k]); k++)
		if (comb_place(d, order[k]))
			goto out;
	ret = 0;
out:
	mem_free(&d->mem, order, d->nstates, sizeof(*order));
	mem_free(&d->mem, pos, d->ncls + 2, sizeof(*pos));
	mem_free(&d->mem, d->row_from, d->nstates, sizeof(*d->row_from));
	idtab_free(&d->rows, &d->mem);
	d->row_from = NULL;
	return ret;
}

static void put32(unsigned char **p, uint32_t v)
{
	v = htole32(v);
	memcpy(*p, &v, sizeof(v));
	*p += sizeof(v);
}

/* The section: header, perms, accept, base, def, next, check. */
static int emit(struct build *d, void **out, size_t *out_size)
{
	const struct dfa_perms *perms = d->perms.v;
	size_t size = sizeof(struct ctrpol_dfa) + d->perms.n * sizeof(struct ctrpol_perms) +
		      (size_t)d->nstates * 12 + d->ntrans * 8;
	struct ctrpol_dfa *h = calloc(1, size);
	unsigned char *p;
	uint32_t i;

	if (!h) {
		d->mem.err = BUILD_NOMEM;
		return -1;
	}
	p = (unsigned char *)(h + 1);
	h->nstates = htole32(d->nstates);
	h->ntrans = htole32(d->ntrans);
	h->nperms = htole32(d->perms.n);
	h->nclasses = htole16(d->ncls);
	memcpy(h->classes, d->cls, sizeof(h->classes));
	for (i = 0; i < d->perms.n; i++) {
		put32(&p, perms[i].allow);
		put32(&p, perms[i].deny);
		put32(&p, perms[i].audit);
	}
	put32(&p, 0);
	for (i = 1; i < d->nstates; i++)
		put32(&p, d->st[d->rep[i]].perms);
	for (i = 0; i < d->nstates; i++)
		put32(&p, d->base[i]);
	for (i = 0; i < d->nstates; i++)
		put32(&p, d->def[i]);
	for (i = 0; i < d->ntrans; i++)
		put32(&p, d->next[i]);
	for (i = 0; i < d->ntrans; i++)
		put32(&p, d->check[i]);
	*out = h;
	*out_size = size;
	return 0;
}

static void build_free(struct build *d)
{
	free(d->set_cls);
	free(d->set_cls_off);
	free(d->st);
	free(d->tr);
	free(d->perms.v);
	free(d->perms.tab.slot);
	free(d->id);
	free(d->rep);
	free(d->def);
	free(d->row);
	free(d->row_off);
	free(d->base);
	free(d->next);
	free(d->check);
	free(d->free);
}

static const char *build_error(struct dfa_builder *b, const struct build *d)
{
	size_t mib = d->mem.limit >> 20;

	switch (d->mem.err) {
	case BUILD_MEMORY:
		snprintf(b->msg, sizeof(b->msg),
			 "compiling the file rules needs more memory than the limit of %zu %s: simplify globs with many '*' or '**'",
			 d->mem.limit % (1 << 20) ? d->mem.limit : mib,
			 d->mem.limit % (1 << 20) ? "bytes" : "MiB");
		break;
	case BUILD_WORK:
		snprintf(b->msg, sizeof(b->msg),
			 "compiling the file rules takes more than %zu steps, the limit set by the memory limit: simplify globs with many '*' or '**'",
			 d->max_work);
		break;
	case BUILD_STATES:
		snprintf(b->msg, sizeof(b->msg),
			 "the file rules need more DFA states than the limit of %u: simplify globs with many '*' or '**'",
			 d->max_states);
		break;
	case BUILD_PERMS:
		snprintf(b->msg, sizeof(b->msg),
			 "the file rules combine into more than %d distinct permission sets, the limit: give rules on overlapping paths the same permissions",
			 CTRPOL_MAX_DFA_PERMS);
		break;
	default:
		snprintf(b->msg, sizeof(b->msg), "out of memory");
	}
	return b->msg;
}

int dfa_builder_build(struct dfa_builder *b, const struct dfa_limits *lim, void **out,
		      size_t *out_size, const char **err_msg)
{
	struct build *d = calloc(1, sizeof(*d));
	int ret = -1;

	if (!d) {
		*err_msg = "out of memory";
		return -1;
	}
	d->b = b;
	d->nodes = b->nodes.v;
	d->nnodes = b->nodes.n;
	d->max_states = lim && lim->max_states && lim->max_states < CTRPOL_MAX_DFA_STATES ?
			lim->max_states : CTRPOL_MAX_DFA_STATES;
	d->mem.limit = lim && lim->max_memory ? lim->max_memory : DEFAULT_MAX_MEMORY;
	d->mem.used = b->mem.used;
	d->max_work = d->mem.limit / 4;
	if (!classes(d) && !subset(d) && !minimise(d) && !rows_build(d) && !comb(d) && !emit(d, out, out_size))
		ret = 0;
	else
		*err_msg = build_error(b, d);
	build_free(d);
	free(d);
	return ret;
}
