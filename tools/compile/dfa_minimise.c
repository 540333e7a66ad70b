// SPDX-License-Identifier: GPL-2.0
/*
 * The DFA of subset construction to the minimal one, by partition refinement
 * from a first partition by permissions (Valmari's algorithm).
 */
#include <stdlib.h>
#include <string.h>

#include "dfa_internal.h"

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

int dfa_minimise(struct build *d)
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
