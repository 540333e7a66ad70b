// SPDX-License-Identifier: GPL-2.0
/* Explaining what the blob holds as sets of bits: capabilities, kernel surfaces, privileges. */
#include <endian.h>
#include <string.h>

#include "explain.h"
#include "util/exit_codes.h"

/* cap NAME */
static int parse_cap(struct question *q, int argc, char **argv)
{
	int cap;

	if (argc != 2)
		return explain_usage("expected one capability after 'cap'");
	cap = name_lookup(&cap_names, argv[1], strlen(argv[1]));
	if (cap < 0)
		return explain_usage("unknown capability '%s'", argv[1]);
	q->op = (uint32_t)cap;
	return 0;
}

static void decide_cap(struct question *q, const struct ctrpol_blob_view *v)
{
	uint64_t bit = 1ULL << q->op;

	q->said.allow = le64toh(v->caps->allow) & bit;
	q->said.deny = le64toh(v->caps->deny) & bit;
	q->said.audit = le64toh(v->caps->audit) & bit;
}

static bool cap_names_it(const struct question *q, const struct ctrpol_rule_origin *o,
			 const char *target)
{
	(void)target;
	return le32toh(o->perms) == q->op;
}

const struct explain_class explain_cap = {
	"cap", CTRPOL_RULE_CAP, true, NULL, parse_cap, decide_cap, cap_names_it,
};

/* kernel NAME, privilege NAME: one bit of the KERNEL section. */
static int parse_kernel_bit(struct question *q, int argc, char **argv)
{
	bool priv = !strcmp(argv[0], "privilege");

	if (argc != 2)
		return explain_usage("expected one name after '%s'", argv[0]);
	q->op = (uint32_t)explain_one_name(priv ? &priv_names : &kernel_names,
					   priv ? "privilege" : "kernel surface", argv[1]);
	return q->op ? 0 : CTRPOL_EXIT_USAGE;
}

static void decide_kernel_bit(struct question *q, const struct ctrpol_blob_view *v)
{
	q->said.allow = le32toh(v->kernel->allow) & q->op;
	q->said.deny = le32toh(v->kernel->deny) & q->op;
	q->said.audit = le32toh(v->kernel->audit) & q->op;
}

static bool kernel_names_it(const struct question *q, const struct ctrpol_rule_origin *o,
			    const char *target)
{
	(void)target;
	return le32toh(o->perms) & q->op;
}

const struct explain_class explain_kernel = {
	"kernel", CTRPOL_RULE_KERNEL, true, NULL, parse_kernel_bit, decide_kernel_bit,
	kernel_names_it,
};

const struct explain_class explain_privilege = {
	"privilege", CTRPOL_RULE_KERNEL, true, NULL, parse_kernel_bit, decide_kernel_bit,
	kernel_names_it,
};
