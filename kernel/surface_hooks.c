// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - kernel surfaces: the interfaces through which a container
 * reaches code that few containers need and many exploits use.
 *
 *   module_load     init_module, finit_module, kexec_load, kexec_file_load
 *   module_request  the kernel loading a module on the task's behalf
 *                   (an unknown socket family or filesystem type, say)
 *   bpf             bpf(2), every command
 *   perf            perf_event_open(2)
 *   userns          creating a user namespace
 *   keyctl          the kernel keyrings: creating a key, or using one
 *   syslog          syslog(2) and reading /dev/kmsg
 */

#include <linux/cred.h>
#include <linux/kernel_read_file.h>
#include <linux/key.h>
#include <linux/sched.h>
#include <linux/security.h>

#include "verdict.h"

static int check(u32 surface)
{
	return ctrpol_check_bits(CTRPOL_BITS_KERNEL, surface, -EPERM, false);
}

/* Code into the kernel: a module, or a kernel image to kexec into. */
static int ctrpol_kernel_read_file(struct file *file, enum kernel_read_file_id id,
				   bool contents)
{
	bool code = id == READING_MODULE || id == READING_KEXEC_IMAGE ||
		    id == READING_KEXEC_INITRAMFS;

	return code ? check(CTRPOL_KERNEL_MODULE_LOAD) : 0;
}

static int ctrpol_kernel_load_data(enum kernel_load_data_id id, bool contents)
{
	bool code = id == LOADING_MODULE || id == LOADING_KEXEC_IMAGE ||
		    id == LOADING_KEXEC_INITRAMFS;

	return code ? check(CTRPOL_KERNEL_MODULE_LOAD) : 0;
}

static int ctrpol_kernel_module_request(char *kmod_name)
{
	return check(CTRPOL_KERNEL_MODULE_REQUEST);
}

static int ctrpol_userns_create(const struct cred *cred)
{
	return check(CTRPOL_KERNEL_USERNS);
}

static int ctrpol_syslog(int type)
{
	return check(CTRPOL_KERNEL_SYSLOG);
}

#ifdef CONFIG_KEYS
/* The kernel also uses keys for its own work, with its own credentials: not mediated. */
static int ctrpol_key_alloc(struct key *key, const struct cred *cred, unsigned long flags)
{
	return cred == current->real_cred ? check(CTRPOL_KERNEL_KEYCTL) : 0;
}

static int ctrpol_key_permission(key_ref_t key_ref, const struct cred *cred,
				 enum key_need_perm need_perm)
{
	return cred == current->real_cred ? check(CTRPOL_KERNEL_KEYCTL) : 0;
}
#endif

#ifdef CONFIG_BPF_SYSCALL
static int ctrpol_bpf(int cmd, union bpf_attr *attr, unsigned int size)
{
	return check(CTRPOL_KERNEL_BPF);
}
#endif

#ifdef CONFIG_PERF_EVENTS
static int ctrpol_perf_event_open(int type)
{
	return check(CTRPOL_KERNEL_PERF);
}
#endif

static struct security_hook_list ctrpol_surface_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(kernel_read_file, ctrpol_kernel_read_file),
	LSM_HOOK_INIT(kernel_load_data, ctrpol_kernel_load_data),
	LSM_HOOK_INIT(kernel_module_request, ctrpol_kernel_module_request),
	LSM_HOOK_INIT(userns_create, ctrpol_userns_create),
	LSM_HOOK_INIT(syslog, ctrpol_syslog),
#ifdef CONFIG_KEYS
	LSM_HOOK_INIT(key_alloc, ctrpol_key_alloc),
	LSM_HOOK_INIT(key_permission, ctrpol_key_permission),
#endif
#ifdef CONFIG_BPF_SYSCALL
	LSM_HOOK_INIT(bpf, ctrpol_bpf),
#endif
#ifdef CONFIG_PERF_EVENTS
	LSM_HOOK_INIT(perf_event_open, ctrpol_perf_event_open),
#endif
};

/**
 * ctrpol_add_surface_hooks - register the kernel surface hooks
 */
void __init ctrpol_add_surface_hooks(void)
{
	security_add_hooks(ctrpol_surface_hooks, ARRAY_SIZE(ctrpol_surface_hooks), &ctrpol_lsmid);
}
