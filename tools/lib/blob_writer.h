/* SPDX-License-Identifier: GPL-2.0 */
/* Lays sections out into a blob: header, directory, 8-aligned sections, CRC. */
#ifndef CTRPOL_BLOB_WRITER_H
#define CTRPOL_BLOB_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include <linux/ctrpol.h>

struct blob_writer {
	struct {
		uint32_t type;
		const void *data;
		size_t size;
	} sec[CTRPOL_MAX_SECTIONS];
	unsigned int n;
};

/* Queue a section; data must stay valid until blob_finish().  Sections go out in call order. */
void blob_add(struct blob_writer *w, uint32_t type, const void *data, size_t size);

/*
 * Returns 0 with *out (malloc'd) and *size, or -1 with *err when the blob
 * would exceed CTRPOL_MAX_BLOB_SIZE or memory runs out.
 */
int blob_finish(const struct blob_writer *w, void **out, size_t *size, const char **err);

#endif
