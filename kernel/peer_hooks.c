// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - ptrace and signals across the container's boundary
 *
 * A confined task reaches the tasks of its own cgroup subtree (the one its
 * profile is attached to) freely: that is its container.  A task outside
 * it is reached only where a peer rule allows it, named by its profile or
 * as unconfined, whatever the profile's default.  The host, unconfined,
 * still traces and signals into containers: only confined actors are
 * mediated.
 */

#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/ptrace.h>
#include <linux/sched.h>

#include "verdict.h"

/**
 * decide_peer - whether @actor may do @op to @target
 * @actor: the task acting: current, or the tracer of PTRACE_TRACEME
 * @target: the task acted on
 * @op: one %CTRPOL_PEER_* bit
 * @sig: with %CTRPOL_PEER_SIGNAL, the signal number (0 probes existence)
 *
 * Context: any; takes only rcu_read_lock().
 * Return: 0, or -EPERM when @actor's profile refuses it.
 */
static noinline int decide_peer(struct task_struct *actor, struct task_struct *target, u8 op,
				int sig)
{
	struct ctrpol_request req = {
		.task = actor, .class = CTRPOL_RULE_PEER, .want = op, .peer = target, .signal = sig,
	};
	struct ctrpol_peer_query q = { .op = op };
	struct ctrpol_profile *prof, *peer;
	const struct ctrpol_policy *pol;
	struct ctrpol_rules_verdict v;
	struct ctrpol_answer ans;
	struct cgroup *at;
	int ret = 0;

	rcu_read_lock();
	prof = ctrpol_task_profile(actor, &at);
	if (prof && !cgroup_is_descendant(task_dfl_cgroup(target), at)) {
		pol = rcu_dereference(prof->policy);
		peer = ctrpol_task_profile(target, NULL);
		q.peer = peer ? peer->name : "";
		q.signal = op == CTRPOL_PEER_SIGNAL && sig > 0 ? BIT_ULL(sig - 1) : 0;
		req.peer_profile = q.peer;
		ctrpol_peer_decide(&pol->view, &q, &v);
		/* What no rule allows is refused, whatever the default. */
		ans.allow = v.allow ? op : 0;
		ans.deny = v.deny || !v.allow ? op : 0;
		ans.audit = v.audit ? op : 0;
		ret = ctrpol_verdict(prof, pol, &req, &ans, -EPERM);
	}
	rcu_read_unlock();
	return ret;
}

/* Signals are frequent: with nothing attached, one test and no set-up. */
static __always_inline int check_peer(struct task_struct *actor, struct task_struct *target,
				      u8 op, int sig)
{
	if (!static_branch_unlikely(&ctrpol_confining))
		return 0;
	return decide_peer(actor, target, op, sig);
}

static int ctrpol_ptrace_access_check(struct task_struct *child, unsigned int mode)
{
	return check_peer(current, child,
			  mode & PTRACE_MODE_ATTACH ? CTRPOL_PEER_TRACE : CTRPOL_PEER_READ, 0);
}

/* The parent becomes the tracer: its profile decides whether it may trace current. */
static int ctrpol_ptrace_traceme(struct task_struct *parent)
{
	return check_peer(parent, current, CTRPOL_PEER_TRACE, 0);
}

static int ctrpol_task_kill(struct task_struct *p, struct kernel_siginfo *info, int sig,
			    const struct cred *cred)
{
	/* With cred, the sender is a file's owner (SIGIO of USB async I/O), not current. */
	if (cred)
		return 0;
	return check_peer(current, p, CTRPOL_PEER_SIGNAL, sig);
}

static struct security_hook_list ctrpol_peer_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(ptrace_access_check, ctrpol_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, ctrpol_ptrace_traceme),
	LSM_HOOK_INIT(task_kill, ctrpol_task_kill),
};

/**
 * ctrpol_add_peer_hooks - register the ptrace and signal hooks
 */
void __init ctrpol_add_peer_hooks(void)
{
	security_add_hooks(ctrpol_peer_hooks, ARRAY_SIZE(ctrpol_peer_hooks), &ctrpol_lsmid);
}
