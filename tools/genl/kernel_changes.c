// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "kernel_changes.h"

/* A request that failed to build is dropped: ctrpol_nl_send(NULL) is -ENOMEM. */
static struct nl_msg *drop(struct nl_msg *msg)
{
	nlmsg_free(msg);
	return NULL;
}

struct nl_msg *kernel_load_msg(const struct ctrpol_nl *nl, const struct kernel_blob *blobs,
			       size_t n, uint32_t flags)
{
	size_t chunks = 0, i, off, len;
	struct nl_msg *msg;

	for (i = 0; i < n; i++)
		chunks += (blobs[i].size + CTRPOL_BLOB_CHUNK_MAX - 1) / CTRPOL_BLOB_CHUNK_MAX;
	msg = ctrpol_nl_msg(nl, CTRPOL_CMD_LOAD, chunks * nla_total_size(CTRPOL_BLOB_CHUNK_MAX) +
			    nla_total_size(sizeof(flags)));
	/* One attribute holds at most 64 KiB: the kernel joins the pieces, then splits the blobs. */
	for (i = 0; msg && i < n; i++)
		for (off = 0; msg && off < blobs[i].size; off += len) {
			len = blobs[i].size - off < CTRPOL_BLOB_CHUNK_MAX ? blobs[i].size - off :
									   CTRPOL_BLOB_CHUNK_MAX;
			if (nla_put(msg, CTRPOL_A_BLOB, len, (const char *)blobs[i].blob + off) < 0)
				msg = drop(msg);
		}
	if (msg && flags && nla_put_u32(msg, CTRPOL_A_FLAGS, flags) < 0)
		msg = drop(msg);
	return msg;
}

int kernel_load(struct ctrpol_nl *nl, const struct kernel_blob *blobs, size_t n, uint32_t flags)
{
	return ctrpol_nl_send(nl, kernel_load_msg(nl, blobs, n, flags), NULL, NULL);
}

/* A request naming a profile, a cgroup, or both (NULL, 0: not named). */
/* cmd with those of name, cgroup_id and flags that are not 0. */
static int send_names(struct ctrpol_nl *nl, uint8_t cmd, const char *name, uint64_t cgroup_id,
		      uint32_t flags)
{
	struct nl_msg *msg;

	msg = ctrpol_nl_msg(nl, cmd, nla_total_size(sizeof(cgroup_id)) +
			    nla_total_size(sizeof(flags)) +
			    (name ? nla_total_size(strlen(name) + 1) : 0));
	if (msg && cgroup_id && nla_put_u64(msg, CTRPOL_A_CGROUP_ID, cgroup_id) < 0)
		msg = drop(msg);
	if (msg && name && nla_put_string(msg, CTRPOL_A_NAME, name) < 0)
		msg = drop(msg);
	if (msg && flags && nla_put_u32(msg, CTRPOL_A_FLAGS, flags) < 0)
		msg = drop(msg);
	return ctrpol_nl_send(nl, msg, NULL, NULL);
}

int kernel_unload(struct ctrpol_nl *nl, const char *name)
{
	return send_names(nl, CTRPOL_CMD_UNLOAD, name, 0, 0);
}

int kernel_attach(struct ctrpol_nl *nl, uint64_t cgroup_id, const char *name, uint32_t flags)
{
	return send_names(nl, CTRPOL_CMD_ATTACH, name, cgroup_id, flags);
}

int kernel_detach(struct ctrpol_nl *nl, uint64_t cgroup_id)
{
	return send_names(nl, CTRPOL_CMD_DETACH, NULL, cgroup_id, 0);
}
