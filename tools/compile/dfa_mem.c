// SPDX-License-Identifier: GPL-2.0
/*
 * What every stage of a DFA build allocates with: memory counted against
 * the build's limit, tables of ids, and hash-consed records.
 */
#include <stdlib.h>
#include <string.h>

#include "dfa_internal.h"

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

void *mem_calloc(struct mem *m, size_t n, size_t size)
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

void mem_free(struct mem *m, void *p, size_t n, size_t size)
{
	if (p)
		m->used -= n * size;
	free(p);
}

void *mem_grow(struct mem *m, void *p, size_t *cap, size_t need, size_t size)
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

int idtab_init(struct idtab *t, struct mem *m)
{
	t->size = 1024;
	t->n = 0;
	t->slot = mem_calloc(m, t->size, sizeof(*t->slot));
	return t->slot ? 0 : -1;
}

void idtab_free(struct idtab *t, struct mem *m)
{
	mem_free(m, t->slot, t->size, sizeof(*t->slot));
	t->slot = NULL;
}

int idtab_add(struct idtab *t, struct mem *m, size_t i, uint32_t hash, uint32_t id)
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

struct rec_key {
	const struct recs *r;
	const void *rec;
};

int recs_init(struct recs *r, struct mem *m, size_t size)
{
	r->size = size;
	return idtab_init(&r->tab, m);
}

void recs_free(struct recs *r, struct mem *m)
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

int recs_append(struct recs *r, struct mem *m, const void *rec, uint32_t *id)
{
	void *v = mem_grow(m, r->v, &r->cap, r->n + 1, r->size);

	if (!v)
		return -1;
	r->v = v;
	memcpy((char *)v + r->n * r->size, rec, r->size);
	*id = r->n++;
	return 0;
}

uint32_t recs_find(const struct recs *r, const void *rec, uint32_t *hash, size_t *slot)
{
	const struct rec_key key = { r, rec };

	*hash = rec_hash(r, rec);
	*slot = idtab_find(&r->tab, *hash, rec_eq, &key);
	return r->tab.slot[*slot].id1 ? r->tab.slot[*slot].id1 - 1 : NONE;
}

int recs_add(struct recs *r, struct mem *m, const void *rec, uint32_t hash, size_t slot,
		    uint32_t *id)
{
	if (recs_append(r, m, rec, id))
		return -1;
	return idtab_add(&r->tab, m, slot, hash, *id);
}

int recs_intern(struct recs *r, struct mem *m, const void *rec, uint32_t *id)
{
	uint32_t hash;
	size_t slot;

	*id = recs_find(r, rec, &hash, &slot);
	return *id != NONE ? 0 : recs_add(r, m, rec, hash, slot, id);
}
