// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - what a task's recent paths were found to be allowed
 *
 * A path's name, as the task's root spells it, is a function of: the
 * dentry and its ancestors' names and parents, which change only under
 * rename_lock; the mounts between it and the root, which change only under
 * mount_lock; and the root.  The answer of the file rules is a function of
 * the name and of the policy.  So an answer stays right while both locks'
 * sequences, the root and the policy stay the same, and the path is the
 * same mount and the same dentry.
 *
 * "The same" is the catch: the cache holds no references, so a dentry can
 * be freed and another one allocated at its address.  Pointers are
 * therefore compared together with a stamp kept in the inode: every dentry
 * that comes to name an inode passes security_d_instantiate() first, where
 * the inode gets a new stamp, unique on the machine.  A dentry found at a
 * cached address, naming an inode that still has the cached stamp, is the
 * dentry that was cached; a new one would have given its inode a new stamp
 * (a new inode starts at 0, which no entry has).  Mounts need no stamp: a
 * vfsmount is freed only after it left the mount tree or under
 * lock_mount_hash(), either of which moves mount_lock's sequence.  The
 * policy is compared by its id, which no other policy ever has.
 *
 * The sequences are 32 bits: two billion renames would bring one back to
 * a value an old entry has, so entries also expire a second after they
 * were made, long before.
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
#include <linux/percpu.h>
#include <linux/seqlock.h>
#include <linux/string.h>

#include "ctrpol.h"
/* fs/mount.h (Kbuild adds fs/ to this file's include path): mount_lock. */
#include "mount.h"

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

static bool key_equal(const struct ctrpol_name_key *a, const struct ctrpol_name_key *b)
{
	return a->rename_seq == b->rename_seq && a->mount_seq == b->mount_seq &&
	       a->policy_id == b->policy_id && a->root.mnt == b->root.mnt &&
	       a->root.dentry == b->root.dentry && a->root_stamp == b->root_stamp;
}

static struct ctrpol_name_entry *entry_of(struct ctrpol_name_cache *c, const struct path *path)
{
	return &c->entries[hash_ptr(path->dentry, CTRPOL_NAME_CACHE_BITS)];
}

/**
 * ctrpol_name_cache_find - current's answer for @path, if it still holds
 * @pol: the policy deciding, under rcu_read_lock()
 * @root: current's root, read under rcu_read_lock()
 * @path: the path, which the caller holds
 * @key: set to what names depend on now, for ctrpol_name_cache_store()
 * @ans: set to the answer on a hit
 *
 * Context: current's own file checks, in task context.
 * Return: whether there was one.
 */
bool ctrpol_name_cache_find(const struct ctrpol_policy *pol, const struct path *root,
			    const struct path *path, struct ctrpol_name_key *key,
			    struct ctrpol_answer *ans)
{
	struct ctrpol_name_cache *c = &ctrpol_task(current)->names;
	const struct ctrpol_name_entry *e = entry_of(c, path);

	if (!key_read(pol, root, key) || !key_equal(&c->key, key) ||
	    time_after64(get_jiffies_64(), c->expires) || e->dentry != path->dentry ||
	    e->mnt != path->mnt || !e->stamp || e->stamp != stamp_of(d_inode(path->dentry)))
		return false;
	ans->allow = e->allow;
	ans->deny = e->deny;
	ans->audit = e->audit;
	return true;
}

/**
 * ctrpol_name_cache_store - keep current's answer for @path
 * @key: set by ctrpol_name_cache_find() before the name was spelled; an
 *	unusable one (policy_id 0) keeps nothing
 * @path: the path, which the caller holds
 * @ans: what the file rules said of its name
 *
 * A key other than the cache's replaces it, and empties the cache; so does
 * the same key a second after the cache took it.
 *
 * Context: as ctrpol_name_cache_find().
 */
void ctrpol_name_cache_store(const struct ctrpol_name_key *key, const struct path *path,
			     const struct ctrpol_answer *ans)
{
	struct ctrpol_name_cache *c = &ctrpol_task(current)->names;
	struct ctrpol_name_entry *e = entry_of(c, path);
	u64 now = get_jiffies_64();

	if (!key->policy_id)
		return;
	if (!key_equal(&c->key, key) || time_after64(now, c->expires)) {
		c->key = *key;
		c->expires = now + HZ;
		memset(c->entries, 0, sizeof(c->entries));
	}
	*e = (struct ctrpol_name_entry){
		.mnt = path->mnt, .dentry = path->dentry,
		.stamp = stamp_of(d_inode(path->dentry)),
		.allow = ans->allow, .deny = ans->deny, .audit = ans->audit,
	};
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
