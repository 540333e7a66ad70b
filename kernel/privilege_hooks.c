// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - privilege: becoming uid 0, and gaining privilege by exec
 *
 *   root         a uid change that makes the effective or filesystem uid 0
 *                (as the task's user namespace sees it) where it was not:
 *                setuid(0) through a saved uid, setfsuid(0)...; refused
 *   setuid_exec  exec of a setuid or setgid program: when not allowed the
 *                program runs, but as under no_new_privs: no uid, gid or
 *                capability is gained, from those bits or from file
 *                capabilities
 */

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/security.h>
#include <linux/uidgid.h>

#include "verdict.h"

static bool is_root(kuid_t uid, const struct cred *cred)
{
	return uid_eq(uid, make_kuid(cred->user_ns, 0));
}

static int ctrpol_task_fix_setuid(struct cred *new, const struct cred *old, int flags)
{
	if ((is_root(new->euid, new) && !is_root(old->euid, old)) ||
	    (is_root(new->fsuid, new) && !is_root(old->fsuid, old)))
		return ctrpol_check_bits(CTRPOL_BITS_KERNEL, CTRPOL_PRIV_ROOT, -EPERM, false);
	return 0;
}

static int ctrpol_bprm_creds_for_exec(struct linux_binprm *bprm)
{
	umode_t mode = file_inode(bprm->file)->i_mode;
	int refuse;

	/*
	 * A setuid or setgid program is the decision counted; any other may
	 * still gain capabilities from its file's, and gets the same answer.
	 */
	if (mode & (S_ISUID | S_ISGID))
		refuse = ctrpol_check_bits(CTRPOL_BITS_KERNEL, CTRPOL_PRIV_SETUID_EXEC, -EPERM,
					   false);
	else
		refuse = ctrpol_bits_enforced(CTRPOL_BITS_KERNEL, CTRPOL_PRIV_SETUID_EXEC, -EPERM);
	/* What no_new_privs makes the capability LSM do: keep the old credentials' privilege. */
	if (refuse)
		bprm->unsafe |= LSM_UNSAFE_NO_NEW_PRIVS;
	return 0;
}

static struct security_hook_list ctrpol_privilege_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_fix_setuid, ctrpol_task_fix_setuid),
	LSM_HOOK_INIT(bprm_creds_for_exec, ctrpol_bprm_creds_for_exec),
};

/**
 * ctrpol_add_privilege_hooks - register the privilege hooks
 */
void __init ctrpol_add_privilege_hooks(void)
{
	security_add_hooks(ctrpol_privilege_hooks, ARRAY_SIZE(ctrpol_privilege_hooks),
			   &ctrpol_lsmid);
}
