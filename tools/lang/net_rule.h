/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The selectors of a network rule, "[FAMILY] [TYPE] [PROTOCOL] [ADDRESS]
 * [port PORTS]" in any order: parsed from fields, checked, emitted as
 * struct ctrpol_net_rule and printed back in canonical order.  The parser,
 * `ctrpol explain` (for its queries, and to read rules back from provenance)
 * and `ctrpol dump` share this one grammar.
 */
#ifndef CTRPOL_NET_RULE_H
#define CTRPOL_NET_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/ctrpol.h>

/* A field of a line (lang/lexer.h); events share struct net_sel without the lexer. */
struct field;

/**
 * struct net_sel - what a network rule names besides its operations
 * @family: AF_*, or 0 for any
 * @type: SOCK_*, or 0 for any
 * @prefix: with @has_addr, the leading bits of @addr that count
 * @has_protocol: @protocol is set; else any protocol
 * @has_addr: @addr and @prefix are set (and then @family is inet or inet6)
 * @has_port: @port_min and @port_max were given; else they are 0 and 65535
 * @inet_any: an IP protocol was named without a family: the rule names
 *	both inet and inet6 (and @family is 0)
 * @protocol: IPPROTO_* or NETLINK_*
 * @port_min: lowest port
 * @port_max: highest port
 * @addr: network byte order, zero-padded, zero after @prefix bits
 */
struct net_sel {
	uint8_t family, type, prefix;
	bool has_protocol, has_addr, has_port, inet_any;
	uint16_t protocol, port_min, port_max;
	uint8_t addr[16];
};

/* What is wrong with a rule's selectors, and where. */
struct net_sel_err {
	int field;		/* index of the field at fault */
	char msg[256];
	char hint[512];		/* "" when there is none */
};

/*
 * Parse and check the n fields f as the selectors of a rule (or, when query,
 * of one concrete operation: no port range, no address prefix) naming the
 * operations ops (CTRPOL_NET_*; ops_all: they were written "all").
 * Returns 0, or -1 with *err filled in.
 */
int net_sel_parse(const struct field *f, int n, uint16_t ops, bool ops_all, bool query,
		  struct net_sel *sel, struct net_sel_err *err);

/*
 * The binary rules of a rule with these selectors, operations and flags
 * (CTRPOL_RULE_DENY, CTRPOL_RULE_AUDIT): two when it names inet and inet6
 * with one protocol, else one.  Returns their number.
 */
unsigned int net_sel_emit(const struct net_sel *sel, uint16_t ops, uint8_t flags,
			  struct ctrpol_net_rule out[2]);

/* The selectors of a verified binary rule. */
void net_sel_from_rule(const struct ctrpol_net_rule *r, struct net_sel *sel);

/* The protocol's name where the family makes it unambiguous, else NULL ("proto N"). */
const char *net_sel_protocol_name(const struct net_sel *sel);

/* The selectors in canonical order ("" for none) into buf, which it returns. */
const char *net_sel_format(const struct net_sel *sel, char *buf, size_t size);

/* Parse text that net_sel_format() wrote, as the selectors of a rule naming ops. */
int net_sel_parse_text(const char *text, uint16_t ops, struct net_sel *sel);

#endif
