// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - files and exec
 *
 * A file is named by its path as the confined task's root sees it (path.c
 * says what happens to files with no such path).
 */

#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/mman.h>
#include <linux/path.h>
#include <linux/sched.h>

#include "path.h"

/**
 * check_path - whether current may do @want to @path
 * @path: the file, or for a name being created, its parent's mount and
 *	the new dentry
 * @want: %CTRPOL_FILE_* bits
 *
 * Return: 0, or -EACCES when the profile confining current denies it.
 */
static int check_path(const struct path *path, u32 want)
{
	struct ctrpol_request req;
	const struct ctrpol_policy *pol;
	struct ctrpol_profile *prof;
	int ret = 0;

	if (!static_branch_unlikely(&ctrpol_confining))
		return 0;
	req = (struct ctrpol_request){
		.task = current, .class = CTRPOL_RULE_FILE, .want = want, .path = path,
	};
	rcu_read_lock();
	prof = ctrpol_task_profile(current, NULL);
	if (prof) {
		pol = rcu_dereference(prof->policy);
		ret = ctrpol_file_verdict(prof, pol, &req, -EACCES);
	}
	rcu_read_unlock();
	return ret;
}

/* A name in a directory: what path hooks are given for the entry they act on. */
static int check_entry(const struct path *dir, struct dentry *dentry, u32 want)
{
	const struct path path = { .mnt = dir->mnt, .dentry = dentry };

	return check_path(&path, want);
}

static int ctrpol_file_open(struct file *file)
{
	u32 want = 0;

	/*
	 * Opening to run it: bprm_check_security() decides, for exec.  A
	 * backing file is overlayfs opening the real file under the one the
	 * task opened, and checked by its own path.  With nothing attached
	 * anywhere, the first test is all an open pays.
	 */
	if (!static_branch_unlikely(&ctrpol_confining) || (file->f_flags & __FMODE_EXEC) ||
	    (file->f_mode & FMODE_BACKING))
		return 0;
	if (file->f_mode & FMODE_READ)
		want |= CTRPOL_FILE_READ;
	if (file->f_mode & FMODE_WRITE)
		want |= file->f_flags & O_APPEND ? CTRPOL_FILE_APPEND : CTRPOL_FILE_WRITE;
	return want ? check_path(&file->f_path, want) : 0;
}

static int ctrpol_bprm_check(struct linux_binprm *bprm)
{
	return check_path(&bprm->file->f_path, CTRPOL_FILE_EXEC);
}

/*
 * Whether @file is the program an exec under way is mapping.  Its exec
 * was decided by bprm_check_security() already, and the mapping comes
 * after the point of no return: refused there, because a profile was
 * attached or replaced in between, an exec the policy allowed would end in
 * SIGSEGV.  Only the exec itself maps it: the new mm's exe_file (set by
 * begin_new_exec(), once the other threads are gone) is in no file table.
 * The ELF interpreter, which no exec check judged, is checked as any file.
 * Only the pointer is compared: no RCU read section is needed.
 */
static bool mapping_judged_program(const struct file *file)
{
	return current->in_execve && current->mm &&
	       file == rcu_access_pointer(current->mm->exe_file);
}

static int ctrpol_mmap_file(struct file *file, unsigned long reqprot, unsigned long prot,
			    unsigned long flags)
{
	if (!file || !(prot & PROT_EXEC) || mapping_judged_program(file))
		return 0;
	return check_path(&file->f_path, CTRPOL_FILE_MMAP_EXEC);
}

static int ctrpol_file_mprotect(struct vm_area_struct *vma, unsigned long reqprot,
				unsigned long prot)
{
	if (!vma->vm_file || !(prot & PROT_EXEC) || (vma->vm_flags & VM_EXEC))
		return 0;
	return check_path(&vma->vm_file->f_path, CTRPOL_FILE_MMAP_EXEC);
}

static int ctrpol_file_truncate(struct file *file)
{
	return check_path(&file->f_path, CTRPOL_FILE_SETATTR);
}

static int ctrpol_path_truncate(const struct path *path)
{
	return check_path(path, CTRPOL_FILE_SETATTR);
}

static int ctrpol_path_chmod(const struct path *path, umode_t mode)
{
	return check_path(path, CTRPOL_FILE_SETATTR);
}

static int ctrpol_path_chown(const struct path *path, kuid_t uid, kgid_t gid)
{
	return check_path(path, CTRPOL_FILE_SETATTR);
}

static int ctrpol_path_mknod(const struct path *dir, struct dentry *dentry, umode_t mode,
			     unsigned int dev)
{
	return check_entry(dir, dentry, CTRPOL_FILE_CREATE);
}

static int ctrpol_path_mkdir(const struct path *dir, struct dentry *dentry, umode_t mode)
{
	return check_entry(dir, dentry, CTRPOL_FILE_CREATE);
}

static int ctrpol_path_symlink(const struct path *dir, struct dentry *dentry,
			       const char *old_name)
{
	return check_entry(dir, dentry, CTRPOL_FILE_CREATE);
}

static int ctrpol_path_unlink(const struct path *dir, struct dentry *dentry)
{
	return check_entry(dir, dentry, CTRPOL_FILE_DELETE);
}

static int ctrpol_path_rmdir(const struct path *dir, struct dentry *dentry)
{
	return check_entry(dir, dentry, CTRPOL_FILE_DELETE);
}

/* Both names need the permission: the file leaves one and appears at the other. */
static int ctrpol_path_rename(const struct path *old_dir, struct dentry *old_dentry,
			      const struct path *new_dir, struct dentry *new_dentry,
			      unsigned int flags)
{
	return check_entry(old_dir, old_dentry, CTRPOL_FILE_RENAME) ?:
	       check_entry(new_dir, new_dentry, CTRPOL_FILE_RENAME);
}

static int ctrpol_path_link(struct dentry *old_dentry, const struct path *new_dir,
			    struct dentry *new_dentry)
{
	return check_entry(new_dir, old_dentry, CTRPOL_FILE_LINK) ?:
	       check_entry(new_dir, new_dentry, CTRPOL_FILE_LINK);
}

static struct security_hook_list ctrpol_file_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_open, ctrpol_file_open),
	LSM_HOOK_INIT(bprm_check_security, ctrpol_bprm_check),
	LSM_HOOK_INIT(mmap_file, ctrpol_mmap_file),
	LSM_HOOK_INIT(file_mprotect, ctrpol_file_mprotect),
	LSM_HOOK_INIT(file_truncate, ctrpol_file_truncate),
	LSM_HOOK_INIT(path_truncate, ctrpol_path_truncate),
	LSM_HOOK_INIT(path_chmod, ctrpol_path_chmod),
	LSM_HOOK_INIT(path_chown, ctrpol_path_chown),
	LSM_HOOK_INIT(path_mknod, ctrpol_path_mknod),
	LSM_HOOK_INIT(path_mkdir, ctrpol_path_mkdir),
	LSM_HOOK_INIT(path_symlink, ctrpol_path_symlink),
	LSM_HOOK_INIT(path_unlink, ctrpol_path_unlink),
	LSM_HOOK_INIT(path_rmdir, ctrpol_path_rmdir),
	LSM_HOOK_INIT(path_rename, ctrpol_path_rename),
	LSM_HOOK_INIT(path_link, ctrpol_path_link),
};

/**
 * ctrpol_add_file_hooks - register the file and exec hooks
 */
void __init ctrpol_add_file_hooks(void)
{
	security_add_hooks(ctrpol_file_hooks, ARRAY_SIZE(ctrpol_file_hooks), &ctrpol_lsmid);
}
