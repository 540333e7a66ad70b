// SPDX-License-Identifier: GPL-2.0
/*
 * The matcher: walks a verified, comb-compressed DFA.  Compiled into the
 * kernel and the tool, so `ctrpol explain` decides as the kernel does.
 */
#include "policy.h"

u32 ctrpol_dfa_walk(const struct ctrpol_dfa_view *dfa, u32 state, const char *str, size_t len)
{
	/* In locals: at -Os GCC reloads them from *dfa for every character. */
	const __le32 *base = dfa->base, *def = dfa->def, *next = dfa->next, *check = dfa->check;
	const u8 *classes = dfa->hdr->classes;
	size_t i;

	/*
	 * Bounds were proven by the verifier: base[s] + nclasses <= ntrans,
	 * next[] and def[] < nstates.  The dead state 0 only leads to itself.
	 */
	for (i = 0; i < len && state; i++) {
		u32 t = le32_to_cpu(base[state]) + classes[(u8)str[i]];

		state = le32_to_cpu(le32_to_cpu(check[t]) == state ? next[t] : def[state]);
	}
	return state;
}

u32 ctrpol_dfa_match(const struct ctrpol_dfa_view *dfa, const char *str, size_t len)
{
	return le32_to_cpu(dfa->accept[ctrpol_dfa_walk(dfa, CTRPOL_DFA_START, str, len)]);
}
