// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - the loaded profiles
 *
 * A profile is a name, counters and an RCU pointer to its current policy
 * (a verified blob).  Loading a profile of an existing name swaps that
 * pointer, so every cgroup the profile is attached to moves to the new
 * policy at once; hooks still running on the old one finish with it before
 * it is freed.
 */

#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ctrpol.h"

/* Serializes policy changes: see ctrpol.h. */
DEFINE_MUTEX(ctrpol_policy_lock);

/* Every loaded profile; under ctrpol_policy_lock. */
static LIST_HEAD(profiles);
static unsigned int nprofiles;

/* The last &struct ctrpol_policy.id given. */
static atomic64_t policy_ids = ATOMIC64_INIT(0);

/**
 * ctrpol_policy_new - room for a blob of @size bytes, not yet verified
 * @size: at most %CTRPOL_MAX_BLOB_SIZE
 *
 * Return: the policy, to fill at ->blob, or NULL without memory.
 */
struct ctrpol_policy *ctrpol_policy_new(u32 size)
{
	struct ctrpol_policy *pol;

	pol = kvmalloc(struct_size(pol, blob, size), GFP_KERNEL_ACCOUNT);
	if (pol) {
		pol->id = atomic64_inc_return(&policy_ids);
		pol->size = size;
	}
	return pol;
}

/**
 * ctrpol_policy_verify - verify the blob of @pol and set its view
 * @pol: from ctrpol_policy_new(), its blob filled
 * @why: set to the reason a blob is refused
 *
 * Return: 0, or -EINVAL with @why set.
 */
int ctrpol_policy_verify(struct ctrpol_policy *pol, const char **why)
{
	return ctrpol_blob_verify(pol->blob, pol->size, &pol->view, why);
}

/**
 * ctrpol_profile_find - the loaded profile named @name
 * @name: NUL-terminated
 *
 * Context: ctrpol_policy_lock held.
 * Return: the profile, or NULL.
 */
struct ctrpol_profile *ctrpol_profile_find(const char *name)
{
	struct ctrpol_profile *prof;

	lockdep_assert_held(&ctrpol_policy_lock);
	list_for_each_entry(prof, &profiles, node)
		if (!strcmp(prof->name, name))
			return prof;
	return NULL;
}

static void profile_free(struct ctrpol_profile *prof)
{
	free_percpu(prof->counts);
	kfree(prof);
}

/* A profile not yet listed, to publish @name under. */
static struct ctrpol_profile *profile_new(const char *name)
{
	struct ctrpol_profile *prof = kzalloc(sizeof(*prof), GFP_KERNEL_ACCOUNT);

	if (!prof)
		return NULL;
	prof->counts = alloc_percpu_gfp(struct ctrpol_counts, GFP_KERNEL_ACCOUNT);
	if (!prof->counts) {
		kfree(prof);
		return NULL;
	}
	strscpy(prof->name, name, sizeof(prof->name));
	INIT_LIST_HEAD(&prof->node);
	return prof;
}

/* @prof from profile_new(), or listed; its policy from now on is @pol. */
static void publish(struct ctrpol_profile *prof, struct ctrpol_policy *pol)
{
	struct ctrpol_policy *old;

	if (list_empty(&prof->node)) {
		RCU_INIT_POINTER(prof->policy, pol);
		list_add_tail(&prof->node, &profiles);
		nprofiles++;
		return;
	}
	old = rcu_replace_pointer(prof->policy, pol, lockdep_is_held(&ctrpol_policy_lock));
	kvfree_rcu(old, rcu);
}

/* Where @pol goes: its loaded profile, or a new one; sets *@why on a refusal. */
static int claim(const struct ctrpol_policy *pol, bool replace, struct ctrpol_profile **slot,
		 const char **why)
{
	const char *name = pol->view.profile->name;

	*slot = ctrpol_profile_find(name);
	if (*slot && !replace) {
		*slot = NULL;
		*why = "a profile of that name is loaded: replace it or unload it first";
		return -EEXIST;
	}
	if (!*slot)
		*slot = profile_new(name);
	return *slot ? 0 : -ENOMEM;
}

/**
 * ctrpol_profile_load_set - publish verified policies under their names, all or none
 * @pols: @n policies verified by ctrpol_policy_verify(); owned by the store
 *	on success, still the caller's on failure
 * @n: 1 to %CTRPOL_MAX_LOAD_BLOBS
 * @replace: whether loaded profiles of those names may be replaced
 * @why: set to the reason for an -EINVAL or -EEXIST
 *
 * Everything that can fail (a name given twice, a name taken, memory for
 * the new profiles) is done before the first change, so a refusal leaves
 * the store as it was.  Each cgroup moves to its profile's new policy at
 * once; a hook running meanwhile decides on the old or the new one.
 *
 * Context: ctrpol_policy_lock held.
 * Return: 0, -EINVAL, -EEXIST, or -ENOMEM.
 */
int ctrpol_profile_load_set(struct ctrpol_policy **pols, unsigned int n, bool replace,
			    const char **why)
{
	struct ctrpol_profile **slots;
	unsigned int i, j;
	int err = 0;

	lockdep_assert_held(&ctrpol_policy_lock);
	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(pols[i]->view.profile->name, pols[j]->view.profile->name)) {
				*why = "the load holds two blobs of one profile name";
				return -EINVAL;
			}
	slots = kcalloc(n, sizeof(*slots), GFP_KERNEL);
	if (!slots)
		return -ENOMEM;
	for (i = 0; i < n && !err; i++)
		err = claim(pols[i], replace, &slots[i], why);
	/* Unclaimed slots are NULL; those claimed are all published, or the new ones freed. */
	for (i = 0; i < n && slots[i]; i++) {
		if (!err)
			publish(slots[i], pols[i]);
		else if (list_empty(&slots[i]->node))
			profile_free(slots[i]);
	}
	kfree(slots);
	return err;
}

static void profile_free_rcu(struct rcu_head *head)
{
	struct ctrpol_profile *prof = container_of(head, struct ctrpol_profile, rcu);

	/* The last reader is gone: nobody can replace the policy either. */
	kvfree(rcu_dereference_protected(prof->policy, 1));
	profile_free(prof);
}

/**
 * ctrpol_profile_unload - remove the profile named @name
 * @name: NUL-terminated
 *
 * Context: ctrpol_policy_lock held.
 * Return: 0, -ENOENT when there is none, -EBUSY while it is attached.
 */
int ctrpol_profile_unload(const char *name)
{
	struct ctrpol_profile *prof = ctrpol_profile_find(name);

	if (!prof)
		return -ENOENT;
	if (prof->nattached)
		return -EBUSY;
	list_del(&prof->node);
	nprofiles--;
	call_rcu(&prof->rcu, profile_free_rcu);
	return 0;
}

/**
 * ctrpol_profile_count - how many profiles are loaded
 *
 * Context: ctrpol_policy_lock held.
 * Return: their number.
 */
unsigned int ctrpol_profile_count(void)
{
	lockdep_assert_held(&ctrpol_policy_lock);
	return nprofiles;
}

/**
 * ctrpol_profile_nth - the profile at position @n, for dumps that resume
 * @n: 0-based, in load order
 *
 * Context: ctrpol_policy_lock held.
 * Return: the profile, or NULL past the last.
 */
struct ctrpol_profile *ctrpol_profile_nth(unsigned long n)
{
	struct ctrpol_profile *prof;

	lockdep_assert_held(&ctrpol_policy_lock);
	list_for_each_entry(prof, &profiles, node)
		if (!n--)
			return prof;
	return NULL;
}
