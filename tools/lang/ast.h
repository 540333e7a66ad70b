/* SPDX-License-Identifier: GPL-2.0 */
/* A parsed policy: one profile's settings and rules, with where each came from. */
#ifndef CTRPOL_AST_H
#define CTRPOL_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/ctrpol.h>
#include "diag.h"
#include "net_rule.h"
#include "source.h"

/*
 * What every rule has, whatever its class: the first member of each rule, so
 * that lint and provenance treat all classes alike (see struct rule_list).
 */
struct rule_head {
	struct loc at;		/* what a diagnostic about the whole rule points at */
	bool deny, audit;
	uint32_t perms;		/* the class's bits (CTRPOL_FILE_*, ...), or a capability number */
	char *target;		/* the rest of the rule as canonical text; NULL for none */
};

/*
 * A rule compiled into a DFA: a file rule (its glob is target, at points at
 * it) or a mount rule (target is "[fstype T,...] on GLOB").
 */
struct glob_rule {
	struct rule_head h;
	char *glob;		/* mount rules: what the DFA matches, "/" FSTYPES GLOB; else NULL */
	struct loc glob_at;	/* the source text of GLOB, quotes excluded */
	unsigned int skip;	/* bytes of the glob matched before GLOB's own ("/" FSTYPES) */
	bool expanded;		/* variables were expanded: offsets in GLOB differ from the source */
};

struct cap_rule {
	struct rule_head h;	/* perms: the capability number; at: its name */
};

struct net_rule {
	struct rule_head h;	/* perms: CTRPOL_NET_*; target: the selectors, as net_sel_format() */
	struct net_sel sel;
};

struct peer_rule {
	struct rule_head h;	/* perms: CTRPOL_PEER_*; target: "[SIGNALS ]peer NAME" */
	uint64_t signals;	/* for CTRPOL_PEER_SIGNAL, bit n - 1 for signal n; else 0 */
	char peer[CTRPOL_NAME_MAX];	/* the peer's profile; "" for unconfined tasks */
};

struct kernel_rule {
	struct rule_head h;	/* perms: CTRPOL_KERNEL_* or CTRPOL_PRIV_* */
};

struct policy {
	char name[CTRPOL_NAME_MAX];	/* "" for a fragment checked on its own */
	struct loc name_at;
	uint8_t mode;			/* enum ctrpol_mode */
	uint8_t default_action;		/* enum ctrpol_default */
	struct glob_rule *files;
	size_t nfiles;
	struct cap_rule *caps;
	size_t ncaps;
	struct net_rule *net;
	size_t nnet;
	struct glob_rule *mounts;
	size_t nmounts;
	struct peer_rule *peers;
	size_t npeers;
	struct kernel_rule *kernel;
	size_t nkernel;
	struct source *sources;		/* every file read, for diagnostics */
};

/* The rules of one class, seen through their heads. */
struct rule_list {
	uint8_t kind;		/* enum ctrpol_rule_kind */
	const void *rules;
	size_t n, size;		/* rules and the size of one */
};

#define POLICY_RULE_KINDS CTRPOL_RULE_KERNEL

/* The profile's rules class by class, lists[kind - 1] for each enum ctrpol_rule_kind. */
void policy_rule_lists(const struct policy *p, struct rule_list lists[POLICY_RULE_KINDS]);

static inline const struct rule_head *rule_at(const struct rule_list *l, size_t i)
{
	return (const struct rule_head *)((const char *)l->rules + i * l->size);
}

/* Rules of every class in p. */
size_t policy_nrules(const struct policy *p);

/*
 * Parse the policy in path and the files it includes.  A file without a
 * profile is a fragment: accepted (unnamed) only when fragment_ok.
 * Returns NULL when d reports errors.
 */
struct policy *policy_parse(const char *path, bool fragment_ok, struct diag *d);
/* Whether name is a valid profile name, as the policy language and the kernel accept it. */
bool policy_name_valid(const char *name);
void policy_free(struct policy *p);

#endif
