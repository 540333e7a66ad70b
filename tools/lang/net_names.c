// SPDX-License-Identifier: GPL-2.0
/*
 * Names of the network world: operations, address families, socket types
 * and protocols.  A word names one thing only across these tables, so that a
 * rule's selectors need no fixed order: where Linux reuses a name (AF_SMC and
 * NETLINK_SMC), the rarer one is left to `proto N`.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/ctrpol.h>
#include <linux/netlink.h>
#include "names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const net_ops[] = { "create", "bind", "connect", "listen", "send" };
_Static_assert(CTRPOL_NET_ALL == (1U << ARRAY_SIZE(net_ops)) - 1, "one name per CTRPOL_NET_ bit");

const struct name_table net_op_names = {
	net_ops, ARRAY_SIZE(net_ops), CTRPOL_NET_ALL, NULL, false,
};

/* Every family of Linux 6.12, as AF_* without the prefix, in lower case. */
static const char *const families[] = {
	[AF_UNIX] = "unix", [AF_INET] = "inet", [AF_AX25] = "ax25", [AF_IPX] = "ipx",
	[AF_APPLETALK] = "appletalk", [AF_NETROM] = "netrom", [AF_BRIDGE] = "bridge",
	[AF_ATMPVC] = "atmpvc", [AF_X25] = "x25", [AF_INET6] = "inet6", [AF_ROSE] = "rose",
	[AF_DECnet] = "decnet", [AF_NETBEUI] = "netbeui", [AF_SECURITY] = "security",
	[AF_KEY] = "key", [AF_NETLINK] = "netlink", [AF_PACKET] = "packet", [AF_ASH] = "ash",
	[AF_ECONET] = "econet", [AF_ATMSVC] = "atmsvc", [AF_RDS] = "rds", [AF_SNA] = "sna",
	[AF_IRDA] = "irda", [AF_PPPOX] = "pppox", [AF_WANPIPE] = "wanpipe", [AF_LLC] = "llc",
	[AF_IB] = "ib", [AF_MPLS] = "mpls", [AF_CAN] = "can", [AF_TIPC] = "tipc",
	[AF_BLUETOOTH] = "bluetooth", [AF_IUCV] = "iucv", [AF_RXRPC] = "rxrpc",
	[AF_ISDN] = "isdn", [AF_PHONET] = "phonet", [AF_IEEE802154] = "ieee802154",
	[AF_CAIF] = "caif", [AF_ALG] = "alg", [AF_NFC] = "nfc", [AF_VSOCK] = "vsock",
	[AF_KCM] = "kcm", [AF_QIPCRTR] = "qipcrtr", [AF_SMC] = "smc", [AF_XDP] = "xdp",
	[AF_MCTP] = "mctp",
};
_Static_assert(ARRAY_SIZE(families) == CTRPOL_NET_FAMILY_MAX + 1, "every family of the ABI");

const struct name_table family_names = { families, ARRAY_SIZE(families), 0, "af_", false };

/* SOCK_DCCP (6) and SOCK_PACKET (10) are left to numbers: their names clash. */
static const char *const socktypes[] = {
	[SOCK_STREAM] = "stream", [SOCK_DGRAM] = "dgram", [SOCK_RAW] = "raw",
	[SOCK_RDM] = "rdm", [SOCK_SEQPACKET] = "seqpacket",
};

const struct name_table socktype_names = { socktypes, ARRAY_SIZE(socktypes), 0, "sock_", false };

static const char *const ip_protos[] = {
	[IPPROTO_ICMP] = "icmp", [IPPROTO_IGMP] = "igmp", [IPPROTO_TCP] = "tcp",
	[IPPROTO_UDP] = "udp", [IPPROTO_GRE] = "gre", [IPPROTO_ESP] = "esp", [IPPROTO_AH] = "ah",
	[IPPROTO_ICMPV6] = "icmpv6", [IPPROTO_SCTP] = "sctp", [IPPROTO_UDPLITE] = "udplite",
	[IPPROTO_MPTCP] = "mptcp",
};

const struct name_table ip_proto_names = { ip_protos, ARRAY_SIZE(ip_protos), 0, "ipproto_", false };

/* The obsolete ones (FIREWALL, IP6_FW, DNRTMSG) are gone from Linux: no name. */
static const char *const netlink_protos[] = {
	[NETLINK_ROUTE] = "route", [NETLINK_USERSOCK] = "usersock",
	[NETLINK_SOCK_DIAG] = "sock_diag", [NETLINK_NFLOG] = "nflog", [NETLINK_XFRM] = "xfrm",
	[NETLINK_SELINUX] = "selinux", [NETLINK_ISCSI] = "iscsi", [NETLINK_AUDIT] = "audit",
	[NETLINK_FIB_LOOKUP] = "fib_lookup", [NETLINK_CONNECTOR] = "connector",
	[NETLINK_NETFILTER] = "netfilter", [NETLINK_KOBJECT_UEVENT] = "kobject_uevent",
	[NETLINK_GENERIC] = "generic", [NETLINK_SCSITRANSPORT] = "scsitransport",
	[NETLINK_ECRYPTFS] = "ecryptfs", [NETLINK_RDMA] = "rdma", [NETLINK_CRYPTO] = "crypto",
};

const struct name_table netlink_proto_names = {
	netlink_protos, ARRAY_SIZE(netlink_protos), 0, "netlink_", false,
};

unsigned int ip_proto_families(unsigned int proto)
{
	/* ICMP and IGMP are IPv4's own; ICMPv6 is IPv6's.  Ping sockets use them so. */
	switch (proto) {
	case IPPROTO_ICMP:
	case IPPROTO_IGMP:
		return IP_FAMILY_INET;
	case IPPROTO_ICMPV6:
		return IP_FAMILY_INET6;
	default:
		return IP_FAMILY_INET | IP_FAMILY_INET6;
	}
}
