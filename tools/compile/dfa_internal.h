/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the construction of a DFA from file rules (dfa_build.h): what its
 * stages share.  Globs become an NFA as rules are added (dfa_nfa.c); a build
 * (dfa_build.c) then finds byte classes and runs subset construction
 * (dfa_subset.c), minimises (dfa_minimise.c) and packs the tables
 * (dfa_pack.c), each stage on struct build.  Every stage allocates through
 * the counted memory and the hash-consed records of dfa_mem.c, and calls no
 * later stage.
 */
#ifndef CTRPOL_DFA_INTERNAL_H
#define CTRPOL_DFA_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dfa_build.h"

#define NONE UINT32_MAX

/* MurmurHash3's finaliser: every bit of x moves about half of the result's. */
static inline uint32_t mix(uint64_t x)
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

void *mem_calloc(struct mem *m, size_t n, size_t size);
void mem_free(struct mem *m, void *p, size_t n, size_t size);
/* Room for need elements in p, of capacity *cap: p itself, a larger copy, or NULL. */
void *mem_grow(struct mem *m, void *p, size_t *cap, size_t need, size_t size);

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

int idtab_init(struct idtab *t, struct mem *m);
void idtab_free(struct idtab *t, struct mem *m);

/* The slot of the id eq() finds equal to what hash was computed from, or the free slot for it. */
static inline size_t idtab_find(const struct idtab *t, uint32_t hash,
				bool (*eq)(const void *, uint32_t), const void *ctx)
{
	size_t mask = t->size - 1, i;

	for (i = hash & mask; t->slot[i].id1; i = (i + 1) & mask)
		if (t->slot[i].hash == hash && eq(ctx, t->slot[i].id1 - 1))
			return i;
	return i;
}

/* Put id in free slot i from idtab_find(); the table stays at most half full. */
int idtab_add(struct idtab *t, struct mem *m, size_t i, uint32_t hash, uint32_t id);

/* Hash-consed records: an array of distinct ones, numbered in order, and a table over them. */
struct recs {
	void *v;
	size_t n, cap, size;
	struct idtab tab;
};

int recs_init(struct recs *r, struct mem *m, size_t size);
void recs_free(struct recs *r, struct mem *m);
/* Append rec, whether or not an equal one exists; it is not entered in the table. */
int recs_append(struct recs *r, struct mem *m, const void *rec, uint32_t *id);
/* The id of rec, or NONE with *slot and *hash for recs_add(). */
uint32_t recs_find(const struct recs *r, const void *rec, uint32_t *hash, size_t *slot);
int recs_add(struct recs *r, struct mem *m, const void *rec, uint32_t hash, size_t slot,
	     uint32_t *id);
/* The id of rec, added if new. */
int recs_intern(struct recs *r, struct mem *m, const void *rec, uint32_t *id);

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

/*
 * The stages of a build, in order; each returns 0, or -1 with d->mem.err
 * saying why.
 */
/* Byte classes, then subset construction from the NFA. */
int dfa_subset(struct build *d);
/* The minimal DFA: d->nstates, d->id and d->rep. */
int dfa_minimise(struct build *d);
/* Its comb-compressed tables, laid out as struct ctrpol_dfa in *out (malloc'd). */
int dfa_pack(struct build *d, void **out, size_t *out_size);

#endif
