// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - from the rules' answer to the hook's return value
 *
 * Every class of rules decides the same way: deny wins, then allow, then
 * the profile's default; complain mode turns a denial into a record.
 * Whatever is refused, would be refused, or is named by an audit rule
 * becomes an event.
 */

#include <linux/percpu.h>
#include <linux/sched.h>

#include "verdict.h"

/* The bits of @want the rules refuse, the profile's default included. */
static u64 refused(const struct ctrpol_policy *pol, u64 want, const struct ctrpol_answer *ans)
{
	u64 bits = want & ans->deny;

	if (pol->view.profile->default_action == CTRPOL_DEFAULT_DENY)
		bits |= want & ~ans->allow;
	return bits;
}

static void count(struct ctrpol_profile *prof, u8 class, enum ctrpol_outcome outcome)
{
	this_cpu_inc(prof->counts->decisions[class - 1][outcome]);
}

/**
 * ctrpol_verdict - decide an operation, count the decision, report it
 * @prof: the profile confining the task
 * @pol: its policy, read under the same rcu_read_lock() as @prof
 * @req: the operation; @req->want is not 0
 * @ans: what the rules of its class say of it
 * @err: what a denial returns (-EACCES for files, -EPERM for privilege)
 *
 * Context: rcu_read_lock() held; atomic-safe.
 * Return: 0 when allowed, or in complain mode; @err when denied.
 */
int ctrpol_verdict(struct ctrpol_profile *prof, const struct ctrpol_policy *pol,
		   const struct ctrpol_request *req, const struct ctrpol_answer *ans, int err)
{
	u64 bits = refused(pol, req->want, ans);
	bool complain = pol->view.profile->mode == CTRPOL_MODE_COMPLAIN;
	u8 verdict = complain ? CTRPOL_VERDICT_COMPLAINED : CTRPOL_VERDICT_DENIED;

	if (!bits) {
		count(prof, req->class, CTRPOL_ALLOWED);
		if ((req->want & ans->audit) && !req->quiet)
			ctrpol_event(prof, req, CTRPOL_VERDICT_AUDITED, 0);
		return 0;
	}
	count(prof, req->class, complain ? CTRPOL_COMPLAINED : CTRPOL_DENIED);
	if (!req->quiet)
		ctrpol_event(prof, req, verdict, bits);
	return complain ? 0 : err;
}

/**
 * ctrpol_verdict_if_silent - ctrpol_verdict() for an operation allowed unreported
 * @prof: the profile confining the task
 * @pol: its policy, read under the same rcu_read_lock() as @prof
 * @req: the operation
 * @ans: what the rules of its class say of it
 *
 * For a caller that has the answer but not what an event would need (a
 * path's name): only an allowed use that no audit rule names is decided.
 *
 * Context: rcu_read_lock() held; atomic-safe.
 * Return: true when @req is allowed and reports nothing: it is counted;
 * false otherwise, with nothing done.
 */
bool ctrpol_verdict_if_silent(struct ctrpol_profile *prof, const struct ctrpol_policy *pol,
			      const struct ctrpol_request *req, const struct ctrpol_answer *ans)
{
	if (refused(pol, req->want, ans) || (req->want & ans->audit))
		return false;
	count(prof, req->class, CTRPOL_ALLOWED);
	return true;
}

/**
 * ctrpol_decide_bits - decide @want for current by the bit sets of @class
 * @class: which section's allow and deny sets decide
 * @want: the bit asked for
 * @err: what a denial returns
 * @count: count (and report) the decision; if not, only say what enforce
 *	mode would return
 * @quiet: count the decision but send no event
 *
 * The out-of-line half of ctrpol_check_bits() and ctrpol_bits_enforced(),
 * which test first whether anything is attached.
 *
 * Context: any, atomic included: takes only rcu_read_lock().
 * Return: 0 for an unconfined task or an allowed operation, else @err.
 */
int ctrpol_decide_bits(enum ctrpol_bits class, u64 want, int err, bool count, bool quiet)
{
	struct ctrpol_request req = { .task = current, .want = want, .quiet = quiet };
	const struct ctrpol_policy *pol;
	struct ctrpol_profile *prof;
	struct ctrpol_answer ans;
	int ret = 0;

	rcu_read_lock();
	prof = ctrpol_task_profile(current, NULL);
	if (prof) {
		pol = rcu_dereference(prof->policy);
		if (class == CTRPOL_BITS_CAPS) {
			req.class = CTRPOL_RULE_CAP;
			req.cap = __ffs64(want);
			ans.allow = le64_to_cpu(pol->view.caps->allow);
			ans.deny = le64_to_cpu(pol->view.caps->deny);
			ans.audit = le64_to_cpu(pol->view.caps->audit);
		} else {
			req.class = CTRPOL_RULE_KERNEL;
			ans.allow = le32_to_cpu(pol->view.kernel->allow);
			ans.deny = le32_to_cpu(pol->view.kernel->deny);
			ans.audit = le32_to_cpu(pol->view.kernel->audit);
		}
		if (count)
			ret = ctrpol_verdict(prof, pol, &req, &ans, err);
		else if (pol->view.profile->mode == CTRPOL_MODE_ENFORCE &&
			 refused(pol, want, &ans))
			ret = err;
	}
	rcu_read_unlock();
	return ret;
}
