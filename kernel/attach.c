// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - attachments: which cgroup v2 subtree a profile confines
 *
 * A task is confined by the profile of its nearest ancestor cgroup (itself
 * included) that has one.  There is no LSM hook for cgroup migration, so
 * every check reads the task's cgroup afresh; the walk up from it, one hash
 * lookup under RCU per level of nesting, is cached in the task's blob until
 * it moves or the attachments change.  No lock, allocation or sleep.
 */

#include <linux/binfmts.h>
#include <linux/cgroup.h>
#include <linux/hashtable.h>
#include <linux/slab.h>

#include "ctrpol.h"

DEFINE_STATIC_KEY_FALSE(ctrpol_confining);

/**
 * struct ctrpol_attachment - a profile attached to a cgroup
 * @node: in the attachments table: added and removed under
 *	ctrpol_policy_lock, walked under rcu_read_lock()
 * @cgid: the cgroup's id, the table's key
 * @cgrp: a reference, so that the cgroup's death can be seen and its
 *	ancestry compared; dropped a grace period after the attachment goes
 * @profile: what confines the cgroup; cannot be unloaded while attached
 * @on_exec: attached with %CTRPOL_ATTACH_ON_EXEC: it confines only the tasks
 *	armed for it (&struct ctrpol_task)
 * @rcu: for that grace period
 */
struct ctrpol_attachment {
	struct hlist_node node;
	u64 cgid;
	bool on_exec;
	struct cgroup *cgrp;
	struct ctrpol_profile *profile;
	struct rcu_head rcu;
};

static DEFINE_HASHTABLE(attachments, 8);
static unsigned int nattachments;	/* under ctrpol_policy_lock */
/* Attachments that make ctrpol_attach() prune first: twice as many as it left. */
static unsigned int prune_at = 64;	/* under ctrpol_policy_lock */

static struct ctrpol_attachment *attachment_find(u64 cgid)
{
	struct ctrpol_attachment *a;

	hash_for_each_possible_rcu(attachments, a, node, cgid,
				   lockdep_is_held(&ctrpol_policy_lock))
		if (a->cgid == cgid)
			return a;
	return NULL;
}

/*
 * The generation of the attachments table: raised, under ctrpol_policy_lock,
 * after each change to it and before what a detach unlinked is freed.  A
 * task's cached lookup (&struct ctrpol_task) made at an older generation is
 * stale.  A reader that still sees the old value started its RCU read
 * section before the grace period of whatever the change unlinked: the
 * cached pointer stays valid until it ends.  Starts at 1: 0 is no entry.
 */
static u64 attach_gen = 1;

static void attach_gen_bump(void)
{
	lockdep_assert_held(&ctrpol_policy_lock);
	/* Release: a reader of the new value finds the table changed. */
	smp_store_release(&attach_gen, attach_gen + 1);
}

/*
 * The attachment nearest above @task, in @cgrp, that confines it: the
 * nearest one, unless it waits for the task to execute a program; then the
 * next one up.  With @any, the nearest one whatever it waits for.
 * Context: rcu_read_lock() held.
 */
static struct ctrpol_attachment *nearest_attachment(struct task_struct *task,
						    struct cgroup *cgrp, bool any)
{
	struct ctrpol_attachment *a;
	int level;

	/* The root cgroup never has a profile: ctrpol_attach() refuses it. */
	for (level = cgrp->level; level > 0; level--) {
		a = attachment_find(cgroup_id(cgrp->ancestors[level]));
		if (a && (any || !a->on_exec || ctrpol_task(task)->armed == a->cgid))
			return a;
	}
	return NULL;
}

/**
 * confining_attachment - nearest_attachment() for a check, cached for current
 * @task: the task acting
 *
 * Current's lookup is kept in its blob, keyed on its cgroup and the table's
 * generation: a task that stays in its cgroup while the attachments do not
 * change pays one comparison, however deep it is and however many cgroups
 * have profiles.  Another task's, or one from interrupt context (where
 * current's own update may be under way), is looked up afresh.
 *
 * Context: rcu_read_lock() held.
 * Return: the attachment, or NULL.
 */
static struct ctrpol_attachment *confining_attachment(struct task_struct *task)
{
	struct cgroup *cgrp = task_dfl_cgroup(task);
	struct ctrpol_task *t = ctrpol_task(task);
	struct ctrpol_attachment *a;
	u64 gen, cgid;

	if (task != current || !in_task())
		return nearest_attachment(task, cgrp, false);
	/* Acquire: pairs with attach_gen_bump(); the lookup sees the table at @gen. */
	gen = smp_load_acquire(&attach_gen);
	cgid = cgroup_id(cgrp);
	if (t->cached_gen == gen && t->cached_cgid == cgid)
		return t->cached;
	a = nearest_attachment(task, cgrp, false);
	t->cached = a;
	t->cached_cgid = cgid;
	t->cached_gen = gen;
	return a;
}

/**
 * ctrpol_task_profile - the profile confining @task, if any
 * @task: usually current
 * @at: if not NULL, set to the cgroup the profile is attached to
 *
 * Context: rcu_read_lock() held; the results are valid until it is dropped.
 * Return: the profile, or NULL for an unconfined task: none is attached
 * above it, or those that are wait for it to execute a program.
 */
struct ctrpol_profile *ctrpol_task_profile(struct task_struct *task, struct cgroup **at)
{
	struct ctrpol_attachment *a = confining_attachment(task);

	if (!a)
		return NULL;
	if (at)
		*at = a->cgrp;
	return a->profile;
}

/**
 * ctrpol_current_confined - whether a profile confines current
 *
 * Context: any; takes rcu_read_lock() itself.
 * Return: true when one does.
 */
bool ctrpol_current_confined(void)
{
	bool confined;

	rcu_read_lock();
	confined = ctrpol_task_profile(current, NULL);
	rcu_read_unlock();
	return confined;
}

static void attachment_free_rcu(struct rcu_head *head)
{
	struct ctrpol_attachment *a = container_of(head, struct ctrpol_attachment, rcu);

	cgroup_put(a->cgrp);
	kfree(a);
}

static void attachment_remove(struct ctrpol_attachment *a)
{
	hash_del_rcu(&a->node);
	attach_gen_bump();
	a->profile->nattached--;
	if (!--nattachments)
		static_branch_disable(&ctrpol_confining);
	call_rcu(&a->rcu, attachment_free_rcu);
}

/* Whether @cgrp was removed: nothing can be in it or below it any more. */
static bool cgroup_removed(struct cgroup *cgrp)
{
	return !(READ_ONCE(cgrp->self.flags) & CSS_ONLINE);
}

/* The attachment of @cgid, unless its cgroup was removed: then it is dropped. */
static struct ctrpol_attachment *attachment_find_live(u64 cgid)
{
	struct ctrpol_attachment *a = attachment_find(cgid);

	if (a && cgroup_removed(a->cgrp)) {
		attachment_remove(a);
		return NULL;
	}
	return a;
}

/**
 * ctrpol_attach - confine the cgroup @cgid and its descendants with @prof
 * @cgid: a cgroup v2 id
 * @prof: a loaded profile
 * @on_exec: confine each task from the moment it executes a program in the
 *	cgroup on, with the children it forks after: a container runtime
 *	attaches before its own set-up of the container, which runs in the
 *	cgroup, is done, and adds `exec` processes later the same way
 * @why: set to the reason for a refusal
 *
 * Context: ctrpol_policy_lock held.
 * Return: 0; -ENOENT for no such cgroup, -EINVAL for the root cgroup,
 * -EEXIST when it already has a profile, -ENOMEM.
 */
int ctrpol_attach(u64 cgid, struct ctrpol_profile *prof, bool on_exec, const char **why)
{
	struct ctrpol_attachment *a;
	struct cgroup *cgrp;

	lockdep_assert_held(&ctrpol_policy_lock);
	if (nattachments >= prune_at) {
		ctrpol_attach_prune();
		prune_at = max(2 * nattachments, 64U);
	}
	a = attachment_find_live(cgid);
	if (a) {
		*why = "the cgroup has a profile already: detach it first";
		return -EEXIST;
	}
	cgrp = cgroup_get_from_id(cgid);
	if (IS_ERR(cgrp)) {
		*why = "no cgroup v2 has that id";
		return -ENOENT;
	}
	if (!cgroup_parent(cgrp)) {
		cgroup_put(cgrp);
		*why = "the root cgroup holds the host: attach to a container's cgroup";
		return -EINVAL;
	}
	a = kzalloc(sizeof(*a), GFP_KERNEL_ACCOUNT);
	if (!a) {
		cgroup_put(cgrp);
		return -ENOMEM;
	}
	a->cgid = cgid;
	a->on_exec = on_exec;
	a->cgrp = cgrp;
	a->profile = prof;
	prof->nattached++;
	hash_add_rcu(attachments, &a->node, cgid);
	attach_gen_bump();
	if (!nattachments++)
		static_branch_enable(&ctrpol_confining);
	return 0;
}

/**
 * ctrpol_detach - leave the cgroup @cgid unconfined
 * @cgid: a cgroup v2 id
 *
 * Context: ctrpol_policy_lock held.
 * Return: 0, or -ENOENT when it has no profile.
 */
int ctrpol_detach(u64 cgid)
{
	struct ctrpol_attachment *a;

	lockdep_assert_held(&ctrpol_policy_lock);
	a = attachment_find_live(cgid);
	if (!a)
		return -ENOENT;
	attachment_remove(a);
	return 0;
}

/**
 * ctrpol_attach_prune - drop the attachments of removed cgroups
 *
 * No hook tells an LSM that a cgroup is gone.  A removed cgroup has no
 * task, so its attachment confines nobody and only its count and memory
 * remain: the commands that report attachments (status, unload, the
 * listings) call this first, so that none names or counts a removed
 * cgroup; and ctrpol_attach() whenever the table doubled since it last
 * did, in amortized constant time per attach.  The attachments of removed
 * cgroups, and the cgroups they keep, thus never outnumber by more than 64
 * those the last pruning kept.
 *
 * Context: ctrpol_policy_lock held.
 */
void ctrpol_attach_prune(void)
{
	struct ctrpol_attachment *a;
	struct hlist_node *tmp;
	int bkt;

	lockdep_assert_held(&ctrpol_policy_lock);
	hash_for_each_safe(attachments, bkt, tmp, a, node)
		if (cgroup_removed(a->cgrp))
			attachment_remove(a);
}

/**
 * ctrpol_attach_count - how many cgroups have a profile
 *
 * Context: ctrpol_policy_lock held.
 * Return: their number.
 */
unsigned int ctrpol_attach_count(void)
{
	lockdep_assert_held(&ctrpol_policy_lock);
	return nattachments;
}

/**
 * ctrpol_attach_nth - the attachment at position @n, for dumps that resume
 * @n: 0-based, in table order (stable while nothing changes)
 * @cgid: set to its cgroup id
 * @name: set to its profile's name
 * @on_exec: set when it confines tasks from their exec on
 *
 * Context: ctrpol_policy_lock held.
 * Return: false past the last.
 */
bool ctrpol_attach_nth(unsigned long n, u64 *cgid, const char **name, bool *on_exec)
{
	struct ctrpol_attachment *a;
	int bkt;

	lockdep_assert_held(&ctrpol_policy_lock);
	hash_for_each(attachments, bkt, a, node)
		if (!n--) {
			*cgid = a->cgid;
			*name = a->profile->name;
			*on_exec = a->on_exec;
			return true;
		}
	return false;
}

/*
 * A task executes a program: it is armed for the attachment nearest above
 * it, which, if it waits for that, confines it from here on: this exec's own
 * checks included, as this hook runs first of ours.
 */
static int ctrpol_attach_on_exec(struct linux_binprm *bprm)
{
	struct ctrpol_attachment *a;
	u64 armed = 0;

	if (static_branch_unlikely(&ctrpol_confining)) {
		rcu_read_lock();
		a = nearest_attachment(current, task_dfl_cgroup(current), true);
		armed = a ? a->cgid : 0;
		rcu_read_unlock();
	}
	ctrpol_task(current)->armed = armed;
	/* Being armed may change what confines it. */
	ctrpol_task(current)->cached_gen = 0;
	return 0;
}

/*
 * A child is armed as its parent: forking does not leave a confinement.  It
 * starts with its parent's cached lookup too, checked as ever against its
 * cgroup and the generation when used.
 */
static int ctrpol_attach_task_alloc(struct task_struct *task, unsigned long clone_flags)
{
	*ctrpol_task(task) = *ctrpol_task(current);
	return 0;
}

static struct security_hook_list ctrpol_attach_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(bprm_creds_for_exec, ctrpol_attach_on_exec),
	LSM_HOOK_INIT(task_alloc, ctrpol_attach_task_alloc),
};

/**
 * ctrpol_add_attach_hooks - register the hooks that arm tasks for on-exec attachments
 *
 * Before every other class: an exec that arms a task is checked by its profile.
 */
void __init ctrpol_add_attach_hooks(void)
{
	security_add_hooks(ctrpol_attach_hooks, ARRAY_SIZE(ctrpol_attach_hooks), &ctrpol_lsmid);
}
