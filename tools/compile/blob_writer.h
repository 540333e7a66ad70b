/* SPDX-License-Identifier: GPL-2.0 */
/* A blob in memory of its own, from sections queued with ctrpol_blob_add(). */
#ifndef CTRPOL_BLOB_WRITER_H
#define CTRPOL_BLOB_WRITER_H

#include <stddef.h>

#include "blob_layout.h"

/*
 * Returns 0 with *out (malloc'd) and *size, or -1 with *err when the blob
 * would exceed CTRPOL_MAX_BLOB_SIZE or memory runs out.
 */
int blob_finish(const struct ctrpol_blob_parts *parts, void **out, size_t *size,
		const char **err);

#endif
