// SPDX-License-Identifier: GPL-2.0
/*
 * Explaining a socket operation: a concrete one, as the hooks see it, decided
 * by the kernel's own ctrpol_net_decide() over the NET section.
 */
#include <endian.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "explain.h"
#include "lang/lexer.h"
#include "lang/net_rule.h"
#include "util/exit_codes.h"

/* The type a protocol implies when the query leaves it out: TCP streams, UDP datagrams. */
static uint8_t implied_type(const struct net_sel *sel)
{
	if (!sel->has_protocol || (sel->family != AF_INET && sel->family != AF_INET6))
		return 0;
	switch (sel->protocol) {
	case IPPROTO_TCP:
	case IPPROTO_MPTCP:
		return SOCK_STREAM;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return SOCK_DGRAM;
	}
	return 0;
}

/* What protocol 0 becomes for inet sockets, which the hooks then see. */
static uint16_t implied_protocol(uint8_t family, uint8_t type)
{
	if (family != AF_INET && family != AF_INET6)
		return 0;
	return type == SOCK_STREAM ? IPPROTO_TCP : type == SOCK_DGRAM ? IPPROTO_UDP : 0;
}

/* One socket's operation, from selectors that must name one. */
static int make_query(struct ctrpol_net_query *nq, const struct net_sel *sel)
{
	if (sel->inet_any)
		return explain_usage("name the family, inet or inet6: a query is about one socket");
	if (!sel->family)
		return explain_usage("a query needs a family: unix, inet, inet6, netlink, ... (an address or a protocol may imply it)");
	nq->family = sel->family;
	nq->type = sel->type ? sel->type : implied_type(sel);
	if (!nq->type)
		return explain_usage("a query needs a socket type: stream, dgram, raw, seqpacket, rdm");
	nq->protocol = sel->has_protocol ? sel->protocol : implied_protocol(nq->family, nq->type);
	/*
	 * A port without an address is the wildcard address: bind(0.0.0.0:80).
	 * A v4-mapped IPv6 address is the IPv4 one, as the hooks see it.
	 */
	if (sel->has_addr || sel->has_port)
		ctrpol_net_set_addr(nq, nq->family, sel->addr, sel->port_min);
	return 0;
}

/* net OP [FAMILY] [TYPE] [PROTOCOL] [ADDRESS] [port N] */
static int parse_net(struct question *q, int argc, char **argv)
{
	struct field f[LEX_MAX_FIELDS];
	struct net_sel_err err;
	struct net_sel sel;
	int i, n = argc - 2;

	if (argc < 2)
		return explain_usage("expected 'net OP [FAMILY] [TYPE] [PROTOCOL] [ADDRESS] [port N]'");
	if (n > LEX_MAX_FIELDS)
		return explain_usage("more than %d words after 'net %s'", LEX_MAX_FIELDS, argv[1]);
	q->op = (uint32_t)explain_one_name(&net_op_names, "network operation", argv[1]);
	if (!q->op)
		return CTRPOL_EXIT_USAGE;
	for (i = 0; i < n; i++) {
		size_t len = strlen(argv[i + 2]);

		f[i] = (struct field){ argv[i + 2], len, 0, (unsigned int)len, false };
	}
	if (net_sel_parse(f, n, (uint16_t)q->op, false, true, &sel, &err))
		return explain_usage("%s%s%s", err.msg, err.hint[0] ? "\n  hint: " : "", err.hint);
	q->net.op = (uint16_t)q->op;
	return make_query(&q->net, &sel);
}

/* The kernel's own decision, ctrpol_net_decide(), which its hooks make too. */
static void decide_net(struct question *q, const struct ctrpol_blob_view *v)
{
	ctrpol_net_decide(v, &q->net, &q->said);
}

/* The rule is read back from its target and matched as its binary rules are. */
static bool net_names(const struct question *q, const struct ctrpol_rule_origin *o,
		      const char *target)
{
	uint16_t ops = (uint16_t)le32toh(o->perms);
	struct ctrpol_net_rule rules[2];
	struct net_sel sel;
	unsigned int k, n;

	if (!(ops & q->op) || net_sel_parse_text(target, ops, &sel))
		return false;
	n = net_sel_emit(&sel, ops, o->flags, rules);
	for (k = 0; k < n; k++)
		if (ctrpol_net_match(&rules[k], &q->net))
			return true;
	return false;
}

const struct explain_class explain_net = {
	"net", CTRPOL_RULE_NET, true, NULL, parse_net, decide_net, net_names,
};
