// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

/* The whole of a regular file, NUL-terminated; NULL with errno set. */
static char *read_regular(const char *path, size_t max_size, struct source *s)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	char *text = NULL;
	struct stat st;
	ssize_t n = 0;
	int saved;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st))
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = ENOTSUP;
		goto fail;
	}
	if ((size_t)st.st_size > max_size) {
		errno = EFBIG;
		goto fail;
	}
	text = malloc(st.st_size + 1);
	if (!text)
		goto fail;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->len = 0;
	/* The file may change size under us: read what fits, never past the buffer. */
	while (s->len < (size_t)st.st_size &&
	       (n = read(fd, text + s->len, st.st_size - s->len)) > 0)
		s->len += n;
	if (n < 0)
		goto fail;
	text[s->len] = '\0';
	if (strlen(text) != s->len) {
		errno = EILSEQ;
		goto fail;
	}
	close(fd);
	return text;
fail:
	saved = errno;
	free(text);
	close(fd);
	errno = saved;
	return NULL;
}

struct source *source_read(struct source **list, const char *path, size_t max_size)
{
	struct source *s = calloc(1, sizeof(*s));
	int saved;

	if (!s)
		return NULL;
	s->path = strdup(path);
	s->text = s->path ? read_regular(path, max_size, s) : NULL;
	if (!s->text) {
		saved = errno;
		free(s->path);
		free(s);
		errno = saved;
		return NULL;
	}
	s->next = *list;
	*list = s;
	return s;
}

void source_free_all(struct source *list)
{
	while (list) {
		struct source *next = list->next;

		free(list->path);
		free(list->text);
		free(list);
		list = next;
	}
}

const char *source_line(const struct source *src, unsigned int line, size_t *len)
{
	const char *p = src->text, *end;

	while (--line && p)
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	if (!p) {
		*len = 0;
		return "";
	}
	end = strchr(p, '\n');
	*len = end ? (size_t)(end - p) : strlen(p);
	return p;
}
