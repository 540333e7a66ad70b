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
#include <stdio.h>
#include <stdlib.h>

#include <linux/ctrpol.h>

#include "dfa_internal.h"

#define DEFAULT_MAX_MEMORY ((size_t)256 << 20)

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
	if (!dfa_subset(d) && !dfa_minimise(d) && !dfa_pack(d, out, out_size))
		ret = 0;
	else
		*err_msg = build_error(b, d);
	build_free(d);
	free(d);
	return ret;
}
