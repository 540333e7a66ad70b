// SPDX-License-Identifier: GPL-2.0
/*
 * Peer rules: ptrace and signals to a task outside the container.  Shared
 * by the kernel's hooks and `ctrpol explain`, so both decide alike.
 */
#include "policy.h"

bool ctrpol_peer_match(const struct ctrpol_peer_rule *rule, const struct ctrpol_peer_query *q)
{
	bool unconfined = rule->flags & CTRPOL_PEER_UNCONFINED;

	if (!(rule->ops & q->op))
		return false;
	/* Signal 0 sends nothing: any rule letting signals through takes it. */
	if ((q->op & CTRPOL_PEER_SIGNAL) && q->signal && !(le64_to_cpu(rule->signals) & q->signal))
		return false;
	if (!q->peer[0])
		return unconfined;
	return !unconfined && !strncmp(rule->peer, q->peer, CTRPOL_NAME_MAX);
}

void ctrpol_peer_decide(const struct ctrpol_blob_view *v, const struct ctrpol_peer_query *q,
			struct ctrpol_rules_verdict *out)
{
	u32 i;

	out->allow = false;
	out->deny = false;
	out->audit = false;
	for (i = 0; i < v->npeers; i++) {
		const struct ctrpol_peer_rule *r = &v->peers[i];

		if (!ctrpol_peer_match(r, q))
			continue;
		*(r->flags & CTRPOL_RULE_DENY ? &out->deny : &out->allow) = true;
		out->audit |= r->flags & CTRPOL_RULE_AUDIT;
	}
}
