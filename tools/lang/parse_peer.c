// SPDX-License-Identifier: GPL-2.0
/*
 * ptrace OPS peer NAME, signal [SIGNALS] peer NAME: what the container may do
 * to tasks outside it.  NAME is a profile, or unconfined for tasks with none.
 */
#include <stdlib.h>
#include <string.h>

#include "parse_rule.h"
#include "rule_text.h"

/* The operations and signals before 'peer' (which f[*i] then is, if anything). */
static int peer_ops(const struct rule_ctx *c, const struct field *f, int n, int *i,
		    uint32_t *ops, uint64_t *signals)
{
	static const struct name_list ptrace = {
		&ptrace_names, "ptrace mode", "ptrace modes", NULL, NULL, &signal_names, "signal",
		"allow ptrace read peer monitor",
	};
	static const struct name_list signal = {
		&signal_names, "signal", "signals",
		"hup, int, quit, ill, trap, abrt, bus, fpe, kill, usr1, segv, usr2, pipe, alrm, term, stkflt, chld, cont, stop, tstp, ttin, ttou, urg, xcpu, xfsz, vtalrm, prof, winch, io, pwr, sys (SIGTERM and sigterm too), a number 1 to 64, or all",
		NULL, NULL, NULL, "allow signal hup,term peer unconfined",
	};
	bool is_signal = field_is(&f[0], "signal");
	uint64_t set = 0;
	int end = *i;

	while (end < n && !field_is(&f[end], "peer"))
		end++;
	/* A signal rule without a list names every signal. */
	if ((!is_signal || end > *i) &&
	    ctx_names(c, f, end, i, is_signal ? &signal : &ptrace, &set, NULL))
		return -1;
	if (*i < end) {
		ctx_unexpected(c, f, *i, "separate names with commas: hup,term");
		return -1;
	}
	*ops = is_signal ? CTRPOL_PEER_SIGNAL : (uint32_t)set;
	*signals = !is_signal ? 0 : set ? set : signal_names.all;
	return 0;
}

/* 'peer NAME' at f[i], ending the rule: the name into peer ("" for unconfined). */
static int peer_name(const struct rule_ctx *c, const struct field *f, int n, int i,
		     char peer[CTRPOL_NAME_MAX])
{
	struct loc at = ctx_loc(c, &f[i < n ? i : i - 1]);

	if (i == n || !field_is(&f[i], "peer")) {
		diag_error(c->d, &at, "expected 'peer NAME' after '%.*s'", (int)f[i - 1].len,
			   f[i - 1].p);
		diag_hint(c->d, "NAME is a profile, or unconfined for the tasks that have none: the host's");
		return -1;
	}
	if (i + 1 == n) {
		diag_error(c->d, &at, "expected a profile name, or unconfined, after 'peer'");
		return -1;
	}
	at = ctx_loc(c, &f[i + 1]);
	if (f[i + 1].quoted || f[i + 1].len >= CTRPOL_NAME_MAX ||
	    !name_is_word(f[i + 1].p, f[i + 1].len, true)) {
		diag_error(c->d, &at, "bad peer name '%.*s'", (int)f[i + 1].len, f[i + 1].p);
		diag_hint(c->d, "a profile name is 1 to %d letters, digits, '.', '_' or '-'",
			  CTRPOL_NAME_MAX - 1);
		return -1;
	}
	if (i + 2 < n) {
		ctx_unexpected(c, f, i + 2, "one peer per rule");
		return -1;
	}
	memset(peer, 0, CTRPOL_NAME_MAX);
	if (!field_is(&f[i + 1], "unconfined"))
		memcpy(peer, f[i + 1].p, f[i + 1].len);
	return 0;
}

void parse_peer_rule(const struct rule_ctx *c, const struct field *f, int n)
{
	struct loc at = ctx_span(c, f, n);
	char peer[CTRPOL_NAME_MAX], text[1024];
	struct peer_rule *r;
	uint64_t signals;
	uint32_t ops;
	int i = 1;

	if (peer_ops(c, f, n, &i, &ops, &signals) || peer_name(c, f, n, i, peer))
		return;
	r = ctx_push(c, &c->p->peers, &c->p->npeers, sizeof(*r));
	if (!r)
		return;
	peer_target_format(ops == CTRPOL_PEER_SIGNAL, signals, peer, text, sizeof(text));
	r->h = ctx_head(c, &at, ops, strdup(text));
	r->signals = signals;
	memcpy(r->peer, peer, sizeof(r->peer));
	if (!r->h.target)
		diag_error(c->d, &at, "out of memory");
}
