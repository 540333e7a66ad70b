// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - paths as the confined task sees them, matched by a DFA
 *
 * A path is spelled from the task's root: the path a container's own tools
 * print.  What that root cannot reach has no name, so no rule names it and
 * the profile's default decides: files outside a chroot or pivot_root, in
 * another mount namespace, and those of internal filesystems (pipes,
 * sockets, memfd, nsfs) reopened through /proc.  A deleted file keeps the
 * name it had.  A path too long to spell (over CTRPOL_MAX_PATH) is denied
 * everything, so that depth cannot slip past a deny rule.
 */

#include <linux/dcache.h>
#include <linux/fs_struct.h>
#include <linux/local_lock.h>
#include <linux/path.h>
#include <linux/percpu.h>
#include <linux/sched.h>

#include "path.h"
#include "path_name.h"
#include "verdict.h"

/*
 * Where paths are spelled out: one buffer per CPU, so a hook needs no
 * allocation.  The local lock keeps the task on its CPU while it uses the
 * buffer; nothing in between sleeps.
 */
struct path_buf {
	local_lock_t lock;
	char buf[CTRPOL_MAX_PATH];
};

static DEFINE_PER_CPU(struct path_buf, path_bufs) = {
	.lock = INIT_LOCAL_LOCK(lock),
};

/*
 * Spell @path from @root (NULL: it has no name) into this CPU's buffer and
 * walk @dfa on it from @state; a path too long to spell is denied
 * everything.  Return: the name, valid until the buffer's lock is released;
 * NULL or an ERR_PTR() when it has none.
 * Context: rcu_read_lock() and path_bufs.lock held.
 */
static const char *spell_and_walk(const struct ctrpol_dfa_view *dfa, u32 state,
				  const struct path *path, const struct path *root,
				  struct ctrpol_answer *ans)
{
	const struct ctrpol_perms *p;
	const char *name = NULL;
	size_t len;

	*ans = (struct ctrpol_answer){};
	if (root)
		name = ctrpol_path_name_at(path, root, this_cpu_ptr(&path_bufs)->buf, &len);
	if (IS_ERR(name)) {
		ans->deny = U32_MAX;
	} else if (name) {
		state = ctrpol_dfa_walk(dfa, state, name, len);
		p = &dfa->perms[le32_to_cpu(dfa->accept[state])];
		ans->allow = le32_to_cpu(p->allow);
		ans->deny = le32_to_cpu(p->deny);
		ans->audit = le32_to_cpu(p->audit);
	}
	return name;
}

/**
 * ctrpol_path_perms - what a path DFA says of a path, as current's root sees it
 * @dfa: a verified FILE_DFA or MOUNT_DFA
 * @state: where the walk starts: %CTRPOL_DFA_START, or after a prefix
 * @path: the path
 * @ans: set to what the rules allow, deny and audit; a path too long to
 *	spell is denied everything
 *
 * Context: rcu_read_lock() held: the root is read without references.
 */
void ctrpol_path_perms(const struct ctrpol_dfa_view *dfa, u32 state, const struct path *path,
		       struct ctrpol_answer *ans)
{
	struct path root_buf;
	const struct path *root = ctrpol_current_root(&root_buf);

	local_lock(&path_bufs.lock);
	spell_and_walk(dfa, state, path, root, ans);
	local_unlock(&path_bufs.lock);
}

/**
 * ctrpol_file_verdict - decide an operation on the file @req->path
 * @prof: the profile confining current
 * @pol: its policy, read under the same rcu_read_lock()
 * @req: the operation; @req->name is set while the verdict is made
 * @err: what a denial returns
 *
 * The answer for a path spelled lately comes from the cache (name_cache.c),
 * unless the decision is to be reported: the event needs the name.
 * Otherwise the path is spelled once, for the walk and for the event, which
 * would otherwise spell it again.  The cache's and the event path's per-CPU
 * locks are taken inside this one's: always in that order.
 *
 * Context: rcu_read_lock() held.
 * Return: what ctrpol_verdict() returns.
 */
int ctrpol_file_verdict(struct ctrpol_profile *prof, const struct ctrpol_policy *pol,
			struct ctrpol_request *req, int err)
{
	struct ctrpol_name_key key;
	struct ctrpol_answer ans;
	struct path root_buf;
	const struct path *root = ctrpol_current_root(&root_buf);
	const char *name;
	int ret;

	if (root && ctrpol_name_cache_find(pol, root, req->path, &key, &ans) &&
	    ctrpol_verdict_if_silent(prof, pol, req, &ans))
		return 0;
	local_lock(&path_bufs.lock);
	name = spell_and_walk(&pol->view.files, CTRPOL_DFA_START, req->path, root, &ans);
	/* Only a root spells a name, and with one, the cache's lookup set @key. */
	if (!IS_ERR_OR_NULL(name))
		ctrpol_name_cache_store(&key, req->path, &ans);
	req->name = IS_ERR(name) ? NULL : name;
	ret = ctrpol_verdict(prof, pol, req, &ans, err);
	req->name = NULL;
	local_unlock(&path_bufs.lock);
	return ret;
}
