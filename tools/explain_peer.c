// SPDX-License-Identifier: GPL-2.0
/*
 * Explaining ptrace and signals to a task outside the container; inside it
 * they are always allowed (capabilities permitting), which no offline query
 * can see, so every query is about a task outside.
 */
#include <endian.h>
#include <string.h>

#include "explain.h"
#include "lib/exit_codes.h"
#include "lib/rule_text.h"

/* [peer] NAME: a profile, or unconfined. */
static int parse_peer_name(struct question *q, int argc, char **argv)
{
	const char *name = argv[2];
	size_t i, len;

	if (argc == 4 && !strcmp(argv[2], "peer"))
		name = argv[3];
	else if (argc != 3)
		return explain_usage("expected '%s %s PEER', PEER a profile or unconfined",
				     argv[0], argv[0][0] == 's' ? "SIG" : "read|trace");
	len = strlen(name);
	for (i = 0; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-",
			    name[i]))
			break;
	if (!len || i < len || len >= CTRPOL_NAME_MAX)
		return explain_usage("'%s' is not a profile name, nor unconfined", name);
	memset(q->peer, 0, sizeof(q->peer));
	if (strcmp(name, "unconfined"))
		memcpy(q->peer, name, len);
	return 0;
}

/* ptrace read|trace [peer] NAME */
static int parse_ptrace(struct question *q, int argc, char **argv)
{
	if (argc < 3)
		return parse_peer_name(q, argc, argv);
	q->op = (uint32_t)explain_one_name(&ptrace_names, "ptrace mode", argv[1]);
	return q->op ? parse_peer_name(q, argc, argv) : CTRPOL_EXIT_USAGE;
}

/* signal SIG [peer] NAME */
static int parse_signal(struct question *q, int argc, char **argv)
{
	if (argc < 3)
		return parse_peer_name(q, argc, argv);
	q->op = CTRPOL_PEER_SIGNAL;
	q->signal = explain_one_name(&signal_names, "signal", argv[1]);
	return q->signal ? parse_peer_name(q, argc, argv) : CTRPOL_EXIT_USAGE;
}

/* Whether a rule's peer, signals and operations take in q. */
static bool peer_match(const struct question *q, uint32_t ops, uint64_t signals, bool unconfined,
		       const char *peer)
{
	if (!(ops & q->op) || ((q->op & CTRPOL_PEER_SIGNAL) && !(signals & q->signal)))
		return false;
	return q->peer[0] ? !unconfined && !strncmp(peer, q->peer, CTRPOL_NAME_MAX) : unconfined;
}

static void decide_peer(struct question *q, const struct ctrpol_blob_view *v)
{
	uint32_t i;

	for (i = 0; i < v->npeers; i++) {
		const struct ctrpol_peer_rule *r = &v->peers[i];

		if (!peer_match(q, r->ops, le64toh(r->signals), r->flags & CTRPOL_PEER_UNCONFINED,
				r->peer))
			continue;
		*(r->flags & CTRPOL_RULE_DENY ? &q->deny : &q->allow) = true;
		q->audit |= r->flags & CTRPOL_RULE_AUDIT;
	}
}

static bool peer_names(const struct question *q, const struct ctrpol_rule_origin *o,
		       const char *target)
{
	char peer[CTRPOL_NAME_MAX];
	uint64_t signals;

	return !peer_target_parse(target, &signals, peer) &&
	       peer_match(q, le32toh(o->perms), signals, !peer[0], peer);
}

#define OUTSIDE "a task outside the container"

const struct explain_class explain_ptrace = {
	"ptrace", CTRPOL_RULE_PEER, false, OUTSIDE, parse_ptrace, decide_peer, peer_names,
};

const struct explain_class explain_signal = {
	"signal", CTRPOL_RULE_PEER, false, OUTSIDE, parse_signal, decide_peer, peer_names,
};
