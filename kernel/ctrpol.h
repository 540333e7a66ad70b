/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctrpol LSM - declarations shared by the kernel-side files
 *
 * Locking: ctrpol_policy_lock (a mutex, taken by netlink commands only)
 * serializes every change to profiles and attachments.  Hooks never take
 * it: they read under rcu_read_lock(), and whatever a change unlinks is
 * freed only after a grace period.
 */
#ifndef _SECURITY_CTRPOL_CTRPOL_H
#define _SECURITY_CTRPOL_CTRPOL_H

#include <linux/atomic.h>
#include <linux/jump_label.h>
#include <linux/list.h>
#include <linux/lsm_hooks.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/ctrpol.h>

#include "policy.h"

struct cgroup;

/* Set once by the LSM init when ctrpol is in the active LSM list; read-only after boot. */
extern bool ctrpol_enabled;
extern const struct lsm_id ctrpol_lsmid;

extern struct mutex ctrpol_policy_lock;

/*
 * On while at least one cgroup has a profile: until then every hook returns
 * at its first instruction.  Flipped under ctrpol_policy_lock.
 */
DECLARE_STATIC_KEY_FALSE(ctrpol_confining);

/**
 * struct ctrpol_policy - one loaded version of a profile: a verified blob
 * @rcu: frees it a grace period after it was replaced or unloaded
 * @view: typed pointers into @blob, set by the verifier
 * @size: bytes in @blob
 * @blob: the compiled profile as loaded
 *
 * Immutable once published: readers need no lock beyond RCU.
 */
struct ctrpol_policy {
	struct rcu_head rcu;
	struct ctrpol_blob_view view;
	u32 size;
	u8 blob[] __aligned(8);
};

/**
 * struct ctrpol_profile - a named profile, what attachments point to
 * @policy: its current version: replaced under ctrpol_policy_lock, read
 *	under rcu_read_lock()
 * @node: in the list of profiles, under ctrpol_policy_lock
 * @nattached: attachments naming it, under ctrpol_policy_lock
 * @allowed: operations it mediated and allowed; kept across replacements
 * @denied: operations it denied
 * @complained: operations it would have denied, allowed in complain mode
 * @rcu: frees it a grace period after unload
 * @name: NUL-terminated, as in its blobs
 */
struct ctrpol_profile {
	struct ctrpol_policy __rcu *policy;
	struct list_head node;
	unsigned int nattached;
	atomic64_t allowed;
	atomic64_t denied;
	atomic64_t complained;
	struct rcu_head rcu;
	char name[CTRPOL_NAME_MAX];
};

/* profile.c: the loaded profiles; all under ctrpol_policy_lock. */
struct ctrpol_policy *ctrpol_policy_new(u32 size);
int ctrpol_policy_verify(struct ctrpol_policy *pol, const char **why);
int ctrpol_profile_load(struct ctrpol_policy *pol, bool replace, bool *replaced);
struct ctrpol_profile *ctrpol_profile_find(const char *name);
int ctrpol_profile_unload(const char *name);
unsigned int ctrpol_profile_count(void);
struct ctrpol_profile *ctrpol_profile_nth(unsigned long n);

/* attach.c: which cgroup has which profile. */
int ctrpol_attach(u64 cgid, struct ctrpol_profile *prof, const char **why);
int ctrpol_detach(u64 cgid);
void ctrpol_attach_prune(void);
unsigned int ctrpol_attach_count(void);
bool ctrpol_attach_nth(unsigned long n, u64 *cgid, const char **name);
struct ctrpol_profile *ctrpol_task_profile(struct task_struct *task, struct cgroup **at);
bool ctrpol_current_confined(void);

struct path;

/* path.c */
void ctrpol_path_perms(const struct ctrpol_dfa_view *dfa, u32 state, const struct path *path,
		       u32 *allow, u32 *deny);

/* verdict.c */
int ctrpol_verdict(struct ctrpol_profile *prof, const struct ctrpol_policy *pol, u64 want,
		   u64 allow, u64 deny, int err);

/* The classes of rules that are sets of bits: one bit per capability, surface... */
enum ctrpol_bits {
	CTRPOL_BITS_CAPS,	/* bit n: capability n */
	CTRPOL_BITS_KERNEL,	/* %CTRPOL_KERNEL_* and %CTRPOL_PRIV_* */
};

int ctrpol_check_bits(enum ctrpol_bits class, u64 want, int err);
int ctrpol_bits_enforced(enum ctrpol_bits class, u64 want, int err);

/* Hooks, one file per class. */
void __init ctrpol_add_file_hooks(void);
void __init ctrpol_add_cap_hooks(void);
void __init ctrpol_add_cgroup_hooks(void);
void __init ctrpol_add_surface_hooks(void);
void __init ctrpol_add_privilege_hooks(void);
void __init ctrpol_add_peer_hooks(void);
void __init ctrpol_add_mount_hooks(void);
void __init ctrpol_add_net_hooks(void);

#endif /* _SECURITY_CTRPOL_CTRPOL_H */
