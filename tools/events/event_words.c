// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "event_words.h"
#include "lang/names.h"

const char *event_verdict_name(unsigned int verdict)
{
	switch (verdict) {
	case CTRPOL_VERDICT_DENIED:
		return "denied";
	case CTRPOL_VERDICT_COMPLAINED:
		return "complained";
	case CTRPOL_VERDICT_AUDITED:
		return "audited";
	default:
		return NULL;
	}
}

static const char *perm_name(unsigned int cls, unsigned int bit)
{
	switch (cls) {
	case CTRPOL_RULE_FILE:
		return name_of(&file_perm_names, bit);
	case CTRPOL_RULE_CAP:
		return name_of(&cap_names, bit);
	case CTRPOL_RULE_NET:
		return name_of(&net_op_names, bit);
	case CTRPOL_RULE_MOUNT:
		return name_of(&mount_op_names, bit);
	case CTRPOL_RULE_PEER:
		/* Signals have a statement of their own, `signal`, not a ptrace mode. */
		return (1ULL << bit) == CTRPOL_PEER_SIGNAL ? "signal" : name_of(&ptrace_names, bit);
	case CTRPOL_RULE_KERNEL:
		return name_of(&kernel_names, bit) ? name_of(&kernel_names, bit) :
		       name_of(&priv_names, bit);
	default:
		return NULL;
	}
}

const char *event_perm_name(unsigned int cls, unsigned int bit, char number[EVENT_BIT_SIZE])
{
	const char *name = perm_name(cls, bit);

	if (name)
		return name;
	snprintf(number, EVENT_BIT_SIZE, "%u", bit % 64);
	return number;
}

void event_net_sel(const struct ctrpol_event *ev, struct net_sel *sel)
{
	memset(sel, 0, sizeof(*sel));
	sel->family = (uint8_t)ev->family;
	sel->type = (uint8_t)ev->sock_type;
	sel->protocol = ev->protocol;
	/* Protocol 0 is the family's default, which rules leave out; not netlink's (route). */
	sel->has_protocol = ev->protocol || ev->family == AF_NETLINK;
	sel->has_addr = ev->addr_len != 0;
	sel->prefix = ev->addr_len * 8;
	memcpy(sel->addr, ev->addr, ev->addr_len);
	sel->has_port = ev->addr_len != 0;
	sel->port_min = sel->port_max = ev->port;
}

const char *event_signal_name(const struct ctrpol_event *ev)
{
	return ev->has_signal && ev->signal ? name_of(&signal_names, ev->signal - 1) : NULL;
}

const char *event_time_text(uint64_t ns, char *buf, size_t size)
{
	/* 2^64 ns is in the year 2554: gmtime_r() and the format always fit. */
	time_t secs = (time_t)(ns / 1000000000);
	struct tm tm;
	size_t len;

	gmtime_r(&secs, &tm);
	len = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + len, size - len, ".%06uZ", (unsigned int)(ns % 1000000000 / 1000));
	return buf;
}
