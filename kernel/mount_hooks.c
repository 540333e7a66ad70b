// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - mounts
 *
 * Mount rules are one DFA over "/" FSTYPE PATH: the type of the filesystem
 * involved, then the mount point as the task's root sees it.  Which type:
 *   mount        the type asked for, as mount(2) was given it
 *   bind, move   the filesystem of the source
 *   remount      the filesystem mounted at the path (mount(2) with
 *                MS_REMOUNT, or a propagation change: MS_SHARED, ...)
 *   umount       the filesystem unmounted
 *   pivot_root   the filesystem of the new root
 * move_mount(2), the new mount API's last step, is a move: attaching what
 * fsmount(2) or open_tree(2) made needs "move" at the destination.
 */

#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <uapi/linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/sched.h>

#include "path.h"
#include "verdict.h"

/* As the compiler accepts filesystem types: 1 to 31 of a-z, 0-9, '.', '_', '-'. */
static bool type_named(const char *type)
{
	size_t i;

	for (i = 0; type[i]; i++)
		if (i == 31 || !(isdigit(type[i]) || (type[i] >= 'a' && type[i] <= 'z') ||
				 type[i] == '.' || type[i] == '_' || type[i] == '-'))
			return false;
	return i > 0;
}

/*
 * The verdict on mount operation @op of a filesystem of type @type (with
 * @subtype, for FUSE: "fuse.sshfs") at @path; @source, what mount(2) was
 * given, is for the event.  A type no rule could name leaves the default to
 * decide.
 */
static int check_mount(u32 op, const char *type, const char *subtype, const char *source,
		       const struct path *path)
{
	struct ctrpol_request req = {
		.task = current, .class = CTRPOL_RULE_MOUNT, .want = op, .path = path,
		.fstype = "", .source = source,
	};
	const struct ctrpol_policy *pol;
	struct ctrpol_profile *prof;
	struct ctrpol_answer ans = {};
	u32 state;
	int ret = 0;

	if (!static_branch_unlikely(&ctrpol_confining))
		return 0;
	rcu_read_lock();
	prof = ctrpol_task_profile(current, NULL);
	if (prof) {
		const struct ctrpol_dfa_view *dfa;

		pol = rcu_dereference(prof->policy);
		dfa = &pol->view.mounts;
		if (type_named(type) && (!subtype || type_named(subtype))) {
			req.fstype = type;
			req.fssubtype = subtype;
			state = ctrpol_dfa_walk(dfa, CTRPOL_DFA_START, "/", 1);
			state = ctrpol_dfa_walk(dfa, state, type, strlen(type));
			if (subtype) {
				state = ctrpol_dfa_walk(dfa, state, ".", 1);
				state = ctrpol_dfa_walk(dfa, state, subtype, strlen(subtype));
			}
			ctrpol_path_perms(dfa, state, path, &ans);
		}
		ret = ctrpol_verdict(prof, pol, &req, &ans, -EACCES);
	}
	rcu_read_unlock();
	return ret;
}

/* @op on the filesystem @sb is, at @path. */
static int check_sb(u32 op, const struct super_block *sb, const char *source,
		    const struct path *path)
{
	return check_mount(op, sb->s_type->name, sb->s_subtype, source, path);
}

/* A bind or a move: the source is a path, whose filesystem is the one named. */
static int check_source(u32 op, const char *source, const struct path *path)
{
	struct path src;
	int ret;

	/* Unconfined tasks pay no lookup. */
	if (!static_branch_unlikely(&ctrpol_confining) || !ctrpol_current_confined())
		return 0;
	if (!source || kern_path(source, LOOKUP_FOLLOW, &src))
		return check_mount(op, "", NULL, source, path);
	ret = check_sb(op, src.mnt->mnt_sb, source, path);
	path_put(&src);
	return ret;
}

static int ctrpol_sb_mount(const char *dev_name, const struct path *path, const char *type,
			   unsigned long flags, void *data)
{
	/* As path_mount() reads the flags, in its order. */
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_REMOUNT)
		return check_sb(CTRPOL_MOUNT_REMOUNT, path->mnt->mnt_sb, NULL, path);
	if (flags & MS_BIND)
		return check_source(CTRPOL_MOUNT_BIND, dev_name, path);
	if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		return check_sb(CTRPOL_MOUNT_REMOUNT, path->mnt->mnt_sb, NULL, path);
	if (flags & MS_MOVE)
		return check_source(CTRPOL_MOUNT_MOVE, dev_name, path);
	return check_mount(CTRPOL_MOUNT_MOUNT, type ?: "", NULL, dev_name, path);
}

static int ctrpol_sb_umount(struct vfsmount *mnt, int flags)
{
	const struct path path = { .mnt = mnt, .dentry = mnt->mnt_root };

	return check_sb(CTRPOL_MOUNT_UMOUNT, mnt->mnt_sb, NULL, &path);
}

static int ctrpol_sb_pivotroot(const struct path *old_path, const struct path *new_path)
{
	return check_sb(CTRPOL_MOUNT_PIVOT_ROOT, new_path->mnt->mnt_sb, NULL, new_path);
}

static int ctrpol_move_mount(const struct path *from_path, const struct path *to_path)
{
	return check_sb(CTRPOL_MOUNT_MOVE, from_path->mnt->mnt_sb, NULL, to_path);
}

static struct security_hook_list ctrpol_mount_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(sb_mount, ctrpol_sb_mount),
	LSM_HOOK_INIT(sb_umount, ctrpol_sb_umount),
	LSM_HOOK_INIT(sb_pivotroot, ctrpol_sb_pivotroot),
	LSM_HOOK_INIT(move_mount, ctrpol_move_mount),
};

/**
 * ctrpol_add_mount_hooks - register the mount hooks
 */
void __init ctrpol_add_mount_hooks(void)
{
	security_add_hooks(ctrpol_mount_hooks, ARRAY_SIZE(ctrpol_mount_hooks), &ctrpol_lsmid);
}
