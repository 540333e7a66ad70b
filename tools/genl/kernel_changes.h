/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The requests that change the LSM's policy, one request each.  They need
 * CAP_MAC_ADMIN besides CAP_NET_ADMIN, from a task no profile confines.
 * Each returns 0 or a negative errno, with the kernel's message in
 * nl->extack (see ctrpol_nl_send).
 */
#ifndef CTRPOL_KERNEL_CHANGES_H
#define CTRPOL_KERNEL_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "genl_client.h"

/* A compiled profile, size bytes at blob (at most CTRPOL_MAX_BLOB_SIZE). */
struct kernel_blob {
	const void *blob;
	size_t size;
};

/*
 * Load n compiled profiles, all or none, in one request (at most
 * CTRPOL_MAX_LOAD_BLOBS, CTRPOL_MAX_LOAD_SIZE bytes together), each in
 * pieces of CTRPOL_BLOB_CHUNK_MAX bytes; flags are enum ctrpol_load_flags.
 */
int kernel_load(struct ctrpol_nl *nl, const struct kernel_blob *blobs, size_t n, uint32_t flags);

/* The request kernel_load() sends (NULL when out of memory); for tests. */
struct nl_msg *kernel_load_msg(const struct ctrpol_nl *nl, const struct kernel_blob *blobs,
			       size_t n, uint32_t flags);

int kernel_unload(struct ctrpol_nl *nl, const char *name);

/*
 * Confine the cgroup v2 whose id is cgroup_id, and its descendants, with
 * profile name; flags are enum ctrpol_attach_flags.
 */
int kernel_attach(struct ctrpol_nl *nl, uint64_t cgroup_id, const char *name, uint32_t flags);

int kernel_detach(struct ctrpol_nl *nl, uint64_t cgroup_id);

#endif
