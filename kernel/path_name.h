/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctrpol LSM - a path as the confined task sees it, spelled from its root
 *
 * Inline and calling nothing of ctrpol: the file rules (path.c) and the
 * events that name a file (events.c) both spell paths, and neither stands
 * above the other.
 */
#ifndef _SECURITY_CTRPOL_PATH_NAME_H
#define _SECURITY_CTRPOL_PATH_NAME_H

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs_struct.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/seqlock.h>
#include <linux/ctrpol.h>

/**
 * ctrpol_path_name_at - a path as a root spells it
 * @path: the file
 * @root: where names start
 * @buf: %CTRPOL_MAX_PATH bytes to spell it in (from the end)
 * @len: set to its length, without the NUL
 *
 * Context: rcu_read_lock() held, or references on @path and @root.
 * Return: the path, inside @buf; NULL when @root cannot reach it;
 * ERR_PTR(-ENAMETOOLONG).
 */
static inline const char *ctrpol_path_name_at(const struct path *path,
					      const struct path *root, char *buf,
					      size_t *len)
{
	char *name = __d_path(path, root, buf, CTRPOL_MAX_PATH);

	if (!IS_ERR_OR_NULL(name))
		*len = buf + CTRPOL_MAX_PATH - 1 - name;
	return name;
}

/*
 * Current's root, read into @buf without a reference: under RCU its dentry
 * and mount stay valid, and fs->seq gives a consistent pair.  Returns @buf,
 * or NULL for a task with none, a kernel thread.
 * Context: rcu_read_lock() held.
 */
static __always_inline const struct path *ctrpol_current_root(struct path *buf)
{
	struct fs_struct *fs = current->fs;
	unsigned int seq;

	if (!fs)
		return NULL;
	do {
		seq = read_seqcount_begin(&fs->seq);
		*buf = fs->root;
	} while (read_seqcount_retry(&fs->seq, seq));
	return buf;
}

/**
 * ctrpol_path_name - a path as current's root spells it
 * @path: the file
 * @buf: %CTRPOL_MAX_PATH bytes to spell it in (from the end)
 * @len: set to its length, without the NUL
 *
 * Context: rcu_read_lock() held.
 * Return: as ctrpol_path_name_at().
 */
static inline const char *ctrpol_path_name(const struct path *path, char *buf, size_t *len)
{
	struct path root_buf;
	const struct path *root = ctrpol_current_root(&root_buf);

	return root ? ctrpol_path_name_at(path, root, buf, len) : NULL;
}

#endif /* _SECURITY_CTRPOL_PATH_NAME_H */
