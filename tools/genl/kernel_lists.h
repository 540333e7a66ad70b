/* SPDX-License-Identifier: GPL-2.0 */
/* What the LSM holds: its profiles and their attachments, as its dumps list them. */
#ifndef CTRPOL_KERNEL_LISTS_H
#define CTRPOL_KERNEL_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genl_client.h"

/* One message of CTRPOL_CMD_LIST_PROFILES; attributes the kernel left out are 0. */
struct kernel_profile {
	char name[CTRPOL_NAME_MAX];
	uint32_t mode;			/* enum ctrpol_mode */
	uint32_t blob_size;
	uint32_t nattachments;
	uint64_t counters[CTRPOL_COUNTER_MAX + 1];	/* indexed by enum ctrpol_counter */
	/* The same counters class by class, [enum ctrpol_rule_kind]; [0] is unused. */
	uint64_t class_counters[CTRPOL_RULE_KIND_MAX + 1][CTRPOL_COUNTER_MAX + 1];
};

/* One message of CTRPOL_CMD_LIST_ATTACHMENTS. */
struct kernel_attachment {
	uint64_t cgroup_id;
	char name[CTRPOL_NAME_MAX];
	bool on_exec;			/* it waits for an exec in the cgroup to confine */
};

/*
 * Read one message of CTRPOL_CMD_LIST_PROFILES (attributes as
 * ctrpol_nl_parse() passes them) into p, zeroed first.  Returns 0, or
 * -EBADMSG when it lacks the name or its class counters are malformed.
 */
int kernel_profile_parse(struct nlattr **attrs, struct kernel_profile *p);

/*
 * The profiles loaded, into a malloc'd *v of *n entries (NULL and 0 on
 * failure).  Returns 0 or a negative errno (see ctrpol_nl_dump).
 */
int kernel_profiles_get(struct ctrpol_nl *nl, struct kernel_profile **v, size_t *n);

/* The attachments, likewise. */
int kernel_attachments_get(struct ctrpol_nl *nl, struct kernel_attachment **v, size_t *n);

#endif
