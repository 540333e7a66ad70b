/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel says about cgroups in /proc, parsed from text so that it
 * can be tested without the files: a task's cgroup v2 path
 * (/proc/PID/cgroup) and where the cgroup2 filesystem is mounted
 * (/proc/self/mountinfo).
 */
#ifndef CTRPOL_CGROUP_TEXT_H
#define CTRPOL_CGROUP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether path is top or below it, at a '/' ("/a" holds "/a/b" but not
 * "/ab"; "/" holds every absolute path); *rest is then what path has past
 * top: "" or "/...".
 */
bool cgroup_path_under(const char *path, const char *top, const char **rest);

/*
 * The cgroup v2 path of a task from the text of its /proc/PID/cgroup: the
 * path of the "0::" line, relative to the reader's cgroup namespace.
 * Returns 0 with the path in path, or
 *   -ENOENT        no "0::" line: the task is in no cgroup v2 hierarchy
 *   -EBADMSG       not one "0::" line ending the text (the kernel prints it
 *                  last): a cgroup name holding a newline makes it ambiguous
 *   -EXDEV         the path leaves the reader's cgroup namespace ("/..")
 *   -ENAMETOOLONG  it does not fit size bytes
 */
int cgroup_proc_v2_path(const char *text, char *path, size_t size);

/*
 * Where the cgroup v2 directory path (absolute, as cgroup_proc_v2_path()
 * gives it) is in this mount namespace, from the text of
 * /proc/self/mountinfo: under the first cgroup2 mount whose root holds it.
 * Returns 0 with the directory in dir, -ENOENT when no cgroup2 mount shows
 * path, or -ENAMETOOLONG when it does not fit size bytes.
 */
int cgroup_mountinfo_dir(const char *mountinfo, const char *path, char *dir, size_t size);

/*
 * The inverse: the cgroup v2 path (from the root of the hierarchy, as the
 * kernel spells cgroups: "/" for the root) of dir, an absolute directory
 * without symbolic links, from the text of /proc/self/mountinfo: under the
 * cgroup2 mount that holds dir, the last one mounted where several do.
 * Returns 0 with the path in path, -ENOENT when no cgroup2 mount holds dir,
 * or -ENAMETOOLONG when it does not fit size bytes.
 */
int cgroup_mountinfo_path(const char *mountinfo, const char *dir, char *path, size_t size);

#endif
