// SPDX-License-Identifier: GPL-2.0
/* CTRPOL_CMD_EVENT messages decoded, checked as strictly as the replies to requests. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netlink/genl/genl.h>

#include "event.h"

/* Strings the ABI bounds are refused past their bound; the others are bounded by the message. */
#define SOURCE_SIZE		256	/* the ABI's 255 bytes at most of a mount's source, a NUL */
#define STRING			{ .type = NLA_STRING }
#define BOUNDED_STRING(max)	{ .type = NLA_STRING, .maxlen = (max) }

static struct nla_policy top_policy[CTRPOL_A_MAX + 1] = {
	[CTRPOL_A_EVENT] = { .type = NLA_NESTED },
};

static struct nla_policy event_policy[CTRPOL_EV_MAX + 1] = {
	[CTRPOL_EV_TIME] = CTRPOL_POLICY_U64,
	[CTRPOL_EV_VERDICT] = CTRPOL_POLICY_U8,
	[CTRPOL_EV_CLASS] = CTRPOL_POLICY_U8,
	[CTRPOL_EV_REQUESTED] = CTRPOL_POLICY_U64,
	[CTRPOL_EV_DENIED] = CTRPOL_POLICY_U64,
	[CTRPOL_EV_PROFILE] = BOUNDED_STRING(CTRPOL_NAME_MAX),
	[CTRPOL_EV_CGROUP_ID] = CTRPOL_POLICY_U64,
	[CTRPOL_EV_CGROUP_PATH] = STRING,
	[CTRPOL_EV_PID] = CTRPOL_POLICY_U32,
	[CTRPOL_EV_TGID] = CTRPOL_POLICY_U32,
	[CTRPOL_EV_UID] = CTRPOL_POLICY_U32,
	[CTRPOL_EV_COMM] = STRING,
	[CTRPOL_EV_EXE] = STRING,
	[CTRPOL_EV_PATH] = BOUNDED_STRING(CTRPOL_MAX_PATH),
	[CTRPOL_EV_FSTYPE] = STRING,
	[CTRPOL_EV_CAPABILITY] = CTRPOL_POLICY_U8,
	[CTRPOL_EV_FAMILY] = CTRPOL_POLICY_U16,
	[CTRPOL_EV_SOCK_TYPE] = CTRPOL_POLICY_U16,
	[CTRPOL_EV_PROTOCOL] = CTRPOL_POLICY_U16,
	[CTRPOL_EV_ADDR] = { .type = NLA_UNSPEC, .minlen = 4, .maxlen = 16 },
	[CTRPOL_EV_PORT] = CTRPOL_POLICY_U16,
	[CTRPOL_EV_PEER_PID] = CTRPOL_POLICY_U32,
	[CTRPOL_EV_PEER_PROFILE] = BOUNDED_STRING(CTRPOL_NAME_MAX),
	[CTRPOL_EV_SIGNAL] = CTRPOL_POLICY_U32,
	[CTRPOL_EV_SUPPRESSED] = CTRPOL_POLICY_U64,
	[CTRPOL_EV_SOURCE] = BOUNDED_STRING(SOURCE_SIZE),
	[CTRPOL_EV_BOUNDARY] = { .type = NLA_FLAG },
};

/* What every event has, whatever its class. */
static const int required[] = {
	CTRPOL_EV_TIME, CTRPOL_EV_VERDICT, CTRPOL_EV_CLASS, CTRPOL_EV_REQUESTED,
	CTRPOL_EV_PROFILE, CTRPOL_EV_CGROUP_ID, CTRPOL_EV_PID,
};

/* A string attribute; NULL where the kernel sent none, or an empty one (it could not spell it). */
static const char *string_or_null(struct nlattr *nla)
{
	return nla && *nla_get_string(nla) ? nla_get_string(nla) : NULL;
}

/* The address, of the size its family has; false when they disagree. */
static bool take_address(struct nlattr *nla, struct ctrpol_event *ev)
{
	int len = nla_len(nla);

	if (len != (ev->family == AF_INET ? 4 : ev->family == AF_INET6 ? 16 : -1))
		return false;
	ev->addr_len = (uint8_t)len;
	memcpy(ev->addr, nla_data(nla), len);
	return true;
}

/* The numbers and strings of the socket, which a NET event carries. */
static bool take_socket(struct nlattr **a, struct ctrpol_event *ev)
{
	if (a[CTRPOL_EV_FAMILY])
		ev->family = nla_get_u16(a[CTRPOL_EV_FAMILY]);
	if (a[CTRPOL_EV_SOCK_TYPE])
		ev->sock_type = nla_get_u16(a[CTRPOL_EV_SOCK_TYPE]);
	if (a[CTRPOL_EV_PROTOCOL])
		ev->protocol = nla_get_u16(a[CTRPOL_EV_PROTOCOL]);
	if (a[CTRPOL_EV_PORT])
		ev->port = nla_get_u16(a[CTRPOL_EV_PORT]);
	/* Linux has no family nor socket type above 255, and rules hold them in a byte. */
	if (ev->family > UINT8_MAX || ev->sock_type > UINT8_MAX)
		return false;
	return !a[CTRPOL_EV_ADDR] || take_address(a[CTRPOL_EV_ADDR], ev);
}

int event_decode(struct nlmsghdr *nlh, struct ctrpol_event *ev)
{
	struct nlattr *top[CTRPOL_A_MAX + 1], *a[CTRPOL_EV_MAX + 1];
	size_t i;

	memset(ev, 0, sizeof(*ev));
	if (genlmsg_parse(nlh, 0, top, CTRPOL_A_MAX, top_policy) < 0 ||
	    genlmsg_hdr(nlh)->cmd != CTRPOL_CMD_EVENT || !top[CTRPOL_A_EVENT] ||
	    !ctrpol_nl_whole_attrs(top[CTRPOL_A_EVENT]) ||
	    nla_parse_nested(a, CTRPOL_EV_MAX, top[CTRPOL_A_EVENT], event_policy) < 0)
		return -EBADMSG;
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!a[required[i]])
			return -EBADMSG;
	ev->time_ns = nla_get_u64(a[CTRPOL_EV_TIME]);
	ev->verdict = nla_get_u8(a[CTRPOL_EV_VERDICT]);
	ev->cls = nla_get_u8(a[CTRPOL_EV_CLASS]);
	ev->requested = nla_get_u64(a[CTRPOL_EV_REQUESTED]);
	if (a[CTRPOL_EV_DENIED])
		ev->denied = nla_get_u64(a[CTRPOL_EV_DENIED]);
	ev->profile = nla_get_string(a[CTRPOL_EV_PROFILE]);
	ev->cgroup_id = nla_get_u64(a[CTRPOL_EV_CGROUP_ID]);
	ev->cgroup_path = string_or_null(a[CTRPOL_EV_CGROUP_PATH]);
	ev->pid = nla_get_u32(a[CTRPOL_EV_PID]);
	if (a[CTRPOL_EV_TGID])
		ev->tgid = nla_get_u32(a[CTRPOL_EV_TGID]);
	if (a[CTRPOL_EV_UID])
		ev->uid = nla_get_u32(a[CTRPOL_EV_UID]);
	ev->comm = string_or_null(a[CTRPOL_EV_COMM]);
	ev->exe = string_or_null(a[CTRPOL_EV_EXE]);
	ev->path = string_or_null(a[CTRPOL_EV_PATH]);
	ev->boundary = a[CTRPOL_EV_BOUNDARY];
	/* An fstype that is no valid name is "", not absent. */
	ev->fstype = a[CTRPOL_EV_FSTYPE] ? nla_get_string(a[CTRPOL_EV_FSTYPE]) : NULL;
	ev->source = string_or_null(a[CTRPOL_EV_SOURCE]);
	ev->has_capability = a[CTRPOL_EV_CAPABILITY];
	if (ev->has_capability)
		ev->capability = nla_get_u8(a[CTRPOL_EV_CAPABILITY]);
	ev->has_peer = a[CTRPOL_EV_PEER_PID];
	if (ev->has_peer)
		ev->peer_pid = nla_get_u32(a[CTRPOL_EV_PEER_PID]);
	ev->peer_profile = string_or_null(a[CTRPOL_EV_PEER_PROFILE]);
	ev->has_signal = a[CTRPOL_EV_SIGNAL];
	if (ev->has_signal)
		ev->signal = nla_get_u32(a[CTRPOL_EV_SIGNAL]);
	if (a[CTRPOL_EV_SUPPRESSED])
		ev->suppressed = nla_get_u64(a[CTRPOL_EV_SUPPRESSED]);
	return take_socket(a, ev) ? 0 : -EBADMSG;
}
