// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - a confined task stays in its cgroup subtree
 *
 * Moving a task between cgroup v2 cgroups (write(2) to cgroup.procs or
 * cgroup.threads, clone3() with CLONE_INTO_CGROUP) needs write permission
 * on the cgroup.procs of the destination and of the common ancestor of
 * source and destination, checked through inode_permission().  Refusing
 * that permission outside the subtree the profile is attached to keeps
 * every way out closed, while moves inside it (a container managing its
 * own sub-cgroups) still work.
 */

#include <linux/cgroup.h>
#include <linux/fs.h>
#include <linux/kernfs.h>
#include <linux/magic.h>

#include "verdict.h"

/* Whether kernfs node @kn lies at or below the directory of cgroup @top. */
static bool in_subtree(struct kernfs_node *kn, struct cgroup *top)
{
	for (; kn; kn = kn->parent)
		if (kn == top->kn)
			return true;
	return false;
}

/* Refused: no rule opens a way out, so it is a denial of the one thing asked. */
static const struct ctrpol_answer refuse_move = { .deny = CTRPOL_FILE_WRITE };

/* The write to @kn, a cgroup's cgroup.procs or cgroup.threads, by current. */
static noinline int check_move(struct kernfs_node *kn)
{
	struct ctrpol_request req = {
		.task = current, .class = CTRPOL_RULE_FILE, .want = CTRPOL_FILE_WRITE,
		.boundary = true, .kn = kn,
	};
	struct ctrpol_profile *prof;
	struct cgroup *top;
	int ret = 0;

	rcu_read_lock();
	prof = ctrpol_task_profile(current, &top);
	if (prof && !in_subtree(kn->parent, top))
		ret = ctrpol_verdict(prof, rcu_dereference(prof->policy), &req, &refuse_move,
				     -EACCES);
	rcu_read_unlock();
	return ret;
}

/*
 * Path walks ask at every directory: the tests come first, and what a
 * check needs is set up out of line, where the compiler cannot hoist it.
 */
static int ctrpol_inode_permission(struct inode *inode, int mask)
{
	struct kernfs_node *kn;

	if (!static_branch_unlikely(&ctrpol_confining) || !(mask & MAY_WRITE) ||
	    inode->i_sb->s_magic != CGROUP2_SUPER_MAGIC)
		return 0;
	/* kernfs keeps its node in i_private; it pins its parents. */
	kn = inode->i_private;
	if (kernfs_type(kn) != KERNFS_FILE ||
	    (strcmp(kn->name, "cgroup.procs") && strcmp(kn->name, "cgroup.threads")))
		return 0;
	return check_move(kn);
}

static struct security_hook_list ctrpol_cgroup_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(inode_permission, ctrpol_inode_permission),
};

/**
 * ctrpol_add_cgroup_hooks - register the hook that keeps tasks in their subtree
 */
void __init ctrpol_add_cgroup_hooks(void)
{
	security_add_hooks(ctrpol_cgroup_hooks, ARRAY_SIZE(ctrpol_cgroup_hooks), &ctrpol_lsmid);
}
