/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cgroup v2 ids, which the LSM keys profiles on: the inode number of a
 * cgroup's directory in the cgroup2 filesystem.  From a path, from a
 * process, and back to a path.
 */
#ifndef CTRPOL_CGROUP_H
#define CTRPOL_CGROUP_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

/* A cgroup named on the command line. */
struct cgroup_ref {
	char dir[PATH_MAX];	/* its directory, as named or as found */
	uint64_t id;
};

/*
 * Resolve path, a directory of the cgroup2 filesystem, into ref.  Returns 0,
 * or CTRPOL_EXIT_USAGE after saying on stderr, as `ctrpol cmd`, what is
 * wrong with path (missing, cgroup v1, not a cgroup, not a directory) and
 * how to fix it.
 */
int cgroup_ref_of_path(const char *cmd, const char *path, struct cgroup_ref *ref);

/* The same for the cgroup v2 of process pid (decimal), from /proc/PID/cgroup. */
int cgroup_ref_of_pid(const char *cmd, const char *pid, struct cgroup_ref *ref);

/* Where the root of the cgroup2 hierarchy is mounted here; -ENOENT when it is not. */
int cgroup2_mount_dir(char *dir, size_t size);

/*
 * The path of the cgroup whose directory is dir, from the root of the
 * cgroup v2 hierarchy ("/web/ctr1"), as events name cgroups.  Returns 0, or
 * a negative errno: -ENOENT when no cgroup2 mount here holds dir.
 */
int cgroup_hierarchy_path(const char *dir, char *path, size_t size);

/*
 * The directories of cgroup ids ids[0..n) under root (a cgroup2 mount):
 * paths[i] is malloc'd, or NULL when ids[i] is not found.  The walk is
 * bounded in depth and in directories read, so a huge tree costs a
 * bounded time and some paths stay NULL.
 */
void cgroup_find_ids(const char *root, const uint64_t *ids, char **paths, size_t n);

#endif
