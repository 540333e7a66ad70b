// SPDX-License-Identifier: GPL-2.0
/* ctrpol dump POLICY: what a compiled profile (or a source, compiled) holds. */
#include <endian.h>
#include <stdio.h>

#include "commands.h"
#include "compile/policy_file.h"
#include "compile/provenance.h"
#include "lang/names.h"
#include "lang/net_rule.h"
#include "lang/rule_text.h"
#include "util/exit_codes.h"
#include "util/report.h"

static void print_dfa(const char *what, const struct ctrpol_dfa *dfa)
{
	printf("  %-13s %u states, %u transitions, %u byte classes, %u permission sets\n", what,
	       le32toh(dfa->nstates), le32toh(dfa->ntrans), le16toh(dfa->nclasses),
	       le32toh(dfa->nperms));
}

/* The names of the bits of set that t names, space-separated. */
static void print_set(const char *what, const struct name_table *t, uint64_t set)
{
	unsigned int i;

	printf("    %-6s", what);
	if (!set)
		printf(" -");
	for (i = 0; i < 64; i++)
		if (set & (1ULL << i))
			printf(" %s", name_of(t, i));
	printf("\n");
}

/* allow, deny and audit sets, each limited to the bits t names. */
static void print_sets(const char *title, const struct name_table *t, uint64_t allow,
		       uint64_t deny, uint64_t audit)
{
	uint64_t mask = 0;
	unsigned int i;

	for (i = 0; i < t->n; i++)
		if (name_of(t, i))
			mask |= 1ULL << i;
	printf("  %s:\n", title);
	print_set("allow", t, allow & mask);
	print_set("deny", t, deny & mask);
	print_set("audit", t, audit & mask);
}

static void print_net(const struct ctrpol_blob_view *v)
{
	char sel[256], text[RULE_TEXT_MAX];
	struct net_sel s;
	uint32_t i;

	printf("  network rules (%u):\n", v->nnet);
	for (i = 0; i < v->nnet; i++) {
		const struct ctrpol_net_rule *r = &v->net[i];

		net_sel_from_rule(r, &s);
		printf("    %s\n", rule_text(CTRPOL_RULE_NET, r->flags, le16toh(r->ops),
					     net_sel_format(&s, sel, sizeof(sel)), text,
					     sizeof(text)));
	}
}

static void print_peers(const struct ctrpol_blob_view *v)
{
	char target[1024], text[RULE_TEXT_MAX];
	uint32_t i;

	printf("  peer rules (%u):\n", v->npeers);
	for (i = 0; i < v->npeers; i++) {
		const struct ctrpol_peer_rule *r = &v->peers[i];

		peer_target_format(r->ops & CTRPOL_PEER_SIGNAL, le64toh(r->signals), r->peer,
				   target, sizeof(target));
		printf("    %s\n", rule_text(CTRPOL_RULE_PEER, r->flags, r->ops, target, text,
					     sizeof(text)));
	}
}

static void print_rules(const struct ctrpol_blob_view *v)
{
	size_t i, n = provenance_count(v);
	char text[RULE_TEXT_MAX], where[300];
	const char *target, *file;

	printf("  rules (%zu):\n", n);
	for (i = 0; i < n; i++) {
		const struct ctrpol_rule_origin *o = provenance_rule(v, i, &target, &file);

		snprintf(where, sizeof(where), "%s:%u:%u", file, le32toh(o->line), le32toh(o->col));
		printf("    %-28s %s\n", where,
		       rule_text(o->kind, o->flags, le32toh(o->perms), target, text, sizeof(text)));
	}
}

int cmd_dump(int argc, char **argv)
{
	struct diag d = { .out = stderr };
	const struct ctrpol_blob_view *v;
	struct policy_file pf;

	if (argc != 2)
		return report_usage("dump", "usage: ctrpol dump POLICY (compiled, or a .ctp file)");
	if (policy_file_load(argv[1], &d, &pf))
		return CTRPOL_EXIT_POLICY;
	v = &pf.view;
	printf("profile %s\n", v->profile->name);
	printf("  mode:         %s\n", v->profile->mode == CTRPOL_MODE_ENFORCE ? "enforce" : "complain");
	printf("  default:      %s\n", v->profile->default_action == CTRPOL_DEFAULT_DENY ? "deny" : "allow");
	printf("  size:         %zu bytes, ABI %d, crc32 %08x\n", pf.size, CTRPOL_ABI_VERSION,
	       le32toh(((const struct ctrpol_blob_header *)pf.blob)->crc32));
	print_dfa("file DFA:", v->files.hdr);
	print_dfa("mount DFA:", v->mounts.hdr);
	print_sets("capabilities", &cap_names, le64toh(v->caps->allow), le64toh(v->caps->deny),
		   le64toh(v->caps->audit));
	print_sets("kernel", &kernel_names, le32toh(v->kernel->allow), le32toh(v->kernel->deny),
		   le32toh(v->kernel->audit));
	print_sets("privilege", &priv_names, le32toh(v->kernel->allow), le32toh(v->kernel->deny),
		   le32toh(v->kernel->audit));
	print_net(v);
	print_peers(v);
	print_rules(v);
	policy_file_free(&pf);
	return CTRPOL_EXIT_OK;
}
