// SPDX-License-Identifier: GPL-2.0
/*
 * Network rules: whether one names an operation, and what all of them say
 * of it.  Shared by the kernel's hooks and `ctrpol explain`, so both decide
 * alike.
 */
#include "policy.h"

/* Whether the first prefix bits of a and b agree. */
static bool prefix_equal(const u8 *a, const u8 *b, unsigned int prefix)
{
	unsigned int whole = prefix / 8, rest = prefix % 8;

	if (memcmp(a, b, whole))
		return false;
	return !rest || !((a[whole] ^ b[whole]) & (0xff00 >> rest));
}

bool ctrpol_net_match(const struct ctrpol_net_rule *rule, const struct ctrpol_net_query *q)
{
	bool restricts = rule->prefix || rule->port_min || rule->port_max != cpu_to_le16(0xffff);

	if (!(le16_to_cpu(rule->ops) & q->op))
		return false;
	if ((rule->family && rule->family != q->family) || (rule->type && rule->type != q->type))
		return false;
	if ((rule->flags & CTRPOL_NET_PROTOCOL) && le16_to_cpu(rule->protocol) != q->protocol)
		return false;
	if (!restricts)
		return true;
	/* Only an IP address satisfies an address or port restriction (the verifier saw to it). */
	if (!q->has_addr || (q->family != AF_INET && q->family != AF_INET6))
		return false;
	if (q->port < le16_to_cpu(rule->port_min) || q->port > le16_to_cpu(rule->port_max))
		return false;
	return !rule->prefix || (rule->family == q->family &&
				 prefix_equal(rule->addr, q->addr, rule->prefix));
}

void ctrpol_net_set_addr(struct ctrpol_net_query *q, int family, const u8 *addr, u16 port)
{
	static const u8 v4mapped[12] = { [10] = 0xff, [11] = 0xff };

	q->has_addr = true;
	q->port = port;
	memset(q->addr, 0, sizeof(q->addr));
	if (family == AF_INET6 && memcmp(addr, v4mapped, sizeof(v4mapped))) {
		q->family = AF_INET6;
		memcpy(q->addr, addr, 16);
		return;
	}
	q->family = AF_INET;
	memcpy(q->addr, family == AF_INET6 ? addr + sizeof(v4mapped) : addr, 4);
}

void ctrpol_net_decide(const struct ctrpol_blob_view *v, const struct ctrpol_net_query *q,
		       struct ctrpol_rules_verdict *out)
{
	u32 i;

	out->allow = false;
	out->deny = false;
	out->audit = false;
	/* Every rule, not just up to the first deny: any of them may ask for audit. */
	for (i = 0; i < v->nnet; i++) {
		const struct ctrpol_net_rule *r = &v->net[i];

		if (!ctrpol_net_match(r, q))
			continue;
		if (r->flags & CTRPOL_RULE_DENY)
			out->deny = true;
		else
			out->allow = true;
		if (r->flags & CTRPOL_RULE_AUDIT)
			out->audit = true;
	}
}
