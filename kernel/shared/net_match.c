// SPDX-License-Identifier: GPL-2.0
/*
 * Network rules: whether one names an operation.  Shared by the kernel's
 * hooks and `ctrpol explain`, so both decide alike.
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
