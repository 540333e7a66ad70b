// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - what paths spelled lately were found to be allowed
 *
 * A path's name, as the task's root spells it, is a function of: the
 * dentry and its ancestors' names and parents, which change only under
 * rename_lock; the mounts between it and the root, which change only under
 * mount_lock; and the root.  The answer of the file rules is a function of
 * the name and of the policy.  So an answer stays right while both locks'
 * sequences, the root and the policy stay the same, and the path is the
 * same mount and the same dentry; it does not depend on the task, and any
 * task with that root and policy may use it (the workers of a container).
 *
 * "The same" is the catch: the cache holds no references, so a dentry can
 * be freed and another one allocated at its address.  Dentries (the file's
 * and the root's) are therefore compared together with a stamp kept in
 * the inode: every dentry that comes to name an inode passes
 * security_d_instantiate() first, where the inode gets a new stamp, unique
 * on the machine.  A dentry found at a cached address, naming an inode
 * that still has the cached stamp, is the dentry that was cached; a new
 * one would have given its inode a new stamp (a new inode starts at 0,
 * which no entry has).  Mounts need no stamp: a vfsmount is freed only
 * after it left the mount tree or under lock_mount_hash(), either of which
 * moves mount_lock's sequence.  The policy is compared by its id, which no
 * other policy ever has.
 *
 * The sequences are 32 bits: two billion renames would bring one back to
 * a value an old entry has, so a CPU's cache also empties itself a second
 * after it took its sequences, long before.
 *
 * A task spells the name with the key it read before, so a change made
 * while it spells leaves an entry under a key that no longer matches.  One
 * made while a hit is being checked orders the check before the change,
 * as if the open had come first, the same as for a name being spelled.
 */

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/local_lock.h>
#include <linux/percpu.h>
#include <linux/seqlock.h>
#include <linux/string.h>

#include "ctrpol.h"
/* fs/mount.h (Kbuild adds fs/ to this file's include path): mount_lock. */
#include "mount.h"

#define NAME_CACHE_BITS 5

/*
 * The answer for one path, under one root and one policy.  Pointers are
 * compared only, never dereferenced.  allow, deny and audit are file
 * permissions, which the verifier keeps below CTRPOL_FILE_ALL.
 */
struct name_entry {
	u64 policy_id;		/* 0: no entry */
	struct vfsmount *root_mnt;
	struct dentry *root_dentry;
	u64 root_stamp;
	struct vfsmount *mnt;
	struct dentry *dentry;
	u64 stamp;		/* of the dentry's inode */
	u16 allow;
	u16 deny;
	u16 audit;
};

/*
 * One CPU's entries, by a hash of the dentry, all made under the same
 * sequences of rename_lock and mount_lock: a different pair empties the
 * cache, as does its age (below).  Any task's check on the CPU may use
 * them: what they depend on is in their key, not in the task.  The local
 * lock keeps a check on its CPU while it reads or writes them; nothing in
 * between sleeps.
 */
struct name_cache {
	local_lock_t lock;
	unsigned int rename_seq;
	unsigned int mount_seq;
	u64 expires;		/* jiffies */
	struct name_entry entries[1 << NAME_CACHE_BITS];
};

static DEFINE_PER_CPU(struct name_cache, name_caches) = {
	.lock = INIT_LOCAL_LOCK(lock),
};

/* Per CPU, so that creating dentries on many CPUs shares no counter. */
static DEFINE_PER_CPU(u64, stamps_issued);

/* A stamp no other call returns: this CPU's count, and which CPU counted. */
static u64 new_stamp(void)
{
	unsigned int cpu = get_cpu();
	u64 n = this_cpu_inc_return(stamps_issued);

	put_cpu();
	return n * nr_cpu_ids + cpu;
}

static struct ctrpol_inode *ctrpol_inode(const struct inode *inode)
{
	return inode->i_security + ctrpol_blob_sizes.lbs_inode;
}

static u64 stamp_of(const struct inode *inode)
{
	return inode ? READ_ONCE(ctrpol_inode(inode)->stamp) : 0;
}

/*
 * Before the dentry is made to name @inode: a task can find the dentry
 * only after this store, which the dcache's locks publish first.  Also
 * with nothing attached: a stamp missed then could never be told apart.
 */
static void ctrpol_d_instantiate(struct dentry *dentry, struct inode *inode)
{
	if (inode)
		WRITE_ONCE(ctrpol_inode(inode)->stamp, new_stamp());
}

/*
 * What names depend on now, for current; read before a name is spelled.
 * While a rename or a mount change is under way the key is left unusable
 * (policy_id 0): the cache is then neither read nor written.
 */
static bool key_read(const struct ctrpol_policy *pol, const struct path *root,
		     struct ctrpol_name_key *key)
{
	/* Each read is followed by smp_rmb(): the rest is read after it. */
	key->rename_seq = raw_read_seqcount(&rename_lock.seqcount);
	key->mount_seq = raw_read_seqcount(&mount_lock.seqcount);
	key->policy_id = pol->id;
	key->root = *root;
	key->root_stamp = stamp_of(d_inode(root->dentry));
	if (!((key->rename_seq | key->mount_seq) & 1) && key->root_stamp)
		return true;
	key->policy_id = 0;
	return false;
}

/* Whether @c's entries were made under @key's sequences, and are young enough. */
static bool cache_current(const struct name_cache *c, const struct ctrpol_name_key *key, u64 now)
{
	return c->rename_seq == key->rename_seq && c->mount_seq == key->mount_seq &&
	       !time_after64(now, c->expires);
}

static struct name_entry *entry_of(struct name_cache *c, const struct path *path)
{
	return &c->entries[hash_ptr(path->dentry, NAME_CACHE_BITS)];
}

/**
 * ctrpol_name_cache_find - the answer for @path, if one made lately holds
 * @pol: the policy deciding, under rcu_read_lock()
 * @root: current's root, read under rcu_read_lock()
 * @path: the path, which the caller holds
 * @key: set to what names depend on now, for ctrpol_name_cache_store()
 * @ans: set to the answer on a hit
 *
 * Context: rcu_read_lock() held; does not sleep.
 * Return: whether there was one.
 */
bool ctrpol_name_cache_find(const struct ctrpol_policy *pol, const struct path *root,
			    const struct path *path, struct ctrpol_name_key *key,
			    struct ctrpol_answer *ans)
{
	const struct name_entry *e;
	struct name_cache *c;
	bool hit;

	if (!key_read(pol, root, key))
		return false;
	local_lock(&name_caches.lock);
	c = this_cpu_ptr(&name_caches);
	e = entry_of(c, path);
	hit = cache_current(c, key, get_jiffies_64()) && e->policy_id == key->policy_id &&
	      e->dentry == path->dentry && e->mnt == path->mnt &&
	      e->root_dentry == root->dentry && e->root_mnt == root->mnt &&
	      e->root_stamp == key->root_stamp && e->stamp &&
	      e->stamp == stamp_of(d_inode(path->dentry));
	if (hit) {
		ans->allow = e->allow;
		ans->deny = e->deny;
		ans->audit = e->audit;
	}
	local_unlock(&name_caches.lock);
	return hit;
}

/**
 * ctrpol_name_cache_store - keep the answer for @path
 * @key: set by ctrpol_name_cache_find() before the name was spelled; an
 *	unusable one (policy_id 0) keeps nothing
 * @path: the path, which the caller holds
 * @ans: what the file rules said of its name
 *
 * Sequences other than the cache's replace them, and empty the cache; so
 * does their age, a second after the cache took them.
 *
 * Context: as ctrpol_name_cache_find().
 */
void ctrpol_name_cache_store(const struct ctrpol_name_key *key, const struct path *path,
			     const struct ctrpol_answer *ans)
{
	u64 now = get_jiffies_64();
	struct name_cache *c;

	BUILD_BUG_ON(CTRPOL_FILE_ALL > U16_MAX);
	if (!key->policy_id)
		return;
	local_lock(&name_caches.lock);
	c = this_cpu_ptr(&name_caches);
	if (!cache_current(c, key, now)) {
		c->rename_seq = key->rename_seq;
		c->mount_seq = key->mount_seq;
		c->expires = now + HZ;
		memset(c->entries, 0, sizeof(c->entries));
	}
	*entry_of(c, path) = (struct name_entry){
		.policy_id = key->policy_id,
		.root_mnt = key->root.mnt, .root_dentry = key->root.dentry,
		.root_stamp = key->root_stamp,
		.mnt = path->mnt, .dentry = path->dentry,
		.stamp = stamp_of(d_inode(path->dentry)),
		.allow = ans->allow, .deny = ans->deny, .audit = ans->audit,
	};
	local_unlock(&name_caches.lock);
}

static struct security_hook_list ctrpol_name_cache_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(d_instantiate, ctrpol_d_instantiate),
};

/**
 * ctrpol_add_name_cache_hooks - register the hook that stamps inodes
 */
void __init ctrpol_add_name_cache_hooks(void)
{
	security_add_hooks(ctrpol_name_cache_hooks, ARRAY_SIZE(ctrpol_name_cache_hooks),
			   &ctrpol_lsmid);
}
