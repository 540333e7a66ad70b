/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctrpol LSM - what paths spelled lately were found to be allowed
 *
 * Spelling a path (__d_path) costs more than deciding by its name, and
 * tasks open the same files again and again.  Each CPU keeps the answers
 * for paths recently spelled on it, stamped with everything the name
 * depended on; name_cache.c says why the stamps are enough.
 */
#ifndef _SECURITY_CTRPOL_NAME_CACHE_H
#define _SECURITY_CTRPOL_NAME_CACHE_H

#include <linux/path.h>
#include <linux/types.h>

struct ctrpol_answer;
struct ctrpol_policy;

/**
 * struct ctrpol_inode - what ctrpol keeps of an inode (its LSM blob)
 * @stamp: new each time a dentry comes to name the inode; 0 before
 */
struct ctrpol_inode {
	u64 stamp;
};

/**
 * struct ctrpol_name_key - what the names of paths depend on, at one moment
 * @rename_seq: rename_lock's sequence: any dentry renamed or moved since
 *	changes it
 * @mount_seq: mount_lock's: any mount attached, moved or detached since
 * @policy_id: the policy deciding (&struct ctrpol_policy.id); 0 for a key
 *	read while the names were changing, which the cache must not use
 * @root: the task's root, which names start from
 * @root_stamp: the stamp of @root's inode (name_cache.c): that @root's
 *	dentry is the same one, not another at the same address
 */
struct ctrpol_name_key {
	unsigned int rename_seq;
	unsigned int mount_seq;
	u64 policy_id;
	struct path root;
	u64 root_stamp;
};

bool ctrpol_name_cache_find(const struct ctrpol_policy *pol, const struct path *root,
			    const struct path *path, struct ctrpol_name_key *key,
			    struct ctrpol_answer *ans);
void ctrpol_name_cache_store(const struct ctrpol_name_key *key, const struct path *path,
			     const struct ctrpol_answer *ans);
void __init ctrpol_add_name_cache_hooks(void);

#endif /* _SECURITY_CTRPOL_NAME_CACHE_H */
