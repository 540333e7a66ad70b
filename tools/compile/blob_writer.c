// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "blob_writer.h"

int blob_finish(const struct ctrpol_blob_parts *parts, void **out, size_t *size,
		const char **err)
{
	size_t total = ctrpol_blob_size(parts);
	void *blob;

	if (total > CTRPOL_MAX_BLOB_SIZE) {
		*err = "the compiled profile is larger than 16 MiB: split it or simplify its rules";
		return -1;
	}
	blob = calloc(1, total);	/* zero padding between sections */
	if (!blob) {
		*err = "out of memory";
		return -1;
	}
	ctrpol_blob_layout(parts, blob);
	*out = blob;
	*size = total;
	return 0;
}
