/* SPDX-License-Identifier: GPL-2.0 */
/* Policy source files held in memory, so diagnostics can quote any line. */
#ifndef CTRPOL_SOURCE_H
#define CTRPOL_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

struct source {
	char *path;		/* as given or resolved by include */
	char *text;		/* NUL-terminated; a NUL inside the file is an error */
	size_t len;
	dev_t dev;		/* the file's identity, whatever path reached it */
	ino_t ino;
	struct source *next;	/* every source of a compilation, for freeing */
};

/* A place in a source: 1-based line and column (bytes), and a length to underline. */
struct loc {
	const struct source *src;
	unsigned int line, col, len;
};

/*
 * Read path into a new source linked at *list.  Returns NULL with errno set
 * (EFBIG beyond max_size bytes, EILSEQ for a NUL byte in the file, ENOTSUP
 * for anything but a regular file).
 */
struct source *source_read(struct source **list, const char *path, size_t max_size);
void source_free_all(struct source *list);

/* The text of line (1-based) of src and its length, without the newline. */
const char *source_line(const struct source *src, unsigned int line, size_t *len);

#endif
