// SPDX-License-Identifier: GPL-2.0
/*
 * The matcher: walks a verified, comb-compressed DFA.  Compiled into the
 * kernel and the tool, so `ctrpol explain` decides as the kernel does.
 */
#include "policy.h"

u32 ctrpol_dfa_match(const struct ctrpol_dfa_view *dfa, const char *path, size_t len)
{
	u32 state = 1;
	size_t i;

	/*
	 * Bounds were proven by the verifier: base[s] + nclasses <= ntrans,
	 * next[] and def[] < nstates.  The dead state 0 only leads to itself.
	 */
	for (i = 0; i < len; i++) {
		u32 t = le32_to_cpu(dfa->base[state]) + dfa->hdr->classes[(u8)path[i]];

		state = le32_to_cpu(le32_to_cpu(dfa->check[t]) == state ? dfa->next[t] :
								       dfa->def[state]);
		if (!state)
			return 0;
	}
	return le32_to_cpu(dfa->accept[state]);
}
