// SPDX-License-Identifier: GPL-2.0
/*
 * The minimal DFA into the tables of struct ctrpol_dfa: each state's default
 * and the transitions that differ from it, comb-compressed into next/check.
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include <linux/ctrpol.h>

#include "dfa_internal.h"

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
	p = mem_grow(&d->mem, d->next, &cap, need, sizeof(*p));
	if (!p)
		return -1;
	d->next = p;
	cap = old;
	p = mem_grow(&d->mem, d->check, &cap, need, sizeof(*p));
	if (!p)
		return -1;
	d->check = p;
	cap = old;
	p = mem_grow(&d->mem, d->free, &cap, need, sizeof(*p));
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

int dfa_pack(struct build *d, void **out, size_t *out_size)
{
	if (rows_build(d) || comb(d))
		return -1;
	return emit(d, out, out_size);
}
