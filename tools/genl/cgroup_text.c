// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cgroup_text.h"

bool cgroup_path_under(const char *path, const char *top, const char **rest)
{
	size_t len = strcmp(top, "/") ? strlen(top) : 0;

	if (strncmp(path, top, len) || (path[len] && path[len] != '/'))
		return false;
	*rest = path + len;
	return true;
}

/* The line at *p (without its newline) as [*line, *line + *len); *p moves past it. */
static bool next_line(const char **p, const char **line, size_t *len)
{
	const char *nl;

	if (!**p)
		return false;
	nl = strchr(*p, '\n');
	*line = *p;
	*len = nl ? (size_t)(nl - *p) : strlen(*p);
	*p = nl ? nl + 1 : *p + *len;
	return true;
}

static int copy_out(const char *s, size_t len, char *out, size_t size)
{
	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

/* A ".." component: the cgroup is above the reader's cgroup namespace root. */
static bool leaves_root(const char *path, size_t len)
{
	size_t i;

	for (i = 0; i + 2 <= len; i++)
		if (path[i] == '.' && path[i + 1] == '.' && (i == 0 || path[i - 1] == '/') &&
		    (i + 2 == len || path[i + 2] == '/'))
			return true;
	return false;
}

int cgroup_proc_v2_path(const char *text, char *path, size_t size)
{
	const char *p = text, *line, *found = NULL;
	size_t len, found_len = 0;
	bool after = false;

	while (next_line(&p, &line, &len)) {
		if (len >= 3 && !memcmp(line, "0::", 3)) {
			if (found)
				return -EBADMSG;
			found = line + 3;
			found_len = len - 3;
		} else if (found) {
			after = true;
		}
	}
	if (!found)
		return -ENOENT;
	/* A name with a newline would continue the last line on the next. */
	if (after || !found_len || found[0] != '/')
		return -EBADMSG;
	if (leaves_root(found, found_len))
		return -EXDEV;
	return copy_out(found, found_len, path, size);
}

/* The next space-separated field of [*p, end), or false at the end of the line. */
static bool next_field(const char **p, const char *end, const char **f, size_t *len)
{
	const char *sp;

	if (*p >= end)
		return false;
	sp = memchr(*p, ' ', end - *p);
	*f = *p;
	*len = sp ? (size_t)(sp - *p) : (size_t)(end - *p);
	*p = sp ? sp + 1 : end;
	return true;
}

static bool is_octal(char c)
{
	return c >= '0' && c <= '7';
}

/* mountinfo escapes space, tab, newline and backslash as \ooo: undo that. */
static int unescape(const char *s, size_t len, char *out, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++, n++) {
		if (n + 1 >= size)
			return -ENAMETOOLONG;
		if (s[i] == '\\' && i + 3 < len && is_octal(s[i + 1]) && is_octal(s[i + 2]) &&
		    is_octal(s[i + 3])) {
			out[n] = (char)((s[i + 1] - '0') << 6 | (s[i + 2] - '0') << 3 |
					(s[i + 3] - '0'));
			i += 3;
		} else {
			out[n] = s[i];
		}
	}
	out[n] = '\0';
	return 0;
}

/* Mount point and root of a cgroup2 line of mountinfo; false for another filesystem. */
static bool cgroup2_mount(const char *line, size_t len, char *root, char *mnt, size_t size)
{
	const char *p = line, *end = line + len, *f, *froot = NULL, *fmnt = NULL;
	size_t flen, rlen = 0, mlen = 0;
	unsigned int i;

	/* ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER-OPTIONS */
	for (i = 0; next_field(&p, end, &f, &flen); i++) {
		if (i == 3) {
			froot = f;
			rlen = flen;
		} else if (i == 4) {
			fmnt = f;
			mlen = flen;
		} else if (i > 5 && flen == 1 && f[0] == '-') {
			return next_field(&p, end, &f, &flen) && flen == 7 &&
			       !memcmp(f, "cgroup2", 7) && !unescape(froot, rlen, root, size) &&
			       !unescape(fmnt, mlen, mnt, size);
		}
	}
	return false;
}

int cgroup_mountinfo_dir(const char *mountinfo, const char *path, char *dir, size_t size)
{
	char root[4096], mnt[4096];
	const char *p = mountinfo, *line, *rest;
	size_t len;

	while (next_line(&p, &line, &len)) {
		if (!cgroup2_mount(line, len, root, mnt, sizeof(root)))
			continue;
		/* A mount of a sub-tree shows the cgroups under its root only. */
		if (!cgroup_path_under(path, root, &rest))
			continue;
		if (!strcmp(rest, "/"))
			rest = "";
		if (!strcmp(mnt, "/") && *rest)
			mnt[0] = '\0';
		if (strlen(mnt) + strlen(rest) >= size)
			return -ENAMETOOLONG;
		strcpy(dir, mnt);
		strcat(dir, rest);
		return 0;
	}
	return -ENOENT;
}

int cgroup_mountinfo_path(const char *mountinfo, const char *dir, char *path, size_t size)
{
	char root[4096], mnt[4096], found_root[4096];
	const char *p = mountinfo, *line, *rest = NULL, *below;
	size_t len;
	int n;

	while (next_line(&p, &line, &len)) {
		if (!cgroup2_mount(line, len, root, mnt, sizeof(root)))
			continue;
		if (!cgroup_path_under(dir, mnt, &below))
			continue;
		/* The deepest mount holds dir (least of it left below); of equals, the later. */
		if (rest && below < rest)
			continue;
		rest = below;
		strcpy(found_root, root);
	}
	if (!rest)
		return -ENOENT;
	if (!strcmp(found_root, "/"))
		found_root[0] = '\0';
	n = snprintf(path, size, "%s%s", found_root, *found_root || *rest ? rest : "/");
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}
