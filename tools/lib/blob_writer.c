// SPDX-License-Identifier: GPL-2.0
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "blob_writer.h"
#include "compat.h"

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

void blob_add(struct blob_writer *w, uint32_t type, const void *data, size_t size)
{
	w->sec[w->n].type = type;
	w->sec[w->n].data = data;
	w->sec[w->n].size = size;
	w->n++;
}

int blob_finish(const struct blob_writer *w, void **out, size_t *size, const char **err)
{
	size_t off = sizeof(struct ctrpol_blob_header) + w->n * sizeof(struct ctrpol_blob_section);
	struct ctrpol_blob_section *dir;
	struct ctrpol_blob_header *h;
	unsigned int i;
	char *blob;

	for (i = 0; i < w->n; i++) {
		off = ALIGN8(off);
		if (w->sec[i].size > CTRPOL_MAX_BLOB_SIZE || off + w->sec[i].size > CTRPOL_MAX_BLOB_SIZE) {
			*err = "the compiled profile is larger than 16 MiB: split it or simplify its rules";
			return -1;
		}
		off += w->sec[i].size;
	}
	blob = calloc(1, off);	/* zero padding between sections */
	if (!blob) {
		*err = "out of memory";
		return -1;
	}
	h = (struct ctrpol_blob_header *)blob;
	dir = (struct ctrpol_blob_section *)(h + 1);
	h->magic = htole32(CTRPOL_BLOB_MAGIC);
	h->abi = htole16(CTRPOL_ABI_VERSION);
	h->nsections = htole16(w->n);
	h->size = htole32(off);
	off = sizeof(*h) + w->n * sizeof(*dir);
	for (i = 0; i < w->n; i++) {
		off = ALIGN8(off);
		dir[i].type = htole32(w->sec[i].type);
		dir[i].offset = htole32(off);
		dir[i].size = htole32(w->sec[i].size);
		memcpy(blob + off, w->sec[i].data, w->sec[i].size);
		off += w->sec[i].size;
	}
	h->crc32 = htole32(ctrpol_crc32(blob + sizeof(*h), off - sizeof(*h)));
	*out = blob;
	*size = off;
	return 0;
}
