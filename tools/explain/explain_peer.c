// SPDX-License-Identifier: GPL-2.0
/*
 * Explaining ptrace and signals to a task outside the container; inside it
 * they are always allowed (capabilities permitting), which no offline query
 * can see, so every query is about a task outside.
 */
#include <endian.h>
#include <string.h>

#include "explain.h"
#include "lang/rule_text.h"
#include "util/exit_codes.h"

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

static struct ctrpol_peer_query peer_query(const struct question *q)
{
	return (struct ctrpol_peer_query){ (uint8_t)q->op, q->signal, q->peer };
}

static void decide_peer(struct question *q, const struct ctrpol_blob_view *v)
{
	const struct ctrpol_peer_query pq = peer_query(q);
	ctrpol_peer_decide(v, &pq, &q->said);
}

/* The rule is read back from its target and matched as its binary rule is. */
static bool peer_names(const struct question *q, const struct ctrpol_rule_origin *o,
		       const char *target)
{
	const struct ctrpol_peer_query pq = peer_query(q);
	struct ctrpol_peer_rule r = { .ops = (uint8_t)le32toh(o->perms) };
	uint64_t signals;

	if (peer_target_parse(target, &signals, r.peer))
		return false;
	r.signals = htole64(signals);
	r.flags = r.peer[0] ? 0 : CTRPOL_PEER_UNCONFINED;
	return ctrpol_peer_match(&r, &pq);
}

#define OUTSIDE "a task outside the container"

const struct explain_class explain_ptrace = {
	"ptrace", CTRPOL_RULE_PEER, false, OUTSIDE, parse_ptrace, decide_peer, peer_names,
};

const struct explain_class explain_signal = {
	"signal", CTRPOL_RULE_PEER, false, OUTSIDE, parse_signal, decide_peer, peer_names,
};
