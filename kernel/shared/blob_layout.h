/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Laying sections out into a blob: header, directory, 8-aligned sections,
 * CRC.  The compiler writes blobs with it; the verifier's tests, in the
 * kernel (KUnit) and in user space, build their fixtures with it.
 */
#ifndef CTRPOL_BLOB_LAYOUT_H
#define CTRPOL_BLOB_LAYOUT_H

#include "compat.h"

/**
 * struct ctrpol_blob_parts - the sections of a blob to be, in order
 * @sec: type, contents and size of each; contents stay the caller's
 * @n: sections in @sec
 */
struct ctrpol_blob_parts {
	struct {
		u32 type;
		const void *data;
		size_t size;
	} sec[CTRPOL_MAX_SECTIONS];
	unsigned int n;
};

void ctrpol_blob_add(struct ctrpol_blob_parts *parts, u32 type, const void *data, size_t size);
size_t ctrpol_blob_size(const struct ctrpol_blob_parts *parts);
void ctrpol_blob_layout(const struct ctrpol_blob_parts *parts, void *out);

#endif /* CTRPOL_BLOB_LAYOUT_H */
