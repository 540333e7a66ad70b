// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <string.h>

#include "learn_paths.h"

/* One run of digits or more: a pid, a descriptor, a version number. */
#define NUMBER "[0-9]*"

/* Directories whose files have random names, which only a pattern can name. */
static const char *const temp_dirs[] = { "/tmp/", "/var/tmp/", "/dev/shm/" };

static bool all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return len > 0;
}

/* "D" or "D.D...": a version, as library names carry them. */
static bool is_version(const char *s, size_t len)
{
	size_t i;

	if (!len || s[0] < '0' || s[0] > '9' || s[len - 1] == '.')
		return false;
	for (i = 0; i < len; i++)
		if ((s[i] < '0' || s[i] > '9') && (s[i] != '.' || s[i - 1] == '.'))
			return false;
	return true;
}

/* The next component of path at *pos (after its '/'): its offset and length. */
static bool next_component(const char *path, size_t *pos, size_t *off, size_t *len)
{
	const char *end;

	if (path[*pos] != '/')
		return false;
	*off = *pos + 1;
	end = strchr(path + *off, '/');
	*len = end ? (size_t)(end - path) - *off : strlen(path + *off);
	*pos = *off + *len;
	return true;
}

/* The components of a /proc path after which a number changes from run to run. */
static bool numbered_after(const char *prev, size_t len, size_t depth)
{
	static const char *const parents[] = { "task", "fd", "fdinfo" };
	size_t i;

	/* /proc/PID itself: depth 1, under "proc". */
	if (depth == 1)
		return true;
	for (i = 0; i < sizeof(parents) / sizeof(parents[0]); i++)
		if (strlen(parents[i]) == len && !memcmp(parents[i], prev, len))
			return depth == 3 || (depth == 5 && prev[0] != 't');
	return false;
}

/* /proc/PID/..., with [0-9]* for the pid, tid and descriptor numbers. */
static void proc_glob(const char *path, struct path_glob *g)
{
	size_t pos = strlen("/proc"), off, len, prev_off = 0, prev_len = 0, depth = 0;

	path_glob_pattern(g, "/proc");
	while (next_component(path, &pos, &off, &len)) {
		path_glob_pattern(g, "/");
		depth++;
		if (all_digits(path + off, len) && numbered_after(path + prev_off, prev_len, depth))
			path_glob_pattern(g, NUMBER);
		else
			path_glob_literal(g, path + off, len);
		prev_off = off;
		prev_len = len;
	}
}

/*
 * A library's file name, with [0-9]* for its version: NAME.so.VERSION,
 * NAME-VERSION.so or both; false when name is not a versioned library.
 */
static bool library_glob(const char *name, struct path_glob *g)
{
	const char *so = NULL, *p, *dash;
	size_t after, stem;

	for (p = strstr(name, ".so"); p; p = strstr(p + 1, ".so"))
		if (!p[3] || (p[3] == '.' && is_version(p + 4, strlen(p + 4))))
			so = p;
	if (!so)
		return false;
	after = strlen(so + 3);
	stem = (size_t)(so - name);
	/* A dotted version only: libgtk-3 and x86-64 are names, libfoo-1.2 is a release. */
	dash = memrchr(name, '-', stem);
	if (dash && dash > name && is_version(dash + 1, (size_t)(so - dash - 1)) &&
	    memchr(dash, '.', (size_t)(so - dash)))
		stem = (size_t)(dash + 1 - name);
	else if (!after)
		return false;
	path_glob_literal(g, name, stem);
	if (stem < (size_t)(so - name))
		path_glob_pattern(g, NUMBER);
	path_glob_pattern(g, after ? ".so." NUMBER : ".so");
	return true;
}

const char *learn_path_glob(const char *path, struct path_glob *g)
{
	const char *why = path_unwritable(path), *base;
	size_t i;

	path_glob_init(g);
	if (why)
		return why;
	for (i = 0; i < sizeof(temp_dirs) / sizeof(temp_dirs[0]); i++)
		if (!strncmp(path, temp_dirs[i], strlen(temp_dirs[i])) &&
		    path[strlen(temp_dirs[i])]) {
			path_glob_literal(g, temp_dirs[i], strlen(temp_dirs[i]));
			path_glob_pattern(g, "**");
			return NULL;
		}
	if (!strncmp(path, "/proc/", 6)) {
		proc_glob(path, g);
		return NULL;
	}
	base = strrchr(path, '/') + 1;
	path_glob_literal(g, path, (size_t)(base - path));
	if (!library_glob(base, g))
		path_glob_literal(g, base, strlen(base));
	return NULL;
}
