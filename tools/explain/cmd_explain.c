// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol explain POLICY OPERATION TARGET...: the verdict the kernel would
 * give, from the kernel's own matchers, and the rules (file:line:col) that
 * decide it.  Each class of operation is an explain_CLASS.c.
 */
#include <endian.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "compile/provenance.h"
#include "explain.h"
#include "lang/rule_text.h"
#include "util/exit_codes.h"
#include "util/report.h"

#define USAGE "usage: ctrpol explain POLICY OPERATION TARGET...\n" \
	"  PERM PATH        a file permission (read, write, exec, ...) on an absolute path\n" \
	"  cap NAME         a capability\n" \
	"  net OP [FAMILY] [TYPE] [PROTOCOL] [ADDRESS] [port N]\n" \
	"                   a socket operation: create, bind, connect, listen or send\n" \
	"  mount OP FSTYPE PATH\n" \
	"                   mount, bind, move, remount, umount or pivot_root\n" \
	"  ptrace read|trace PEER, signal SIG PEER\n" \
	"                   to a task outside the container: PEER is its profile, or unconfined\n" \
	"  kernel NAME      module_load, module_request, bpf, perf, userns, keyctl, syslog\n" \
	"  privilege NAME   root, setuid_exec"

static const struct explain_class *const classes[] = {
	&explain_cap, &explain_net, &explain_mount, &explain_ptrace, &explain_signal,
	&explain_kernel, &explain_privilege,
};

/* The class of OPERATION: a keyword, else a file permission. */
static const struct explain_class *find_class(const char *op)
{
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (!strcmp(op, classes[i]->op))
			return classes[i];
	return &explain_file;
}

static void print_deciding_rules(const struct explain_class *c, const struct question *q,
				 const struct ctrpol_blob_view *v)
{
	char text[RULE_TEXT_MAX];
	const char *target, *file;
	size_t i;

	for (i = 0; i < provenance_count(v); i++) {
		const struct ctrpol_rule_origin *o = provenance_rule(v, i, &target, &file);

		if (o->kind != c->kind || !c->names(q, o, target))
			continue;
		printf("  %s:%u:%u: %s\n", file, le32toh(o->line), le32toh(o->col),
		       rule_text(o->kind, o->flags, le32toh(o->perms), target, text, sizeof(text)));
	}
}

/* The query as typed, for the verdict line. */
static void print_query(const struct explain_class *c, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		printf("%s%s", i ? " " : "", argv[i]);
	if (c->note)
		printf(" (%s)", c->note);
}

/* Deny wins; what no rule names takes the profile's default, or is denied. */
static bool print_verdict(const struct explain_class *c, const struct question *q,
			  const struct ctrpol_profile_section *prof)
{
	bool denied = q->said.deny ||
		      (!q->said.allow && (!c->by_default || prof->default_action == CTRPOL_DEFAULT_DENY));

	printf(": %s", denied ? "denied" : "allowed");
	if (!q->said.deny && !q->said.allow)
		printf(c->by_default ? " by the profile's default (no rule names it)" :
		       " (no rule allows it, whatever the profile's default)");
	if (denied && prof->mode == CTRPOL_MODE_COMPLAIN)
		printf("; profile %s is in complain mode: the kernel allows it and records it",
		       prof->name);
	printf("%s\n", q->said.audit ? " (audited)" : "");
	return denied;
}

int cmd_explain(int argc, char **argv)
{
	struct diag d = { .out = stderr };
	const struct explain_class *c;
	struct question q = { 0 };
	struct policy_file pf;
	bool denied;
	int ret;

	if (argc < 4)
		return report_usage("explain", USAGE);
	c = find_class(argv[2]);
	ret = c->parse(&q, argc - 2, argv + 2);
	if (ret)
		return ret;
	if (policy_file_load(argv[1], &d, &pf))
		return CTRPOL_EXIT_POLICY;
	c->decide(&q, &pf.view);
	print_query(c, argc - 2, argv + 2);
	denied = print_verdict(c, &q, pf.view.profile);
	print_deciding_rules(c, &q, &pf.view);
	ret = denied && pf.view.profile->mode == CTRPOL_MODE_ENFORCE ? CTRPOL_EXIT_FAILED :
								      CTRPOL_EXIT_OK;
	policy_file_free(&pf);
	return ret;
}
