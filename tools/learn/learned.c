// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "events/event_rules.h"
#include "lang/ast.h"
#include "lang/names.h"
#include "lang/net_rule.h"
#include "lang/rule_text.h"
#include "learn_paths.h"
#include "learned.h"

/* Room for an operation as text: a rule's, and why it cannot be learned. */
#define OPERATION_TEXT_MAX (RULE_TEXT_MAX + 256)

/* What a file without a path is, for the rules: nothing they can name. */
#define NO_PATH "no path: a pipe, socket or memfd, a file outside the container's root, " \
		"or a path longer than 4,095 bytes; only the profile's default decides"

void learned_init(struct learned *l, const char *profile)
{
	memset(l, 0, sizeof(*l));
	l->profile = profile;
}

void learned_free(struct learned *l)
{
	str_map_free(&l->files);
	str_map_free(&l->net);
	str_map_free(&l->mounts);
	str_map_free(&l->ptrace);
	str_map_free(&l->signals);
	str_map_free(&l->probes);
	str_map_free(&l->refused);
	str_map_free(&l->unnamed);
}

static int or_into(struct str_map *m, const char *key, uint64_t bits)
{
	uint64_t *slot = str_map_slot(m, key);

	if (!slot)
		return -ENOMEM;
	*slot |= bits;
	return 0;
}

static int count_into(struct str_map *m, const char *key)
{
	uint64_t *slot = str_map_slot(m, key);

	if (!slot)
		return -ENOMEM;
	++*slot;
	return 0;
}

/* The selectors of a rule naming operation op of ev, and no other socket. */
static void net_selectors(const struct ctrpol_event *ev, uint16_t op, struct net_sel *sel)
{
	struct ctrpol_net_query q;

	event_net_query(ev, op, &q);
	memset(sel, 0, sizeof(*sel));
	sel->family = q.family;
	/* SOCK_DCCP and SOCK_PACKET have no name: their protocol tells them apart anyway. */
	sel->type = name_of(&socktype_names, q.type) ? q.type : 0;
	/* A Unix socket's protocol is 0 or PF_UNIX, which mean the same. */
	sel->has_protocol = q.family != AF_UNIX;
	sel->protocol = q.protocol;
	sel->port_max = 65535;
	if (q.has_addr && op != CTRPOL_NET_CREATE) {
		sel->has_addr = sel->has_port = true;
		sel->prefix = q.family == AF_INET ? 32 : 128;
		memcpy(sel->addr, q.addr, sizeof(sel->addr));
		sel->port_min = sel->port_max = q.port;
	}
}

/* The peer's name as rules spell it ("" for unconfined tasks), or NULL when none can. */
static const char *peer_name(const struct ctrpol_event *ev)
{
	if (!ev->peer_profile)
		return "";
	return policy_name_valid(ev->peer_profile) && strcmp(ev->peer_profile, "unconfined") ?
	       ev->peer_profile : NULL;
}

/* "OPS TARGET": operation bits of ev as a person reads them, the target as it was met. */
static void operation_text(const struct ctrpol_event *ev, uint64_t bits, char *buf, size_t size)
{
	char ops[1024], target[RULE_TEXT_MAX] = "";
	const char *peer = peer_name(ev);
	struct net_sel sel;

	rule_ops_text(ev->cls, (uint32_t)bits, ops, sizeof(ops));
	switch (ev->cls) {
	case CTRPOL_RULE_FILE:
		snprintf(target, sizeof(target), "%s", ev->path ? ev->path : "");
		break;
	case CTRPOL_RULE_CAP:
		snprintf(ops, sizeof(ops), "cap ");
		names_format(&cap_names, bits, ops + 4, sizeof(ops) - 4);
		break;
	case CTRPOL_RULE_NET:
		net_selectors(ev, (uint16_t)(bits & -bits), &sel);
		net_sel_format(&sel, target, sizeof(target));
		break;
	case CTRPOL_RULE_MOUNT:
		snprintf(target, sizeof(target), "fstype %s on %s", ev->fstype ? ev->fstype : "",
			 ev->path ? ev->path : "");
		break;
	case CTRPOL_RULE_PEER:
		if ((bits & CTRPOL_PEER_SIGNAL) && !ev->signal)
			snprintf(ops, sizeof(ops), "signal 0");
		peer_target_format(ev->signal && (bits & CTRPOL_PEER_SIGNAL),
				   ev->signal >= 1 && ev->signal <= 64 ? 1ULL << (ev->signal - 1) : 0,
				   peer ? peer : ev->peer_profile, target, sizeof(target));
		break;
	}
	snprintf(buf, size, "%s%s%s", ops, target[0] ? " " : "", target);
}

/* Record that the operation bits of ev cannot be learned, and why. */
static int unnamed(struct learned *l, const struct ctrpol_event *ev, uint64_t bits,
		   const char *why)
{
	char text[OPERATION_TEXT_MAX];
	size_t len;

	operation_text(ev, bits, text, sizeof(text));
	len = strlen(text);
	snprintf(text + len, sizeof(text) - len, ": %s", why);
	return count_into(&l->unnamed, text);
}

static int refused(struct learned *l, const struct ctrpol_event *ev, uint64_t bits)
{
	char text[OPERATION_TEXT_MAX];

	operation_text(ev, bits, text, sizeof(text));
	return count_into(&l->refused, text);
}

static int learn_file(struct learned *l, const struct ctrpol_event *ev, uint64_t perms)
{
	char field[CTRPOL_MAX_PATH + 2];
	struct path_glob g;
	const char *why;

	if (ev->boundary)
		return unnamed(l, ev, perms, "moving a task out of the container's cgroups, "
			       "which no rule can allow");
	if (!ev->path)
		return unnamed(l, ev, perms, NO_PATH);
	why = learn_path_glob(ev->path, &g);
	if (why || path_glob_field(&g, field, sizeof(field), &why))
		return unnamed(l, ev, perms, why);
	return or_into(&l->files, field, perms);
}

static int learn_mount(struct learned *l, const struct ctrpol_event *ev, uint64_t ops)
{
	char field[CTRPOL_MAX_PATH + 2], target[CTRPOL_MAX_PATH + FSTYPE_NAME_MAX + 16];
	struct path_glob g;
	const char *why;

	if (!ev->path)
		return unnamed(l, ev, ops, "no path: the mount point is outside the container's root");
	if (!ev->fstype || !fstype_name_valid(ev->fstype, strlen(ev->fstype)))
		return unnamed(l, ev, ops, "a filesystem type no rule can name (1 to 31 of "
			       "a-z 0-9 . _ -); only the profile's default decides");
	why = learn_path_glob(ev->path, &g);
	if (why || path_glob_field(&g, field, sizeof(field), &why))
		return unnamed(l, ev, ops, why);
	snprintf(target, sizeof(target), "fstype %s on %s", ev->fstype, field);
	return or_into(&l->mounts, target, ops);
}

static int learn_net(struct learned *l, const struct ctrpol_event *ev, uint64_t ops)
{
	char target[256];
	struct net_sel sel;
	uint64_t op;
	int err = 0;

	if (!ev->family || ev->family > CTRPOL_NET_FAMILY_MAX)
		return unnamed(l, ev, ops, "a socket family no rule can name");
	/* create names no address: its selectors may differ from the other operations'. */
	for (op = 1; !err && op <= ops; op <<= 1) {
		if (!(ops & op))
			continue;
		net_selectors(ev, (uint16_t)op, &sel);
		err = or_into(&l->net, net_sel_format(&sel, target, sizeof(target)), op);
	}
	return err;
}

static int learn_peer(struct learned *l, const struct ctrpol_event *ev, uint64_t ops)
{
	const char *peer = peer_name(ev);
	int err = 0;

	if (!peer)
		return unnamed(l, ev, ops, "the peer's profile name is not one a rule can hold");
	if (ops & (CTRPOL_PEER_READ | CTRPOL_PEER_TRACE))
		err = or_into(&l->ptrace, peer, ops & (CTRPOL_PEER_READ | CTRPOL_PEER_TRACE));
	if (err || !(ops & CTRPOL_PEER_SIGNAL))
		return err;
	if (!ev->signal)
		return or_into(&l->probes, peer, 1);
	if (ev->signal > 64)
		return unnamed(l, ev, CTRPOL_PEER_SIGNAL, "signals are numbered 1 to 64");
	return or_into(&l->signals, peer, 1ULL << (ev->signal - 1));
}

/* The bits of the ABI for a class of operation; 0 for a class this tool does not know. */
static uint64_t class_bits(uint8_t cls)
{
	switch (cls) {
	case CTRPOL_RULE_FILE:
		return CTRPOL_FILE_ALL;
	case CTRPOL_RULE_CAP:
		return CTRPOL_CAP_ALL;
	case CTRPOL_RULE_NET:
		return CTRPOL_NET_ALL;
	case CTRPOL_RULE_MOUNT:
		return CTRPOL_MOUNT_ALL;
	case CTRPOL_RULE_PEER:
		return CTRPOL_PEER_ALL;
	case CTRPOL_RULE_KERNEL:
		return CTRPOL_KERNEL_ALL;
	}
	return 0;
}

int learned_add(struct learned *l, const struct ctrpol_event *ev, const struct ctrpol_blob_view *v)
{
	uint64_t denied = ev->denied & class_bits(ev->cls), learn;
	struct event_rules said;
	int err = 0;

	if (!ev->profile || strcmp(ev->profile, l->profile))
		return 0;
	l->lost += ev->suppressed;
	if (ev->verdict != CTRPOL_VERDICT_COMPLAINED)
		return 0;
	l->events++;
	if (!denied)
		return count_into(&l->unnamed, "an event whose operation this tool cannot read: "
				  "is it older than the LSM? (ctrpol version)");
	event_rules_say(v, ev, &said);
	/* Deny wins: an allow rule would not change what a deny rule refuses. */
	if (denied & said.deny)
		err = refused(l, ev, denied & said.deny);
	learn = denied & ~said.deny;
	if (err || !learn)
		return err;
	switch (ev->cls) {
	case CTRPOL_RULE_FILE:
		return learn_file(l, ev, learn);
	case CTRPOL_RULE_CAP:
		l->caps |= learn;
		return 0;
	case CTRPOL_RULE_NET:
		return learn_net(l, ev, learn);
	case CTRPOL_RULE_MOUNT:
		return learn_mount(l, ev, learn);
	case CTRPOL_RULE_PEER:
		return learn_peer(l, ev, learn);
	default:
		l->kernel |= (uint32_t)learn;
		return 0;
	}
}
