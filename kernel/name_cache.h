/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctrpol LSM - what a task's recent paths were found to be allowed
 *
 * Spelling a path (__d_path) costs more than deciding by its name, and a
 * task opens the same files again and again.  Each task keeps the answers
 * of a few paths it spelled, stamped with everything the name depended on;
 * name_cache.c says why the stamps are enough.
 */
#ifndef _SECURITY_CTRPOL_NAME_CACHE_H
#define _SECURITY_CTRPOL_NAME_CACHE_H

#include <linux/path.h>
#include <linux/types.h>

struct ctrpol_answer;
struct ctrpol_policy;

#define CTRPOL_NAME_CACHE_BITS 2

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

/**
 * struct ctrpol_name_entry - the answer for one path
 * @mnt: the path's mount
 * @dentry: its dentry, compared only, never dereferenced
 * @stamp: the stamp of its inode when it was spelled; 0 for no entry
 * @allow: what the file rules allowed it
 * @deny: what they denied
 * @audit: what they asked to report
 */
struct ctrpol_name_entry {
	struct vfsmount *mnt;
	struct dentry *dentry;
	u64 stamp;
	u32 allow;
	u32 deny;
	u32 audit;
};

/**
 * struct ctrpol_name_cache - a task's answers, all made under one key
 * @key: when they were made; a different key empties the cache
 * @expires: in jiffies: the sequences of @key are 32 bits, and could come
 *	round to the same values over a long enough time; never over a second
 * @entries: by a hash of the dentry
 *
 * Only the task itself reads or writes it, in task context: no lock.
 * Holds no references: a stamp changes before anything it names can be
 * freed and its address reused.
 */
struct ctrpol_name_cache {
	struct ctrpol_name_key key;
	u64 expires;
	struct ctrpol_name_entry entries[1 << CTRPOL_NAME_CACHE_BITS];
};

bool ctrpol_name_cache_find(const struct ctrpol_policy *pol, const struct path *root,
			    const struct path *path, struct ctrpol_name_key *key,
			    struct ctrpol_answer *ans);
void ctrpol_name_cache_store(const struct ctrpol_name_key *key, const struct path *path,
			     const struct ctrpol_answer *ans);
void __init ctrpol_add_name_cache_hooks(void);

#endif /* _SECURITY_CTRPOL_NAME_CACHE_H */
