// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <endian.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "lexer.h"
#include "names.h"
#include "net_rule.h"

enum proto_kind { PROTO_NUMBER, PROTO_IP, PROTO_NETLINK };

/* Parsing state: which field gave each selector, so errors point at it (-1: none did). */
struct sel_parser {
	const struct field *f;
	int n;
	bool query;
	struct net_sel *sel;
	struct net_sel_err *err;
	int family_at, type_at, proto_at, addr_at, port_at;
	enum proto_kind proto_kind;
	uint8_t addr_family;
};

__attribute__((format(printf, 3, 4)))
static int fail(struct sel_parser *ps, int field, const char *fmt, ...)
{
	va_list ap;

	ps->err->field = field < ps->n ? field : ps->n - 1;
	ps->err->hint[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(ps->err->msg, sizeof(ps->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

__attribute__((format(printf, 2, 3)))
static int hint(struct sel_parser *ps, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ps->err->hint, sizeof(ps->err->hint), fmt, ap);
	va_end(ap);
	return -1;
}

/* A decimal number up to max, without sign; false if s is not one. */
static bool parse_number(const char *s, size_t len, unsigned long max, unsigned long *v)
{
	size_t i;

	*v = 0;
	if (!len || len > 10)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (unsigned long)(s[i] - '0');
	}
	return *v <= max;
}

static bool all_digits(const struct field *f)
{
	unsigned long v;

	return parse_number(f->p, f->len, ~0UL, &v);
}

/* Record that field i gives a selector held until now by field *at; one of each per rule. */
static int claim(struct sel_parser *ps, int *at, int i, const char *what)
{
	const struct field *f = &ps->f[i], *prev;

	if (*at < 0) {
		*at = i;
		return 0;
	}
	prev = &ps->f[*at];
	fail(ps, i, "a rule names one %s: '%.*s' is a second one, after '%.*s'", what,
	     (int)f->len, f->p, (int)prev->len, prev->p);
	return hint(ps, "write one rule for each");
}

/* port N or port N-M, the numbers in field i. */
static int take_port(struct sel_parser *ps, int i)
{
	const struct field *f = &ps->f[i];
	const char *dash = memchr(f->p, '-', f->len);
	size_t lo_len = dash ? (size_t)(dash - f->p) : f->len;
	unsigned long lo, hi;

	if (claim(ps, &ps->port_at, i, "port range"))
		return -1;
	if (!parse_number(f->p, lo_len, 65535, &lo) ||
	    (dash && !parse_number(dash + 1, f->len - lo_len - 1, 65535, &hi))) {
		fail(ps, i, "bad port '%.*s'", (int)f->len, f->p);
		return hint(ps, "a port is 0 to 65535; a range is N-M: port 8000-8099");
	}
	if (!dash)
		hi = lo;
	if (lo > hi) {
		fail(ps, i, "port range %lu-%lu is reversed", lo, hi);
		return hint(ps, "did you mean %lu-%lu?", hi, lo);
	}
	if (ps->query && dash)
		return fail(ps, i, "a query names one port, not a range");
	ps->sel->has_port = true;
	ps->sel->port_min = (uint16_t)lo;
	ps->sel->port_max = (uint16_t)hi;
	return 0;
}

static int take_proto_number(struct sel_parser *ps, int i)
{
	const struct field *f = &ps->f[i];
	unsigned long v;

	if (claim(ps, &ps->proto_at, i, "protocol"))
		return -1;
	if (!parse_number(f->p, f->len, 65535, &v)) {
		fail(ps, i, "bad protocol number '%.*s'", (int)f->len, f->p);
		return hint(ps, "proto takes a number, 0 to 65535, as socket(2) does");
	}
	ps->proto_kind = PROTO_NUMBER;
	ps->sel->has_protocol = true;
	ps->sel->protocol = (uint16_t)v;
	return 0;
}

static bool looks_like_address(const struct field *f)
{
	return memchr(f->p, ':', f->len) ||
	       (f->len && f->p[0] >= '0' && f->p[0] <= '9' &&
		(memchr(f->p, '.', f->len) || memchr(f->p, '/', f->len)));
}

/* Zero the bits of addr after its first prefix bits; whether any was set. */
static bool clear_host_bits(uint8_t addr[16], unsigned int prefix)
{
	bool any = false;
	unsigned int i;

	for (i = prefix / 8; i < 16; i++) {
		uint8_t keep = i == prefix / 8 ? (uint8_t)(0xff00 >> (prefix % 8)) : 0;

		any |= (addr[i] & ~keep) != 0;
		addr[i] &= keep;
	}
	return any;
}

/* ADDRESS[/PREFIX] in field i: IPv4 or IPv6, as inet_pton(3) reads them. */
static int take_address(struct sel_parser *ps, int i)
{
	const struct field *f = &ps->f[i];
	const char *slash = memchr(f->p, '/', f->len);
	size_t alen = slash ? (size_t)(slash - f->p) : f->len;
	struct net_sel *sel = ps->sel;
	char text[INET6_ADDRSTRLEN + 1], net[INET6_ADDRSTRLEN];
	unsigned long prefix, max;

	if (claim(ps, &ps->addr_at, i, "address"))
		return -1;
	memset(sel->addr, 0, sizeof(sel->addr));
	if (alen < sizeof(text)) {
		memcpy(text, f->p, alen);
		text[alen] = '\0';
	}
	if (alen < sizeof(text) && inet_pton(AF_INET, text, sel->addr) == 1)
		ps->addr_family = AF_INET;
	else if (alen < sizeof(text) && inet_pton(AF_INET6, text, sel->addr) == 1)
		ps->addr_family = AF_INET6;
	else {
		fail(ps, i, "bad address '%.*s'", (int)f->len, f->p);
		return hint(ps, "an address is IPv4 or IPv6, with an optional prefix length: 10.0.0.0/8, 192.0.2.1, 2001:db8::/32, ::1");
	}
	max = ps->addr_family == AF_INET ? 32 : 128;
	prefix = max;
	if (slash && !parse_number(slash + 1, f->len - alen - 1, max, &prefix)) {
		fail(ps, i, "bad prefix length in '%.*s'", (int)f->len, f->p);
		return hint(ps, "an %s prefix length is 0 to %lu", ps->addr_family == AF_INET ?
			    "IPv4" : "IPv6", max);
	}
	if (clear_host_bits(sel->addr, (unsigned int)prefix)) {
		inet_ntop(ps->addr_family, sel->addr, net, sizeof(net));
		fail(ps, i, "address '%.*s' has bits set after its /%lu prefix", (int)f->len, f->p,
		     prefix);
		return hint(ps, "did you mean %s/%lu?", net, prefix);
	}
	if (ps->query && prefix != max)
		return fail(ps, i, "a query names one address, not a network");
	sel->has_addr = true;
	sel->prefix = (uint8_t)prefix;
	return 0;
}

static const char *const keyword_list[] = { "port", "proto" };
static const struct name_table keywords = { keyword_list, 2, 0, NULL, false };

/* The words a selector may be, the keywords last: take_word() relies on the order. */
static const struct name_table *const word_tables[] = {
	&family_names, &socktype_names, &ip_proto_names, &netlink_proto_names, &keywords,
};
#define NWORD_TABLES ((int)(sizeof(word_tables) / sizeof(word_tables[0])))

static int unknown_word(struct sel_parser *ps, int i)
{
	const struct field *f = &ps->f[i];
	const char *guess = name_suggest(f->p, f->len, word_tables, NWORD_TABLES);

	fail(ps, i, "unexpected '%.*s' in a network rule", (int)f->len, f->p);
	if (all_digits(f))
		return hint(ps, "a port is written 'port %.*s', a protocol number 'proto %.*s'",
			    (int)f->len, f->p, (int)f->len, f->p);
	return hint(ps, "%s%s%sexpected a family (unix, inet, inet6, netlink, packet, vsock, ...), a socket type (stream, dgram, raw, seqpacket, rdm), a protocol (tcp, udp, icmp, icmpv6, sctp, route, generic, ..., proto N), an address (10.0.0.0/8, 2001:db8::/32) or port N[-M]",
		    guess ? "did you mean '" : "", guess ? guess : "", guess ? "'? " : "");
}

/* A name from word_tables in field i, or an address. */
static int take_word(struct sel_parser *ps, int i)
{
	const struct field *f = &ps->f[i];
	int v, t;

	for (t = 0; t < NWORD_TABLES - 1; t++) {
		v = name_lookup(word_tables[t], f->p, f->len);
		if (v >= 0)
			break;
	}
	switch (t) {
	case 0:
		if (claim(ps, &ps->family_at, i, "family"))
			return -1;
		ps->sel->family = (uint8_t)v;
		return 0;
	case 1:
		if (claim(ps, &ps->type_at, i, "socket type"))
			return -1;
		ps->sel->type = (uint8_t)v;
		return 0;
	case 2:
	case 3:
		if (claim(ps, &ps->proto_at, i, "protocol"))
			return -1;
		ps->proto_kind = t == 2 ? PROTO_IP : PROTO_NETLINK;
		ps->sel->has_protocol = true;
		ps->sel->protocol = (uint16_t)v;
		return 0;
	}
	return looks_like_address(f) ? take_address(ps, i) : unknown_word(ps, i);
}

static int take_fields(struct sel_parser *ps)
{
	int i, ret = 0;

	for (i = 0; !ret && i < ps->n; i++) {
		bool port = field_is(&ps->f[i], "port"), proto = field_is(&ps->f[i], "proto");

		if ((port || proto) && i + 1 == ps->n)
			return fail(ps, i, "expected a number after '%s'", port ? "port" : "proto");
		if (port)
			ret = take_port(ps, ++i);
		else if (proto)
			ret = take_proto_number(ps, ++i);
		else
			ret = take_word(ps, i);
	}
	return ret;
}

static bool is_ip(uint8_t family)
{
	return family == AF_INET || family == AF_INET6;
}

static const char *family_name(uint8_t family)
{
	return name_of(&family_names, family);
}

/* The family an address, a protocol and an explicit family agree on. */
static int resolve_family(struct sel_parser *ps)
{
	struct net_sel *sel = ps->sel;
	unsigned int ip;

	if (ps->addr_at >= 0 && sel->family && sel->family != ps->addr_family) {
		fail(ps, ps->addr_at, "'%.*s' is an %s address, but the rule's family is %s",
		     (int)ps->f[ps->addr_at].len, ps->f[ps->addr_at].p,
		     ps->addr_family == AF_INET ? "IPv4" : "IPv6", family_name(sel->family));
		return hint(ps, "an address sets the family itself: leave '%s' out",
			    family_name(sel->family));
	}
	if (ps->addr_at >= 0)
		sel->family = ps->addr_family;
	if (ps->proto_kind == PROTO_NETLINK) {
		if (sel->family && sel->family != AF_NETLINK) {
			fail(ps, ps->proto_at, "'%.*s' is a netlink protocol, but the rule's family is %s",
			     (int)ps->f[ps->proto_at].len, ps->f[ps->proto_at].p,
			     family_name(sel->family));
			return hint(ps, "a netlink protocol sets the family netlink itself");
		}
		sel->family = AF_NETLINK;
	} else if (ps->proto_kind == PROTO_IP) {
		ip = ip_proto_families(sel->protocol);
		if (sel->family && !((sel->family == AF_INET && (ip & IP_FAMILY_INET)) ||
				     (sel->family == AF_INET6 && (ip & IP_FAMILY_INET6)))) {
			fail(ps, ps->proto_at, "'%.*s' is not a protocol of family %s",
			     (int)ps->f[ps->proto_at].len, ps->f[ps->proto_at].p,
			     family_name(sel->family));
			return hint(ps, "%s goes with %s", name_of(&ip_proto_names, sel->protocol),
				    ip == IP_FAMILY_INET ? "inet" : ip == IP_FAMILY_INET6 ? "inet6" :
				    "inet and inet6 (leave the family out for both)");
		}
		if (!sel->family && ip == (IP_FAMILY_INET | IP_FAMILY_INET6))
			sel->inet_any = true;
		else if (!sel->family)
			sel->family = ip == IP_FAMILY_INET ? AF_INET : AF_INET6;
	}
	return 0;
}

/* An address or port restricts IP sockets past their creation only. */
static int check_restriction(struct sel_parser *ps, uint16_t ops, bool ops_all)
{
	struct net_sel *sel = ps->sel;
	int at = ps->addr_at >= 0 ? ps->addr_at : ps->port_at;
	const char *what = ps->addr_at >= 0 ? "" : "port ";
	const struct field *f;

	if (at < 0)
		return 0;
	f = &ps->f[at];
	if (sel->family && !is_ip(sel->family)) {
		fail(ps, at, "'%s%.*s': an address or port applies to inet and inet6 sockets only, not %s",
		     what, (int)f->len, f->p, family_name(sel->family));
		return hint(ps, "leave the family out, or name inet or inet6");
	}
	if (ops & CTRPOL_NET_CREATE) {
		fail(ps, at, "'%s%.*s': an address or port never applies to 'create': a new socket has none",
		     what, (int)f->len, f->p);
		return hint(ps, ops_all ? "'all' includes create: name the others, bind,connect,listen,send" :
			    "put create in a rule of its own, without address or port");
	}
	return 0;
}

int net_sel_parse(const struct field *f, int n, uint16_t ops, bool ops_all, bool query,
		  struct net_sel *sel, struct net_sel_err *err)
{
	struct sel_parser ps = {
		.f = f, .n = n, .query = query, .sel = sel, .err = err,
		.family_at = -1, .type_at = -1, .proto_at = -1, .addr_at = -1, .port_at = -1,
	};

	memset(sel, 0, sizeof(*sel));
	sel->port_max = 65535;
	if (take_fields(&ps) || resolve_family(&ps) || check_restriction(&ps, ops, ops_all))
		return -1;
	return 0;
}

static void emit_one(const struct net_sel *sel, uint8_t family, uint16_t ops, uint8_t flags,
		     struct ctrpol_net_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->ops = htole16(ops);
	r->flags = flags | (sel->has_protocol ? CTRPOL_NET_PROTOCOL : 0);
	r->family = family;
	r->type = sel->type;
	r->protocol = htole16(sel->protocol);
	r->port_min = htole16(sel->port_min);
	r->port_max = htole16(sel->port_max);
	if (sel->has_addr) {
		r->prefix = sel->prefix;
		memcpy(r->addr, sel->addr, sizeof(r->addr));
	}
}

unsigned int net_sel_emit(const struct net_sel *sel, uint16_t ops, uint8_t flags,
			  struct ctrpol_net_rule out[2])
{
	if (!sel->inet_any) {
		emit_one(sel, sel->family, ops, flags, &out[0]);
		return 1;
	}
	emit_one(sel, AF_INET, ops, flags, &out[0]);
	emit_one(sel, AF_INET6, ops, flags, &out[1]);
	return 2;
}

void net_sel_from_rule(const struct ctrpol_net_rule *r, struct net_sel *sel)
{
	memset(sel, 0, sizeof(*sel));
	sel->family = r->family;
	sel->type = r->type;
	sel->has_protocol = r->flags & CTRPOL_NET_PROTOCOL;
	sel->protocol = le16toh(r->protocol);
	sel->port_min = le16toh(r->port_min);
	sel->port_max = le16toh(r->port_max);
	sel->has_port = sel->port_min || sel->port_max != 65535;
	sel->has_addr = r->prefix != 0;
	sel->prefix = r->prefix;
	memcpy(sel->addr, r->addr, sizeof(sel->addr));
}

const char *net_sel_protocol_name(const struct net_sel *sel)
{
	unsigned int ip;

	if (sel->family == AF_NETLINK)
		return name_of(&netlink_proto_names, sel->protocol);
	if (!sel->inet_any && !is_ip(sel->family))
		return NULL;
	ip = ip_proto_families(sel->protocol);
	if (sel->inet_any ? ip != (IP_FAMILY_INET | IP_FAMILY_INET6) :
	    !(ip & (sel->family == AF_INET ? IP_FAMILY_INET : IP_FAMILY_INET6)))
		return NULL;
	return name_of(&ip_proto_names, sel->protocol);
}

const char *net_sel_format(const struct net_sel *sel, char *buf, size_t size)
{
	const char *family = family_name(sel->family), *type = name_of(&socktype_names, sel->type);
	const char *proto = sel->has_protocol ? net_sel_protocol_name(sel) : NULL;
	char addr[INET6_ADDRSTRLEN];
	size_t used = 0;

#define APPEND(...) (used += (size_t)snprintf(buf + used, used < size ? size - used : 0, \
					     __VA_ARGS__))
	buf[0] = '\0';
	if (sel->family)
		family ? APPEND(" %s", family) : APPEND(" family %u", sel->family);
	if (sel->type)
		type ? APPEND(" %s", type) : APPEND(" type %u", sel->type);
	if (sel->has_protocol)
		proto ? APPEND(" %s", proto) : APPEND(" proto %u", sel->protocol);
	if (sel->has_addr && is_ip(sel->family)) {
		inet_ntop(sel->family, sel->addr, addr, sizeof(addr));
		APPEND(" %s", addr);
		if (sel->prefix != (sel->family == AF_INET ? 32 : 128))
			APPEND("/%u", sel->prefix);
	}
	if (sel->has_port && sel->port_min == sel->port_max)
		APPEND(" port %u", sel->port_min);
	else if (sel->has_port)
		APPEND(" port %u-%u", sel->port_min, sel->port_max);
#undef APPEND
	/* Without the leading blank. */
	if (buf[0])
		memmove(buf, buf + 1, strlen(buf));
	return buf;
}

int net_sel_parse_text(const char *text, uint16_t ops, struct net_sel *sel)
{
	struct field f[LEX_MAX_FIELDS];
	struct net_sel_err err;
	const char *msg;
	unsigned int col;
	int n = lex_line(text, strlen(text), f, &col, &msg);

	return n < 0 ? -1 : net_sel_parse(f, n, ops, false, false, sel, &err);
}
