/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Path globs (docs/policy-language.md), parsed into a small tree that
 * compile/dfa_nfa.c turns into automaton states.  Every syntax error is found here.
 */
#ifndef CTRPOL_GLOB_H
#define CTRPOL_GLOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A set of bytes: byte c is bit c % 64 of w[c / 64]. */
struct glob_set {
	uint64_t w[4];
};

static inline bool glob_set_has(const struct glob_set *s, unsigned char c)
{
	return s->w[c / 64] >> (c % 64) & 1;
}

enum glob_op {
	GLOB_SET,	/* one byte of set: a literal byte, '?' or '[...]' */
	GLOB_STAR,	/* any run of bytes of set, the empty one included: '*' or '**' */
	GLOB_SEQ,	/* the children one after the other; none matches the empty string */
	GLOB_ALT,	/* any one of the children: '{...}' */
};

/**
 * struct glob_node - one node of a parsed glob
 * @op: what it matches
 * @kid: GLOB_SEQ, GLOB_ALT: index in glob.kids of the first child
 * @nkids: GLOB_SEQ, GLOB_ALT: number of children, consecutive in glob.kids
 * @set: GLOB_SET, GLOB_STAR: the bytes; never '/' but for '**'
 */
struct glob_node {
	enum glob_op op;
	uint32_t kid;
	uint32_t nkids;
	struct glob_set set;
};

/**
 * struct glob - a parsed glob: nodes[root] matches exactly the paths the glob does
 * @nodes: all nodes
 * @kids: children of GLOB_SEQ and GLOB_ALT nodes, as indices in @nodes
 * @nnodes: entries in @nodes
 * @nkids: entries in @kids
 * @root: index of the root node in @nodes
 */
struct glob {
	struct glob_node *nodes;
	uint32_t *kids;
	uint32_t nnodes, nkids, root;
};

/*
 * Parse the glob text.  Returns 0 with *g filled in (release it with
 * glob_free()), or -1 with *err_off the offset in text of the offending byte
 * and *err_msg a static message that says what is wrong and how to fix it.
 */
int glob_parse(const char *text, struct glob *g, size_t *err_off, const char **err_msg);

void glob_free(struct glob *g);

#endif
