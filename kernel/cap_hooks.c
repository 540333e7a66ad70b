// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - capabilities
 *
 * The capability LSM runs first and has already refused what the task's
 * credentials lack; this only narrows further, to the profile's set.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/sched.h>

#include "verdict.h"

static int ctrpol_capable(const struct cred *cred, struct user_namespace *ns, int cap,
			  unsigned int opts)
{
	/*
	 * Only the task's own credentials are confined.  Others belong to a
	 * task (or a file's opener) whose cgroup is not known here, or were
	 * lent by the kernel with override_creds(), as overlayfs lends its
	 * mounter's to copy a file up: those are the kernel acting for the
	 * task, on the kernel's authority.
	 */
	if (!static_branch_unlikely(&ctrpol_confining) || cred != current->real_cred)
		return 0;
	return ctrpol_check_bits(CTRPOL_BITS_CAPS, BIT_ULL(cap), -EPERM,
				 opts & CAP_OPT_NOAUDIT);
}

static struct security_hook_list ctrpol_cap_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(capable, ctrpol_capable),
};

/**
 * ctrpol_add_cap_hooks - register the capability hook
 */
void __init ctrpol_add_cap_hooks(void)
{
	security_add_hooks(ctrpol_cap_hooks, ARRAY_SIZE(ctrpol_cap_hooks), &ctrpol_lsmid);
}
