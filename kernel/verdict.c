// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - from the rules' answer to the hook's return value
 *
 * Every class of rules decides the same way: deny wins, then allow, then
 * the profile's default; complain mode turns a denial into a record.
 */

#include <linux/sched.h>

#include "ctrpol.h"

/* The bits of @want the rules refuse, the profile's default included. */
static u64 refused(const struct ctrpol_policy *pol, u64 want, u64 allow, u64 deny)
{
	u64 bits = want & deny;

	if (pol->view.profile->default_action == CTRPOL_DEFAULT_DENY)
		bits |= want & ~allow;
	return bits;
}

/**
 * ctrpol_verdict - decide an operation and count the decision
 * @prof: the profile confining the task
 * @pol: its policy, read under the same rcu_read_lock() as @prof
 * @want: the permission bits the operation needs, not 0
 * @allow: the bits the matching rules allow
 * @deny: the bits they deny
 * @err: what a denial returns (-EACCES for files, -EPERM for privilege)
 *
 * Context: rcu_read_lock() held; atomic-safe.
 * Return: 0 when allowed, or in complain mode; @err when denied.
 */
int ctrpol_verdict(struct ctrpol_profile *prof, const struct ctrpol_policy *pol, u64 want,
		   u64 allow, u64 deny, int err)
{
	if (!refused(pol, want, allow, deny)) {
		atomic64_inc(&prof->allowed);
		return 0;
	}
	if (pol->view.profile->mode == CTRPOL_MODE_COMPLAIN) {
		atomic64_inc(&prof->complained);
		return 0;
	}
	atomic64_inc(&prof->denied);
	return err;
}

/* Decide @want for current by the bit sets of @class; counted unless @count is false. */
static int check_bits(enum ctrpol_bits class, u64 want, int err, bool count)
{
	const struct ctrpol_policy *pol;
	struct ctrpol_profile *prof;
	u64 allow, deny;
	int ret = 0;

	if (!static_branch_unlikely(&ctrpol_confining))
		return 0;
	rcu_read_lock();
	prof = ctrpol_task_profile(current, NULL);
	if (prof) {
		pol = rcu_dereference(prof->policy);
		if (class == CTRPOL_BITS_CAPS) {
			allow = le64_to_cpu(pol->view.caps->allow);
			deny = le64_to_cpu(pol->view.caps->deny);
		} else {
			allow = le32_to_cpu(pol->view.kernel->allow);
			deny = le32_to_cpu(pol->view.kernel->deny);
		}
		if (count)
			ret = ctrpol_verdict(prof, pol, want, allow, deny, err);
		else if (pol->view.profile->mode == CTRPOL_MODE_ENFORCE &&
			 refused(pol, want, allow, deny))
			ret = err;
	}
	rcu_read_unlock();
	return ret;
}

/**
 * ctrpol_check_bits - whether current may use @want, by a class of bit sets
 * @class: which section's allow and deny sets decide
 * @want: the bit asked for
 * @err: what a denial returns
 *
 * Context: any, atomic included: takes only rcu_read_lock().
 * Return: 0 for an unconfined task or an allowed operation, else @err.
 */
int ctrpol_check_bits(enum ctrpol_bits class, u64 want, int err)
{
	return check_bits(class, want, err, true);
}

/**
 * ctrpol_bits_enforced - what ctrpol_check_bits() would return, uncounted
 * @class: which section's allow and deny sets decide
 * @want: the bit asked for
 * @err: what a denial returns
 *
 * For hooks that apply a rule to every operation of a kind but count only
 * those where it makes a difference.
 *
 * Return: 0 or @err.
 */
int ctrpol_bits_enforced(enum ctrpol_bits class, u64 want, int err)
{
	return check_bits(class, want, err, false);
}
