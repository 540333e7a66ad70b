// SPDX-License-Identifier: GPL-2.0
#include <endian.h>
#include <string.h>
#include <sys/socket.h>

#include "event_rules.h"

static void say_perms(const struct ctrpol_perms *p, uint64_t requested, struct event_rules *out)
{
	out->allow = le32toh(p->allow) & requested;
	out->deny = le32toh(p->deny) & requested;
}

/* Matched as the mount hooks match: the string "/" FSTYPE PATH, walked in pieces. */
static void say_mount(const struct ctrpol_dfa_view *dfa, const struct ctrpol_event *ev,
		      struct event_rules *out)
{
	uint32_t state = ctrpol_dfa_walk(dfa, CTRPOL_DFA_START, "/", 1);

	state = ctrpol_dfa_walk(dfa, state, ev->fstype, strlen(ev->fstype));
	state = ctrpol_dfa_walk(dfa, state, ev->path, strlen(ev->path));
	say_perms(&dfa->perms[le32toh(dfa->accept[state])], ev->requested, out);
}

void event_net_query(const struct ctrpol_event *ev, uint16_t op, struct ctrpol_net_query *q)
{
	memset(q, 0, sizeof(*q));
	q->op = op;
	q->family = (uint8_t)ev->family;
	q->type = (uint8_t)ev->sock_type;
	q->protocol = ev->protocol;
	if (ev->addr_len == 4 || ev->addr_len == 16)
		ctrpol_net_set_addr(q, ev->addr_len == 4 ? AF_INET : AF_INET6, ev->addr, ev->port);
}

/* The verdict of each requested bit, one query each: these rule tables decide one operation. */
static void say_each_op(const struct ctrpol_blob_view *v, const struct ctrpol_event *ev,
			struct event_rules *out)
{
	uint64_t bit;

	for (bit = 1; bit && bit <= ev->requested; bit <<= 1) {
		struct ctrpol_rules_verdict said;

		if (!(ev->requested & bit))
			continue;
		if (ev->cls == CTRPOL_RULE_NET) {
			struct ctrpol_net_query q;

			event_net_query(ev, (uint16_t)bit, &q);
			ctrpol_net_decide(v, &q, &said);
		} else {
			struct ctrpol_peer_query q = {
				(uint8_t)bit,
				ev->signal >= 1 && ev->signal <= 64 ? 1ULL << (ev->signal - 1) : 0,
				ev->peer_profile ? ev->peer_profile : "",
			};

			ctrpol_peer_decide(v, &q, &said);
		}
		out->allow |= said.allow ? bit : 0;
		out->deny |= said.deny ? bit : 0;
	}
}

void event_rules_say(const struct ctrpol_blob_view *v, const struct ctrpol_event *ev,
		     struct event_rules *out)
{
	out->allow = out->deny = 0;
	switch (ev->cls) {
	case CTRPOL_RULE_FILE:
		if (ev->path)
			say_perms(&v->files.perms[ctrpol_dfa_match(&v->files, ev->path,
								   strlen(ev->path))],
				  ev->requested, out);
		break;
	case CTRPOL_RULE_MOUNT:
		if (ev->path && ev->fstype && ev->fstype[0])
			say_mount(&v->mounts, ev, out);
		break;
	case CTRPOL_RULE_CAP:
		out->allow = le64toh(v->caps->allow) & ev->requested;
		out->deny = le64toh(v->caps->deny) & ev->requested;
		break;
	case CTRPOL_RULE_KERNEL:
		out->allow = le32toh(v->kernel->allow) & ev->requested;
		out->deny = le32toh(v->kernel->deny) & ev->requested;
		break;
	case CTRPOL_RULE_NET:
	case CTRPOL_RULE_PEER:
		say_each_op(v, ev, out);
		break;
	}
}
