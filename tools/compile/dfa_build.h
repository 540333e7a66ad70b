/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compiles path globs with their permissions into one DFA section
 * (CTRPOL_SEC_FILE_DFA, struct ctrpol_dfa), which kernel/shared/dfa_match.c
 * walks.  A path's permissions are the union, set by set, of those of every
 * rule whose glob matches the whole path; deny-wins is the caller's business.
 */
#ifndef CTRPOL_DFA_BUILD_H
#define CTRPOL_DFA_BUILD_H

#include <stddef.h>
#include <stdint.h>

struct dfa_perms {
	uint32_t allow, deny, audit;
};

/**
 * struct dfa_limits - bounds of one build
 * @max_states: DFA states, the dead one included, before minimisation; 0 (or
 *	more than the format allows) means CTRPOL_MAX_DFA_STATES
 * @max_memory: bytes the build may hold at once, estimated; 0 means 256 MiB.
 *	It bounds time too: subset construction may handle max_memory / 4 NFA
 *	nodes in all, so that globs whose DFA would blow up fail fast.
 */
struct dfa_limits {
	uint32_t max_states;
	size_t max_memory;
};

struct dfa_builder;

/* NULL when out of memory. */
struct dfa_builder *dfa_builder_new(void);
void dfa_builder_free(struct dfa_builder *b);

/*
 * Add a rule: the glob and its permissions.  Returns 0, or -1 with *err_off
 * the offset in glob of the offending byte and *err_msg a static message.
 */
int dfa_builder_add(struct dfa_builder *b, const char *glob, const struct dfa_perms *p,
		    size_t *err_off, const char **err_msg);

/*
 * Build one DFA for all the rules added.  Returns 0 with *out (malloc'd) the
 * bytes of a whole DFA section, little-endian, and *out_size their number;
 * or -1 with *err_msg saying which limit was exceeded, valid until
 * dfa_builder_free().  With no rules, the DFA matches nothing.
 */
int dfa_builder_build(struct dfa_builder *b, const struct dfa_limits *lim, void **out,
		      size_t *out_size, const char **err_msg);

#endif
