// SPDX-License-Identifier: GPL-2.0
/* ctrpol check [--werror] FILE...: syntax, lints, and a trial compile. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "compile/compiler.h"
#include "lang/lint.h"
#include "lang/rule_text.h"
#include "util/exit_codes.h"
#include "util/report.h"

/* "N rules (N file, N network, ...)", the classes without rules left out. */
static void print_counts(const struct policy *p)
{
	struct rule_list lists[POLICY_RULE_KINDS];
	const char *sep = " (";
	size_t k;

	policy_rule_lists(p, lists);
	printf("%zu rule%s", policy_nrules(p), policy_nrules(p) == 1 ? "" : "s");
	for (k = 0; k < POLICY_RULE_KINDS; k++) {
		if (!lists[k].n)
			continue;
		printf("%s%zu %s", sep, lists[k].n, rule_kind_noun(lists[k].kind));
		sep = ", ";
	}
	if (policy_nrules(p))
		printf(")");
}

/* Check one file; fragments (no profile) are checked as rules of an unnamed profile. */
static void check_one(const char *path, struct diag *d)
{
	unsigned int errors = d->errors, warnings = d->warnings;
	struct policy *p = policy_parse(path, true, d);
	void *blob = NULL;
	size_t size = 0;

	if (!p)
		return;	/* policy_parse() said why */
	policy_lint(p, d);
	/* The compile finds what only the DFA construction can: limits, glob syntax. */
	if (!policy_compile(p, d, &blob, &size))
		free(blob);
	if (d->errors == errors) {
		warnings = d->warnings - warnings;
		printf("%s: ok: %s%s, ", path, p->name[0] ? "profile " : "fragment", p->name);
		print_counts(p);
		printf(", %u warning%s\n", warnings, warnings == 1 ? "" : "s");
	}
	policy_free(p);
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = { { "werror", no_argument, NULL, 'W' }, { 0 } };
	struct diag d = { .out = stderr };
	int c, werror = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'W')
			return report_usage("check", "usage: ctrpol check [--werror] FILE...");
		werror = 1;
	}
	if (optind == argc)
		return report_usage("check", "usage: ctrpol check [--werror] FILE...");
	for (; optind < argc; optind++)
		check_one(argv[optind], &d);
	return d.errors || (werror && d.warnings) ? CTRPOL_EXIT_POLICY : CTRPOL_EXIT_OK;
}
