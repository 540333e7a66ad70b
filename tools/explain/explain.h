/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `ctrpol explain`: one class of operation per explain_CLASS.c, each saying
 * how to read its query, how the kernel decides it from the blob, and which
 * of the rules provenance records take part; cmd_explain.c does the rest.
 */
#ifndef CTRPOL_EXPLAIN_H
#define CTRPOL_EXPLAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "compile/policy_file.h"
#include "lang/names.h"

/* One operation to decide, and the verdict's parts once decided. */
struct question {
	uint32_t op;		/* one bit of the class's, or a capability number */
	char subject[CTRPOL_MAX_PATH + 64];	/* a path; for mounts "/" FSTYPE PATH */
	struct ctrpol_net_query net;
	uint64_t signal;	/* the bit of the signal (signal n - 1) */
	char peer[CTRPOL_NAME_MAX];	/* "" for unconfined tasks */
	struct ctrpol_rules_verdict said;	/* what the rules naming it say */
};

struct explain_class {
	const char *op;		/* the OPERATION word; NULL for file permissions, which are many */
	unsigned int kind;	/* enum ctrpol_rule_kind of the rules that decide it */
	bool by_default;	/* what no rule names gets the profile's default (else: denied) */
	const char *note;	/* said of every query, after it; or NULL */
	/*
	 * Read the query: argv[0] is OPERATION, the rest its arguments.  Returns
	 * 0, or an exit status after reporting a bad command line.
	 */
	int (*parse)(struct question *q, int argc, char **argv);
	/* Set q's allow, deny and audit as the kernel would, from the blob alone. */
	void (*decide)(struct question *q, const struct ctrpol_blob_view *v);
	/* Whether the rule recorded as o (with its target) names q's operation. */
	bool (*names)(const struct question *q, const struct ctrpol_rule_origin *o,
		      const char *target);
};

extern const struct explain_class explain_file, explain_mount;	/* explain_paths.c */
extern const struct explain_class explain_cap, explain_kernel, explain_privilege;	/* explain_sets.c */
extern const struct explain_class explain_net;			/* explain_net.c */
extern const struct explain_class explain_ptrace, explain_signal;	/* explain_peer.c */

/* Report a bad query (printf-style) with the usage; returns the exit status. */
int explain_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The single bit of t that word names ("all" and lists refused), or 0 after reporting. */
uint64_t explain_one_name(const struct name_table *t, const char *what, const char *word);

#endif
