/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CTRPOL_KERNEL_STATUS_H
#define CTRPOL_KERNEL_STATUS_H

#include <stdbool.h>
#include <stdint.h>

#include "genl_client.h"

/* The kernel's answer to CTRPOL_CMD_GET_STATUS. */
struct kernel_status {
	char release[33];
	uint32_t abi;
	uint64_t counters[CTRPOL_COUNTER_MAX + 1];	/* indexed by enum ctrpol_counter */
	/* Sent by kernels that load profiles; has_* say whether this one did. */
	bool has_nprofiles, has_nattachments;
	uint32_t nprofiles, nattachments;
	/* Sent by kernels that send events: the rate limit of each profile's events. */
	bool has_event_limit;
	uint32_t event_rate, event_burst;	/* per second; at once */
};

/*
 * Read a CTRPOL_CMD_GET_STATUS reply (attributes as ctrpol_nl_parse() passes
 * them) into arg, a struct kernel_status the caller zeroed.  Returns 0, or
 * -EBADMSG when the release or ABI version is missing.
 */
int kernel_status_parse(struct nlattr **attrs, void *arg);

/* Query the LSM over nl; returns 0 or a negative errno (see ctrpol_nl_request). */
int kernel_status_get(struct ctrpol_nl *nl, struct kernel_status *ks);

#endif
