// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - from the rules' answer to the hook's return value
 *
 * Every class of rules decides the same way: deny wins, then allow, then
 * the profile's default; complain mode turns a denial into a record.
 */

#include "ctrpol.h"

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
	const struct ctrpol_profile_section *hdr = pol->view.profile;
	u64 refused = want & deny;

	if (hdr->default_action == CTRPOL_DEFAULT_DENY)
		refused |= want & ~allow;
	if (!refused) {
		atomic64_inc(&prof->allowed);
		return 0;
	}
	if (hdr->mode == CTRPOL_MODE_COMPLAIN) {
		atomic64_inc(&prof->complained);
		return 0;
	}
	atomic64_inc(&prof->denied);
	return err;
}
