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
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/ctrpol.h>

#include "name_cache.h"
#include "policy.h"

struct cgroup;
struct kernfs_node;

/* Set once by the LSM init when ctrpol is in the active LSM list; read-only after boot. */
extern bool ctrpol_enabled;
extern const struct lsm_id ctrpol_lsmid;

extern struct mutex ctrpol_policy_lock;

struct ctrpol_attachment;

/**
 * struct ctrpol_task - what ctrpol keeps of a task (its LSM blob)
 * @armed: the cgroup id of the attachment nearest above the task when it
 *	(or the ancestor it forked from since) last executed a program; 0
 *	for none.  An attachment made with %CTRPOL_ATTACH_ON_EXEC confines only
 *	the tasks armed for it.  Written by the task itself at exec, copied at
 *	fork; read by hooks acting for it.
 * @cached_cgid: the cgroup the task was in when @cached was looked up
 * @cached_gen: the attachments' generation then (attach.c): any attach or
 *	detach since makes the entry stale; 0 for no entry
 * @cached: the attachment that confined the task then, or NULL for none
 *
 * The cached lookup spares every check the walk up the cgroup tree, one
 * hash lookup per level.  Only the task itself, in task context, reads or
 * writes it (copied at fork, before the child runs), so it needs no lock;
 * @cached is used only under rcu_read_lock() and while @cached_gen is
 * current, that is while the attachment is still in the table.
 */
struct ctrpol_task {
	u64 armed;
	u64 cached_cgid;
	u64 cached_gen;
	struct ctrpol_attachment *cached;
};

extern struct lsm_blob_sizes ctrpol_blob_sizes;

static inline struct ctrpol_task *ctrpol_task(const struct task_struct *task)
{
	return task->security + ctrpol_blob_sizes.lbs_task;
}

/*
 * On while at least one cgroup has a profile: until then every hook returns
 * at its first instruction.  Flipped under ctrpol_policy_lock.
 */
DECLARE_STATIC_KEY_FALSE(ctrpol_confining);

/**
 * struct ctrpol_policy - one loaded version of a profile: a verified blob
 * @rcu: frees it a grace period after it was replaced or unloaded
 * @id: no other policy loaded since boot has it: what caches compare
 * @view: typed pointers into @blob, set by the verifier
 * @size: bytes in @blob
 * @blob: the compiled profile as loaded
 *
 * Immutable once published: readers need no lock beyond RCU.
 */
struct ctrpol_policy {
	struct rcu_head rcu;
	u64 id;
	struct ctrpol_blob_view view;
	u32 size;
	u8 blob[] __aligned(8);
};

/* What a decision was, as counted: indexes of &struct ctrpol_counts.decisions. */
enum ctrpol_outcome {
	CTRPOL_ALLOWED,
	CTRPOL_DENIED,
	CTRPOL_COMPLAINED,
	CTRPOL_NOUTCOMES,
};

/**
 * struct ctrpol_counts - what a profile did, on one CPU
 * @decisions: by class (&enum ctrpol_rule_kind - 1) and outcome
 * @events: events sent
 * @dropped: events lost to the rate limit or for want of memory
 *
 * Per CPU, so that confined work on many CPUs does not share a cache line;
 * each CPU increments only its own, readers add them up.
 */
struct ctrpol_counts {
	u64 decisions[CTRPOL_RULE_KIND_MAX][CTRPOL_NOUTCOMES];
	u64 events;
	u64 dropped;
};

/**
 * struct ctrpol_profile - a named profile, what attachments point to
 * @policy: its current version: replaced under ctrpol_policy_lock, read
 *	under rcu_read_lock()
 * @node: in the list of profiles, under ctrpol_policy_lock
 * @nattached: attachments naming it, under ctrpol_policy_lock
 * @counts: its decisions and events since first loaded; kept across
 *	replacements
 * @event_due: the rate limit's clock (events.c): lock-free, by cmpxchg
 * @suppressed: events the rate limit dropped since the last one sent
 * @rcu: frees it a grace period after unload
 * @name: NUL-terminated, as in its blobs
 */
struct ctrpol_profile {
	struct ctrpol_policy __rcu *policy;
	struct list_head node;
	unsigned int nattached;
	struct ctrpol_counts __percpu *counts;
	atomic64_t event_due;
	atomic64_t suppressed;
	struct rcu_head rcu;
	char name[CTRPOL_NAME_MAX];
};

/**
 * struct ctrpol_answer - what the rules say of an operation's permissions
 * @allow: the bits they allow
 * @deny: the bits they deny; deny wins
 * @audit: the bits whose use they ask to report even when allowed
 */
struct ctrpol_answer {
	u64 allow;
	u64 deny;
	u64 audit;
};

/**
 * struct ctrpol_request - an operation to decide, and what its event names
 * @task: who acts: current, but for PTRACE_TRACEME its parent
 * @class: &enum ctrpol_rule_kind
 * @quiet: decide and count, but send no event (CAP_OPT_NOAUDIT probes)
 * @boundary: the cgroup boundary, which no rule decides (%CTRPOL_EV_BOUNDARY)
 * @want: the permission bits of @class asked for
 * @path: FILE: the file; MOUNT: where the mount is, or goes
 * @name: @path as spelled for the decision, while it is made; NULL when
 *	events must spell it themselves
 * @kn: FILE: instead of @path, a cgroup2 file (cgroup.procs), which has
 *	none where it is checked
 * @fstype: MOUNT: the filesystem type as rules name it, "" if none
 * @fssubtype: MOUNT: its subtype, or NULL
 * @source: MOUNT: what mount(2) was given as the source, or NULL
 * @cap: CAP: the capability
 * @net: NET: the socket and address
 * @peer: PEER: the task traced or signalled
 * @peer_profile: PEER: its profile's name, "" when unconfined
 * @signal: PEER: the signal, for %CTRPOL_PEER_SIGNAL
 *
 * Hooks fill in what their class needs; the rest stays zero.
 */
struct ctrpol_request {
	struct task_struct *task;
	u8 class;
	bool quiet;
	bool boundary;
	u64 want;
	const struct path *path;
	const char *name;
	struct kernfs_node *kn;
	const char *fstype;
	const char *fssubtype;
	const char *source;
	u8 cap;
	const struct ctrpol_net_query *net;
	struct task_struct *peer;
	const char *peer_profile;
	int signal;
};

/* profile.c: the loaded profiles; all under ctrpol_policy_lock. */
struct ctrpol_policy *ctrpol_policy_new(u32 size);
int ctrpol_policy_verify(struct ctrpol_policy *pol, const char **why);
int ctrpol_profile_load_set(struct ctrpol_policy **pols, unsigned int n, bool replace,
			    const char **why);
struct ctrpol_profile *ctrpol_profile_find(const char *name);
int ctrpol_profile_unload(const char *name);
unsigned int ctrpol_profile_count(void);
struct ctrpol_profile *ctrpol_profile_nth(unsigned long n);

/* attach.c: which cgroup has which profile. */
int ctrpol_attach(u64 cgid, struct ctrpol_profile *prof, bool on_exec, const char **why);
int ctrpol_detach(u64 cgid);
void ctrpol_attach_prune(void);
unsigned int ctrpol_attach_count(void);
bool ctrpol_attach_nth(unsigned long n, u64 *cgid, const char **name, bool *on_exec);
struct ctrpol_profile *ctrpol_task_profile(struct task_struct *task, struct cgroup **at);
bool ctrpol_current_confined(void);

/* events.c and event_audit.c: what is reported, and where to. */
extern struct genl_family ctrpol_nl_family;
void ctrpol_event(struct ctrpol_profile *prof, const struct ctrpol_request *req, u8 verdict,
		  u64 denied);
void ctrpol_counts_sum(const struct ctrpol_profile *prof, struct ctrpol_counts *sum);
void ctrpol_events_totals(u64 *sent, u64 *dropped);
u32 ctrpol_event_rate(void);
u32 ctrpol_event_burst(void);

/* Hooks, one file per class. */
void __init ctrpol_add_attach_hooks(void);
void __init ctrpol_add_file_hooks(void);
void __init ctrpol_add_cap_hooks(void);
void __init ctrpol_add_cgroup_hooks(void);
void __init ctrpol_add_surface_hooks(void);
void __init ctrpol_add_privilege_hooks(void);
void __init ctrpol_add_peer_hooks(void);
void __init ctrpol_add_mount_hooks(void);
void __init ctrpol_add_net_hooks(void);

#endif /* _SECURITY_CTRPOL_CTRPOL_H */
