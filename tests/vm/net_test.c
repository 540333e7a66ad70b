// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: network rules, enforced.  Each test attaches a profile to a
 * cgroup and tries a table of socket operations, IPv4 and IPv6, in that
 * cgroup, in a nested child of it (both confined) and in a sibling (not):
 * each must end with the errno the table gives for a confined cgroup or for
 * a free one.  Policy refusals are EACCES; what the policy allows meets the
 * network as it is (ECONNREFUSED from a port nobody listens on).
 *
 * The guest has lo only: the tests bring it up, with 127.0.0.1/8 and ::1,
 * and add fd00::1 and fd00::1:1 to it, so that an address outside a rule's
 * prefix is still one a free cgroup reaches.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/ctrpol.h>
#include <linux/netlink.h>
#include <linux/if_ether.h>

#include "confine.h"
#include "harness.h"
#include "loopback.h"

#ifndef MSG_FASTOPEN
#define MSG_FASTOPEN 0x20000000
#endif

/* A setup step of an operation failed (not the step under test). */
#define SETUP_FAILED 190

enum net_op {
	CREATE,		/* socket() */
	BIND,		/* bind(addr, port) */
	LISTEN,		/* bind(addr, port) if addr, then listen() */
	CONNECT,	/* connect(addr, port) */
	SENDTO,		/* sendto(addr, port) on an unconnected socket */
	FASTOPEN,	/* sendto(addr, port, MSG_FASTOPEN): TCP Fast Open */
	SEND_CONNECTED,	/* connect(addr, port), then send() without an address */
	DISCONNECT,	/* connect(addr, port), then connect(AF_UNSPEC) */
};

static const char *const op_names[] = {
	"create", "bind", "listen", "connect", "sendto", "fastopen", "send_connected",
	"disconnect",
};

/*
 * One operation and what it must give: 0 or an errno, in a confined
 * cgroup and in a free one.  The address's spelling gives the sockaddr's
 * family ("127.0.0.1" on an AF_INET6 socket is a sockaddr_in).
 */
struct net_case {
	enum net_op op;
	int family, type, protocol;
	const char *addr;
	int port;
	int confined, free;
};

static const char *describe(const struct net_case *c)
{
	static char text[160];
	const char *family = c->family == AF_UNIX ? "unix" : c->family == AF_INET ? "inet" :
			     c->family == AF_INET6 ? "inet6" : c->family == AF_PACKET ? "packet" :
			     c->family == AF_NETLINK ? "netlink" : "?";

	snprintf(text, sizeof(text), "%s %s type %d protocol %d %s port %d", op_names[c->op],
		 family, c->type, c->protocol, c->addr ? c->addr : "-", c->port);
	return text;
}

static const char *result(int err)
{
	if (err == SETUP_FAILED)
		return "a setup step failed";
	return err ? strerror(err) : "success";
}

static socklen_t sockaddr_of(const char *addr, int port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (strchr(addr, ':')) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		if (inet_pton(AF_INET6, addr, &sin6->sin6_addr) != 1)
			return 0;
		return sizeof(*sin6);
	}
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	if (inet_pton(AF_INET, addr, &sin->sin_addr) != 1)
		return 0;
	return sizeof(*sin);
}

/* In the child: do c; 0, the errno of the step under test, or SETUP_FAILED. */
static int try_case(const void *arg)
{
	const struct net_case *c = arg;
	const struct sockaddr_storage unspec = { .ss_family = AF_UNSPEC };
	struct sockaddr_storage ss;
	socklen_t len = 0;
	int fd, one = 1;

	fd = socket(c->family, c->type, c->protocol);
	if (c->op == CREATE)
		return fd < 0 ? errno : 0;
	if (fd < 0)
		return SETUP_FAILED;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (c->addr) {
		len = sockaddr_of(c->addr, c->port, &ss);
		if (!len)
			return SETUP_FAILED;
	}
	switch (c->op) {
	case BIND:
		return bind(fd, (struct sockaddr *)&ss, len) ? errno : 0;
	case LISTEN:
		if (c->addr && bind(fd, (struct sockaddr *)&ss, len))
			return SETUP_FAILED;
		return listen(fd, 8) ? errno : 0;
	case CONNECT:
		return connect(fd, (struct sockaddr *)&ss, len) ? errno : 0;
	case SENDTO:
		return sendto(fd, "x", 1, 0, (struct sockaddr *)&ss, len) < 0 ? errno : 0;
	case FASTOPEN:
		return sendto(fd, "x", 1, MSG_FASTOPEN, (struct sockaddr *)&ss, len) < 0 ?
		       errno : 0;
	case SEND_CONNECTED:
		if (connect(fd, (struct sockaddr *)&ss, len))
			return SETUP_FAILED;
		return send(fd, "x", 1, 0) < 0 ? errno : 0;
	case DISCONNECT:
		if (connect(fd, (struct sockaddr *)&ss, len))
			return SETUP_FAILED;
		return connect(fd, (const struct sockaddr *)&unspec, sizeof(unspec)) ? errno : 0;
	default:
		return SETUP_FAILED;
	}
}

/* Each case in cgroup; mismatches appended to report.  Returns the EACCES expected. */
static unsigned int cases_in(const char *cgroup, bool confined, const struct net_case *cases,
			     size_t n, char *report, size_t size)
{
	unsigned int denials = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int want = confined ? cases[i].confined : cases[i].free;
		int got = run_in(cgroup, AS_CALLER, try_case, &cases[i]);
		size_t used = strlen(report);

		denials += want == EACCES;
		if (got != want)
			snprintf(report + used, size - used, "\n  %s in %s: %s, want %s",
				 describe(&cases[i]), cgroup, result(got), result(want));
	}
	return denials;
}

/*
 * The table under profile NAME { RULES }: in its cgroup, in a nested child
 * (confined) and in a sibling (free).  Every refusal is counted once.
 */
static void matrix(const char *name, const char *rules, const struct net_case *cases, size_t n)
{
	char child[128], sibling[128], path[192], report[8192] = "";
	unsigned int denials;
	struct confined c;
	uint64_t before;

	confine(&c, name, rules);
	snprintf(child, sizeof(child), "%s/child", name);
	snprintf(sibling, sizeof(sibling), "%s-sibling", name);
	cgroup_create(child);
	cgroup_create(sibling);
	before = profile_counter(name, CTRPOL_COUNTER_DENIED);
	denials = cases_in(c.cgroup, true, cases, n, report, sizeof(report));
	denials += cases_in(child, true, cases, n, report, sizeof(report));
	cases_in(sibling, false, cases, n, report, sizeof(report));
	if (report[0])
		FAIL("operations that did not end as they should:%s", report);
	ASSERT_EQ(profile_counter(name, CTRPOL_COUNTER_DENIED) - before, denials);
	snprintf(path, sizeof(path), "%s/%s", CGROUP_ROOT, child);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/%s", CGROUP_ROOT, sibling);
	rmdir(path);
	unconfine(&c);
}

#define N(cases) (sizeof(cases) / sizeof((cases)[0]))

static const char create_rules[] =
	"default deny\n"
	"allow cap net_raw\n"
	"allow net create unix\n"
	"allow net create inet stream tcp\n"	/* socket(AF_INET, SOCK_STREAM, 0) is tcp */
	"allow net create inet dgram udp\n"
	"allow net create inet raw icmp\n"
	"deny net create inet raw\n"		/* wins over the allow */
	"allow net create packet dgram\n"
	"deny net create packet\n"
	"allow net create inet6\n"
	"deny net create inet6 udp\n"		/* socket(AF_INET6, SOCK_DGRAM, 0) is udp */
	"allow net create netlink route\n";

static const struct net_case create_cases[] = {
	{ CREATE, AF_UNIX, SOCK_STREAM, 0, NULL, 0, 0, 0 },
	{ CREATE, AF_UNIX, SOCK_DGRAM, 0, NULL, 0, 0, 0 },
	{ CREATE, AF_INET, SOCK_STREAM, 0, NULL, 0, 0, 0 },
	{ CREATE, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP, NULL, 0, 0, 0 },
	{ CREATE, AF_INET, SOCK_DGRAM, 0, NULL, 0, 0, 0 },
	{ CREATE, AF_INET, SOCK_RAW, IPPROTO_ICMP, NULL, 0, EACCES, 0 },
	{ CREATE, AF_INET, SOCK_RAW, IPPROTO_RAW, NULL, 0, EACCES, 0 },
	{ CREATE, AF_INET6, SOCK_STREAM, 0, NULL, 0, 0, 0 },
	{ CREATE, AF_INET6, SOCK_RAW, IPPROTO_ICMPV6, NULL, 0, 0, 0 },
	{ CREATE, AF_INET6, SOCK_DGRAM, 0, NULL, 0, EACCES, 0 },
	{ CREATE, AF_INET6, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, EACCES, 0 },
	{ CREATE, AF_INET6, SOCK_RAW, IPPROTO_UDP, NULL, 0, EACCES, 0 },
	{ CREATE, AF_PACKET, SOCK_RAW, 0x0300 /* htons(ETH_P_ALL) */, NULL, 0, EACCES, 0 },
	{ CREATE, AF_PACKET, SOCK_DGRAM, 0x0300, NULL, 0, EACCES, 0 },
	{ CREATE, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, NULL, 0, 0, 0 },
	{ CREATE, AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE, NULL, 0, 0, 0 },
	{ CREATE, AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK, NULL, 0, EACCES, 0 },
	{ CREATE, AF_NETLINK, SOCK_RAW, NETLINK_GENERIC, NULL, 0, EACCES, 0 },
};

TEST(create_by_family_type_and_resolved_protocol)
{
	matrix("net-create", create_rules, create_cases, N(create_cases));
}

static int make_pair(const void *type)
{
	int sv[2];

	return socketpair(AF_UNIX, *(const int *)type, 0, sv) ? errno : 0;
}

TEST(socketpair_creates_two_sockets_each_decided)
{
	static const int dgram = SOCK_DGRAM, stream = SOCK_STREAM;
	struct confined c;

	confine(&c, "net-pair", "default deny\nallow net create unix dgram");
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, make_pair, &dgram), 0);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, make_pair, &stream), EACCES);
	ASSERT_EQ(run_in(NULL, AS_CALLER, make_pair, &stream), 0);
	unconfine(&c);
}

static const char bind_rules[] =
	"default deny\n"
	"allow net create inet\n"
	"allow net create inet6\n"
	"allow net bind tcp port 8080\n"
	"allow net bind inet6 tcp ::1 port 8081\n"
	"allow net bind udp port 9000-9009\n";

static const struct net_case bind_cases[] = {
	{ BIND, AF_INET, SOCK_STREAM, 0, "127.0.0.1", 8080, 0, 0 },
	{ BIND, AF_INET, SOCK_STREAM, 0, "0.0.0.0", 8080, 0, 0 },
	{ BIND, AF_INET, SOCK_STREAM, 0, "127.0.0.1", 8081, EACCES, 0 },
	{ BIND, AF_INET, SOCK_STREAM, 0, "127.0.0.1", 0, EACCES, 0 },
	{ BIND, AF_INET6, SOCK_STREAM, 0, "::1", 8080, 0, 0 },
	{ BIND, AF_INET6, SOCK_STREAM, 0, "::1", 8081, 0, 0 },
	{ BIND, AF_INET6, SOCK_STREAM, 0, "::", 8081, EACCES, 0 },
	{ BIND, AF_INET6, SOCK_STREAM, 0, "::1", 8082, EACCES, 0 },
	{ BIND, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 9000, 0, 0 },
	{ BIND, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 9009, 0, 0 },
	{ BIND, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 8999, EACCES, 0 },
	{ BIND, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 9010, EACCES, 0 },
	{ BIND, AF_INET6, SOCK_DGRAM, 0, "::1", 9000, 0, 0 },
	{ BIND, AF_INET6, SOCK_DGRAM, 0, "::1", 9009, 0, 0 },
	{ BIND, AF_INET6, SOCK_DGRAM, 0, "::1", 8999, EACCES, 0 },
	{ BIND, AF_INET6, SOCK_DGRAM, 0, "::1", 9010, EACCES, 0 },
};

TEST(bind_by_port_and_port_range)
{
	network_up();
	matrix("net-bind", bind_rules, bind_cases, N(bind_cases));
}

static const char listen_rules[] =
	"default deny\n"
	"allow net create stream tcp\n"
	"allow net bind tcp port 7000-7999\n"
	"allow net listen tcp port 7000-7009\n"
	"allow net listen tcp 127.0.0.1 port 7100\n"
	"allow net listen tcp ::1 port 7100\n";

static const struct net_case listen_cases[] = {
	{ LISTEN, AF_INET, SOCK_STREAM, 0, "127.0.0.1", 7000, 0, 0 },
	{ LISTEN, AF_INET, SOCK_STREAM, 0, "127.0.0.1", 7009, 0, 0 },
	{ LISTEN, AF_INET, SOCK_STREAM, 0, "127.0.0.1", 7010, EACCES, 0 },
	{ LISTEN, AF_INET, SOCK_STREAM, 0, "127.0.0.1", 7100, 0, 0 },
	{ LISTEN, AF_INET, SOCK_STREAM, 0, "0.0.0.0", 7100, EACCES, 0 },
	{ LISTEN, AF_INET, SOCK_STREAM, 0, NULL, 0, EACCES, 0 },	/* unbound: port 0 */
	{ LISTEN, AF_INET6, SOCK_STREAM, 0, "::1", 7000, 0, 0 },
	{ LISTEN, AF_INET6, SOCK_STREAM, 0, "::1", 7009, 0, 0 },
	{ LISTEN, AF_INET6, SOCK_STREAM, 0, "::1", 7010, EACCES, 0 },
	{ LISTEN, AF_INET6, SOCK_STREAM, 0, "::1", 7100, 0, 0 },
	{ LISTEN, AF_INET6, SOCK_STREAM, 0, "::", 7100, EACCES, 0 },
	{ LISTEN, AF_INET6, SOCK_STREAM, 0, NULL, 0, EACCES, 0 },
};

TEST(listen_by_the_bound_port_and_address)
{
	network_up();
	matrix("net-listen", listen_rules, listen_cases, N(listen_cases));
}

#define LISTENING 7300	/* a listener on every address */
#define NOBODY 7301	/* no listener */

static const char connect_rules[] =
	"default deny\n"
	"allow net create stream tcp\n"
	"allow net create dgram udp\n"
	"allow net connect tcp 127.0.0.0/24\n"
	"deny net connect tcp 127.0.0.3\n"
	"allow net connect tcp ::1\n"
	"allow net connect tcp fd00::/112\n"
	"allow net connect udp 127.0.0.1 port 9200\n"
	/* Sending is allowed: Fast Open is still a connect. */
	"allow net send tcp\n";

static const struct net_case connect_cases[] = {
	{ CONNECT, AF_INET, SOCK_STREAM, 0, "127.0.0.1", LISTENING, 0, 0 },
	{ CONNECT, AF_INET, SOCK_STREAM, 0, "127.0.0.1", NOBODY, ECONNREFUSED, ECONNREFUSED },
	{ CONNECT, AF_INET, SOCK_STREAM, 0, "127.0.0.200", LISTENING, 0, 0 },
	{ CONNECT, AF_INET, SOCK_STREAM, 0, "127.0.1.1", LISTENING, EACCES, 0 },
	{ CONNECT, AF_INET, SOCK_STREAM, 0, "127.0.1.1", NOBODY, EACCES, ECONNREFUSED },
	{ CONNECT, AF_INET, SOCK_STREAM, 0, "127.0.0.3", LISTENING, EACCES, 0 },
	{ CONNECT, AF_INET6, SOCK_STREAM, 0, "::1", LISTENING, 0, 0 },
	{ CONNECT, AF_INET6, SOCK_STREAM, 0, "::1", NOBODY, ECONNREFUSED, ECONNREFUSED },
	{ CONNECT, AF_INET6, SOCK_STREAM, 0, "fd00::1", LISTENING, 0, 0 },
	{ CONNECT, AF_INET6, SOCK_STREAM, 0, "fd00::1", NOBODY, ECONNREFUSED, ECONNREFUSED },
	{ CONNECT, AF_INET6, SOCK_STREAM, 0, "fd00::1:1", LISTENING, EACCES, 0 },
	{ CONNECT, AF_INET6, SOCK_STREAM, 0, "fd00::1:1", NOBODY, EACCES, ECONNREFUSED },
	/* IPv4 through an IPv6 socket: decided by the IPv4 rules. */
	{ CONNECT, AF_INET6, SOCK_STREAM, 0, "::ffff:127.0.0.1", LISTENING, 0, 0 },
	{ CONNECT, AF_INET6, SOCK_STREAM, 0, "::ffff:127.0.1.1", LISTENING, EACCES, 0 },
	{ CONNECT, AF_INET6, SOCK_STREAM, 0, "::ffff:127.0.0.3", LISTENING, EACCES, 0 },
	{ CONNECT, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 9200, 0, 0 },
	{ CONNECT, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 9201, EACCES, 0 },
	/* UDP over IPv6 takes a sockaddr_in, or a mapped address: IPv4 both. */
	{ CONNECT, AF_INET6, SOCK_DGRAM, 0, "127.0.0.1", 9200, 0, 0 },
	{ CONNECT, AF_INET6, SOCK_DGRAM, 0, "127.0.0.1", 9201, EACCES, 0 },
	{ CONNECT, AF_INET6, SOCK_DGRAM, 0, "::ffff:127.0.0.1", 9200, 0, 0 },
	{ CONNECT, AF_INET6, SOCK_DGRAM, 0, "::ffff:127.0.0.1", 9201, EACCES, 0 },
	/* Dissolving an association is not mediated. */
	{ DISCONNECT, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 9200, 0, 0 },
	/* Fast Open connects as it sends: decided as a connect. */
	{ FASTOPEN, AF_INET, SOCK_STREAM, 0, "127.0.0.1", LISTENING, 0, 0 },
	{ FASTOPEN, AF_INET, SOCK_STREAM, 0, "127.0.1.1", LISTENING, EACCES, 0 },
	{ FASTOPEN, AF_INET6, SOCK_STREAM, 0, "fd00::1:1", LISTENING, EACCES, 0 },
};

TEST(connect_by_prefix_refused_apart_from_nobody_listening)
{
	int fd;

	network_up();
	fd = listen_any(LISTENING);
	matrix("net-connect", connect_rules, connect_cases, N(connect_cases));
	close(fd);
}

static const char send_rules[] =
	"default deny\n"
	"allow net create dgram udp\n"
	"allow net send udp 127.0.0.0/24 port 9100\n"
	"allow net send udp ::1 port 9100\n"
	"allow net connect udp 127.0.0.1 port 9101\n"
	"allow net connect udp ::1 port 9101\n";

static const struct net_case send_cases[] = {
	{ SENDTO, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 9100, 0, 0 },
	{ SENDTO, AF_INET, SOCK_DGRAM, 0, "127.0.0.9", 9100, 0, 0 },
	{ SENDTO, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 9101, EACCES, 0 },
	{ SENDTO, AF_INET, SOCK_DGRAM, 0, "127.0.1.1", 9100, EACCES, 0 },
	{ SENDTO, AF_INET6, SOCK_DGRAM, 0, "::1", 9100, 0, 0 },
	{ SENDTO, AF_INET6, SOCK_DGRAM, 0, "::1", 9101, EACCES, 0 },
	{ SENDTO, AF_INET6, SOCK_DGRAM, 0, "fd00::1", 9100, EACCES, 0 },
	/* IPv4 through an IPv6 socket, mapped or as a sockaddr_in: the IPv4 rules. */
	{ SENDTO, AF_INET6, SOCK_DGRAM, 0, "::ffff:127.0.0.1", 9100, 0, 0 },
	{ SENDTO, AF_INET6, SOCK_DGRAM, 0, "::ffff:127.0.1.1", 9100, EACCES, 0 },
	{ SENDTO, AF_INET6, SOCK_DGRAM, 0, "127.0.0.1", 9100, 0, 0 },
	{ SENDTO, AF_INET6, SOCK_DGRAM, 0, "127.0.1.1", 9100, EACCES, 0 },
	/* Without an address, a send goes where connect() was allowed to. */
	{ SEND_CONNECTED, AF_INET, SOCK_DGRAM, 0, "127.0.0.1", 9101, 0, 0 },
	{ SEND_CONNECTED, AF_INET6, SOCK_DGRAM, 0, "::1", 9101, 0, 0 },
};

TEST(sendto_an_explicit_address_only)
{
	network_up();
	matrix("net-send", send_rules, send_cases, N(send_cases));
}

/* What enforce would refuse, complain allows and counts. */
TEST(complain_mode_allows_and_counts)
{
	static const struct net_case refused = {
		CREATE, AF_INET6, SOCK_DGRAM, 0, NULL, 0, EACCES, 0,
	};
	struct confined c;
	uint64_t before;

	confine(&c, "net-complain", "mode complain\ndefault deny\nallow net create inet");
	before = profile_counter("net-complain", CTRPOL_COUNTER_COMPLAINED);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, try_case, &refused), 0);
	ASSERT_EQ(profile_counter("net-complain", CTRPOL_COUNTER_COMPLAINED) - before, 1);
	ASSERT_EQ(profile_counter("net-complain", CTRPOL_COUNTER_DENIED), 0);
	unconfine(&c);
}
