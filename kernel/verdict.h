/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctrpol LSM - deciding an operation (verdict.c): what the hooks call once
 * the rules of a class have answered.  Attachments and events stand below
 * it; nothing it calls includes this header.
 */
#ifndef _SECURITY_CTRPOL_VERDICT_H
#define _SECURITY_CTRPOL_VERDICT_H

#include "ctrpol.h"

int ctrpol_verdict(struct ctrpol_profile *prof, const struct ctrpol_policy *pol,
		   const struct ctrpol_request *req, const struct ctrpol_answer *ans, int err);
bool ctrpol_verdict_if_silent(struct ctrpol_profile *prof, const struct ctrpol_policy *pol,
			      const struct ctrpol_request *req, const struct ctrpol_answer *ans);

/* The classes of rules that are sets of bits: one bit per capability, surface... */
enum ctrpol_bits {
	CTRPOL_BITS_CAPS,	/* bit n: capability n */
	CTRPOL_BITS_KERNEL,	/* %CTRPOL_KERNEL_* and %CTRPOL_PRIV_* */
};

int ctrpol_decide_bits(enum ctrpol_bits class, u64 want, int err, bool count, bool quiet);

/**
 * ctrpol_check_bits - whether current may use @want, by a class of bit sets
 * @class: which section's allow and deny sets decide
 * @want: the bit asked for
 * @err: what a denial returns
 * @quiet: count the decision but send no event
 *
 * Inline, so that with nothing attached a hook pays one test and no call.
 *
 * Context: any, atomic included: takes only rcu_read_lock().
 * Return: 0 for an unconfined task or an allowed operation, else @err.
 */
static inline int ctrpol_check_bits(enum ctrpol_bits class, u64 want, int err, bool quiet)
{
	if (!static_branch_unlikely(&ctrpol_confining))
		return 0;
	return ctrpol_decide_bits(class, want, err, true, quiet);
}

/**
 * ctrpol_bits_enforced - what ctrpol_check_bits() would return, uncounted
 * @class: which section's allow and deny sets decide
 * @want: the bit asked for
 * @err: what a denial returns
 *
 * For hooks that apply a rule to every operation of a kind but count (and
 * report) only those where it makes a difference.
 *
 * Return: 0 or @err.
 */
static inline int ctrpol_bits_enforced(enum ctrpol_bits class, u64 want, int err)
{
	if (!static_branch_unlikely(&ctrpol_confining))
		return 0;
	return ctrpol_decide_bits(class, want, err, false, true);
}

#endif /* _SECURITY_CTRPOL_VERDICT_H */
