// SPDX-License-Identifier: GPL-2.0
/*
 * Laying sections out into a blob, as docs/binary-format.md describes it.
 */
#include "blob_layout.h"

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

/**
 * ctrpol_blob_add() - queue a section after those already queued
 * @parts: at most %CTRPOL_MAX_SECTIONS in all
 * @type: %CTRPOL_SEC_*
 * @data: its contents, valid until ctrpol_blob_layout()
 * @size: its size in bytes
 */
void ctrpol_blob_add(struct ctrpol_blob_parts *parts, u32 type, const void *data, size_t size)
{
	parts->sec[parts->n].type = type;
	parts->sec[parts->n].data = data;
	parts->sec[parts->n].size = size;
	parts->n++;
}

/**
 * ctrpol_blob_size() - the size of the blob the parts make
 * @parts: the queued sections
 *
 * Return: bytes, padding included; the caller compares it with
 * %CTRPOL_MAX_BLOB_SIZE (sections are far smaller than SIZE_MAX).
 */
size_t ctrpol_blob_size(const struct ctrpol_blob_parts *parts)
{
	size_t off = sizeof(struct ctrpol_blob_header) +
		     parts->n * sizeof(struct ctrpol_blob_section);
	unsigned int i;

	for (i = 0; i < parts->n; i++)
		off = ALIGN8(off) + parts->sec[i].size;
	return off;
}

/**
 * ctrpol_blob_layout() - write the blob the parts make
 * @parts: the queued sections
 * @out: ctrpol_blob_size() bytes, zeroed: the padding between sections
 */
void ctrpol_blob_layout(const struct ctrpol_blob_parts *parts, void *out)
{
	struct ctrpol_blob_header *h = out;
	struct ctrpol_blob_section *dir = (struct ctrpol_blob_section *)(h + 1);
	size_t off = sizeof(*h) + parts->n * sizeof(*dir);
	unsigned int i;

	h->magic = cpu_to_le32(CTRPOL_BLOB_MAGIC);
	h->abi = cpu_to_le16(CTRPOL_ABI_VERSION);
	h->nsections = cpu_to_le16(parts->n);
	for (i = 0; i < parts->n; i++) {
		off = ALIGN8(off);
		dir[i].type = cpu_to_le32(parts->sec[i].type);
		dir[i].offset = cpu_to_le32(off);
		dir[i].size = cpu_to_le32(parts->sec[i].size);
		memcpy((char *)out + off, parts->sec[i].data, parts->sec[i].size);
		off += parts->sec[i].size;
	}
	h->size = cpu_to_le32(off);
	h->crc32 = cpu_to_le32(ctrpol_crc32(h + 1, off - sizeof(*h)));
}
