// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - the "ctrpol" generic netlink family
 *
 * Every command has its own strict attribute policy, so the netlink core
 * rejects unknown, misplaced and malformed attributes with EINVAL before a
 * handler runs.  The family lives in the initial network namespace only:
 * a container with its own netns cannot even resolve it.  Requests run in
 * the sender's context, so "current" is the task asking.
 */

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/init.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "ctrpol.h"
#include "release.h"

/* genl_split_ops.internal_flags: the command changes policy... */
#define CTRPOL_NL_CHANGES_POLICY	BIT(0)
/* ...or reports attachments, those of removed cgroups dropped first. */
#define CTRPOL_NL_REPORTS_ATTACHMENTS	BIT(1)

/* Only ever incremented; read without locking for reports. */
static atomic64_t nl_requests = ATOMIC64_INIT(0);
static atomic64_t nl_refused = ATOMIC64_INIT(0);

/*
 * Every entry is NLA_UNSPEC, which strict validation rejects as
 * "Unsupported attribute": the commands using it take no attribute.
 */
static const struct nla_policy ctrpol_no_attr_policy[CTRPOL_A_MAX + 1];

/* Past what the s16 bounds of NLA_POLICY_RANGE() can say. */
static const struct netlink_range_validation blob_chunk_range = {
	.min = 1,
	.max = CTRPOL_BLOB_CHUNK_MAX,
};

static const struct nla_policy ctrpol_load_policy[CTRPOL_A_MAX + 1] = {
	[CTRPOL_A_BLOB] = NLA_POLICY_FULL_RANGE(NLA_BINARY, &blob_chunk_range),
	[CTRPOL_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, CTRPOL_LOAD_ALL),
};

static const struct nla_policy ctrpol_name_policy[CTRPOL_A_MAX + 1] = {
	[CTRPOL_A_NAME] = { .type = NLA_NUL_STRING, .len = CTRPOL_NAME_MAX - 1 },
};

static const struct nla_policy ctrpol_attach_policy[CTRPOL_A_MAX + 1] = {
	[CTRPOL_A_NAME] = { .type = NLA_NUL_STRING, .len = CTRPOL_NAME_MAX - 1 },
	[CTRPOL_A_CGROUP_ID] = { .type = NLA_U64 },
	[CTRPOL_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, CTRPOL_ATTACH_ALL),
};

static const struct nla_policy ctrpol_cgroup_policy[CTRPOL_A_MAX + 1] = {
	[CTRPOL_A_CGROUP_ID] = { .type = NLA_U64 },
};

/* Give a request's error a reason with static storage, as extack keeps the pointer. */
static void set_reason(struct netlink_ext_ack *extack, const char *why)
{
	if (extack)
		extack->_msg = why;
}

/* Whether the request may go on; counts and explains a refusal. */
static int check_privilege(struct sk_buff *skb, bool changes_policy,
			   struct netlink_ext_ack *extack)
{
	const char *why = NULL;

	atomic64_inc(&nl_requests);
	/*
	 * netlink_capable() checks both the opener of the socket and the
	 * sender against the initial user namespace, so a socket passed to or
	 * opened by an unprivileged task does not carry privilege.
	 */
	if (!netlink_capable(skb, CAP_NET_ADMIN))
		why = "CAP_NET_ADMIN in the initial user namespace is required";
	else if (changes_policy && !netlink_capable(skb, CAP_MAC_ADMIN))
		why = "CAP_MAC_ADMIN in the initial user namespace is required to change policy";
	else if (changes_policy && ctrpol_current_confined())
		why = "a task confined by a ctrpol profile may not change policy";
	if (!why)
		return 0;
	atomic64_inc(&nl_refused);
	set_reason(extack, why);
	return -EPERM;
}

/**
 * ctrpol_nl_pre_doit - check privilege, then take the policy lock
 * @ops: the command's operation
 * @skb: the request
 * @info: request attributes and extack
 *
 * Every command runs under ctrpol_policy_lock, released by
 * ctrpol_nl_post_doit(); one that reports attachments runs after dropping
 * those of removed cgroups.
 *
 * Return: 0 to proceed, -EPERM with an extack message otherwise.
 */
static int ctrpol_nl_pre_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
			      struct genl_info *info)
{
	int err = check_privilege(skb, ops->internal_flags & CTRPOL_NL_CHANGES_POLICY,
				  info->extack);

	if (err)
		return err;
	mutex_lock(&ctrpol_policy_lock);
	if (ops->internal_flags & CTRPOL_NL_REPORTS_ATTACHMENTS)
		ctrpol_attach_prune();
	return 0;
}

static void ctrpol_nl_post_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
				struct genl_info *info)
{
	mutex_unlock(&ctrpol_policy_lock);
}

/* Dumps get no pre_doit: their start callback checks privilege instead. */
static int ctrpol_nl_dump_start(struct netlink_callback *cb)
{
	return check_privilege(cb->skb, false, cb->extack);
}

static int put_u64_counter(struct sk_buff *msg, int type, u64 value)
{
	return nla_put_u64_64bit(msg, type, value, CTRPOL_COUNTER_PAD);
}

static int put_status_counters(struct sk_buff *msg)
{
	struct nlattr *nest = nla_nest_start(msg, CTRPOL_A_COUNTERS);
	u64 sent, dropped;

	if (!nest)
		return -EMSGSIZE;
	ctrpol_events_totals(&sent, &dropped);
	if (put_u64_counter(msg, CTRPOL_COUNTER_REQUESTS, atomic64_read(&nl_requests)) ||
	    put_u64_counter(msg, CTRPOL_COUNTER_REFUSED, atomic64_read(&nl_refused)) ||
	    put_u64_counter(msg, CTRPOL_COUNTER_EVENTS, sent) ||
	    put_u64_counter(msg, CTRPOL_COUNTER_DROPPED, dropped)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int ctrpol_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_iput(msg, info);
	if (!hdr ||
	    nla_put_string(msg, CTRPOL_A_VERSION, CTRPOL_RELEASE) ||
	    nla_put_u32(msg, CTRPOL_A_ABI_VERSION, CTRPOL_ABI_VERSION) ||
	    put_status_counters(msg) ||
	    nla_put_u32(msg, CTRPOL_A_NPROFILES, ctrpol_profile_count()) ||
	    nla_put_u32(msg, CTRPOL_A_NATTACHMENTS, ctrpol_attach_count()) ||
	    nla_put_u32(msg, CTRPOL_A_EVENT_RATE, ctrpol_event_rate()) ||
	    nla_put_u32(msg, CTRPOL_A_EVENT_BURST, ctrpol_event_burst())) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* A reader of the request's CTRPOL_A_BLOB pieces, joined in order. */
struct pieces {
	const struct nlattr *nla;	/* the piece being read */
	int rem;			/* bytes of attributes from it on */
	int off;			/* bytes of it read */
};

/* Copy the next @n bytes of the pieces; the caller knows there are that many. */
static void pieces_read(struct pieces *p, void *dst, u32 n)
{
	int len;

	while (n) {
		while (nla_type(p->nla) != CTRPOL_A_BLOB || p->off == nla_len(p->nla)) {
			p->nla = nla_next(p->nla, &p->rem);
			p->off = 0;
		}
		len = min_t(u32, n, nla_len(p->nla) - p->off);
		memcpy(dst, nla_data(p->nla) + p->off, len);
		p->off += len;
		dst += len;
		n -= len;
	}
}

/**
 * gather_blobs - the blobs of a load request, each a policy of its own, verified
 * @info: the request, its attributes validated by ctrpol_load_policy
 * @pols: room for %CTRPOL_MAX_LOAD_BLOBS policies
 * @n: set to how many are in @pols, to free on failure as on success
 * @why: set to the reason for an -EINVAL
 *
 * Each blob is allocated at the size its header gives, bounded before
 * anything is allocated, and verified whole.
 *
 * Return: 0, -EINVAL, or -ENOMEM.
 */
static int gather_blobs(struct genl_info *info, struct ctrpol_policy **pols, unsigned int *n,
			const char **why)
{
	struct pieces p = { genlmsg_data(info->genlhdr), genlmsg_len(info->genlhdr), 0 };
	struct ctrpol_blob_header h;
	const struct nlattr *nla;
	struct pieces peek;
	u64 left = 0;
	u32 size;
	int rem;

	nla_for_each_attr_type(nla, CTRPOL_A_BLOB, p.nla, p.rem, rem)
		left += nla_len(nla);
	*why = !left ? "no CTRPOL_A_BLOB: nothing to load" :
	       left > CTRPOL_MAX_LOAD_SIZE ? "the blobs are larger than CTRPOL_MAX_LOAD_SIZE" :
	       NULL;
	for (*n = 0; !*why && left; left -= size) {
		if (*n == CTRPOL_MAX_LOAD_BLOBS) {
			*why = "the load holds more than CTRPOL_MAX_LOAD_BLOBS blobs";
			break;
		}
		if (left < sizeof(h)) {
			*why = "the last blob is shorter than a blob header";
			break;
		}
		peek = p;
		pieces_read(&peek, &h, sizeof(h));
		size = le32_to_cpu(h.size);
		if (size < sizeof(h) || size > left || size > CTRPOL_MAX_BLOB_SIZE) {
			*why = "a blob's size field is out of range or runs past the pieces";
			break;
		}
		pols[*n] = ctrpol_policy_new(size);
		if (!pols[*n])
			return -ENOMEM;
		pieces_read(&p, pols[*n]->blob, size);
		if (ctrpol_policy_verify(pols[(*n)++], why))
			break;
	}
	return *why ? -EINVAL : 0;
}

static int ctrpol_nl_load(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *flags = info->attrs[CTRPOL_A_FLAGS];
	bool replace = flags && (nla_get_u32(flags) & CTRPOL_LOAD_REPLACE);
	struct ctrpol_policy **pols;
	const char *why = NULL;
	unsigned int n = 0;
	int err;

	pols = kcalloc(CTRPOL_MAX_LOAD_BLOBS, sizeof(*pols), GFP_KERNEL);
	if (!pols)
		return -ENOMEM;
	err = gather_blobs(info, pols, &n, &why);
	if (!err)
		err = ctrpol_profile_load_set(pols, n, replace, &why);
	if (err) {
		set_reason(info->extack, why);
		while (n)
			kvfree(pols[--n]);
	}
	kfree(pols);
	return err;
}

static int ctrpol_nl_unload(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, CTRPOL_A_NAME))
		return -EINVAL;
	err = ctrpol_profile_unload(nla_data(info->attrs[CTRPOL_A_NAME]));
	if (err == -ENOENT)
		GENL_SET_ERR_MSG(info, "no profile of that name is loaded");
	else if (err == -EBUSY)
		GENL_SET_ERR_MSG(info,
				 "the profile is attached: detach it from every cgroup first");
	return err;
}

static int ctrpol_nl_attach(struct sk_buff *skb, struct genl_info *info)
{
	struct ctrpol_profile *prof;
	const char *why = NULL;
	u32 flags;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, CTRPOL_A_CGROUP_ID) ||
	    GENL_REQ_ATTR_CHECK(info, CTRPOL_A_NAME))
		return -EINVAL;
	prof = ctrpol_profile_find(nla_data(info->attrs[CTRPOL_A_NAME]));
	if (!prof) {
		GENL_SET_ERR_MSG(info, "no profile of that name is loaded");
		return -ENOENT;
	}
	flags = info->attrs[CTRPOL_A_FLAGS] ? nla_get_u32(info->attrs[CTRPOL_A_FLAGS]) : 0;
	err = ctrpol_attach(nla_get_u64(info->attrs[CTRPOL_A_CGROUP_ID]), prof,
			    flags & CTRPOL_ATTACH_ON_EXEC, &why);
	if (why)
		set_reason(info->extack, why);
	return err;
}

static int ctrpol_nl_detach(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, CTRPOL_A_CGROUP_ID))
		return -EINVAL;
	err = ctrpol_detach(nla_get_u64(info->attrs[CTRPOL_A_CGROUP_ID]));
	if (err == -ENOENT)
		GENL_SET_ERR_MSG(info, "the cgroup has no profile");
	return err;
}

static void *dump_put(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &ctrpol_nl_family, NLM_F_MULTI, cmd);
}

/* @n, counts by &enum ctrpol_outcome, as counters. */
static int put_outcomes(struct sk_buff *skb, const u64 *n)
{
	return put_u64_counter(skb, CTRPOL_COUNTER_ALLOWED, n[CTRPOL_ALLOWED]) ||
	       put_u64_counter(skb, CTRPOL_COUNTER_DENIED, n[CTRPOL_DENIED]) ||
	       put_u64_counter(skb, CTRPOL_COUNTER_COMPLAINED, n[CTRPOL_COMPLAINED]) ?
	       -EMSGSIZE : 0;
}

/* A profile's counters: in all, then by class. */
static int put_profile_counters(struct sk_buff *skb, const struct ctrpol_profile *prof)
{
	u64 total[CTRPOL_NOUTCOMES] = {};
	struct nlattr *nest, *classes;
	struct ctrpol_counts sum;
	int class, i;

	ctrpol_counts_sum(prof, &sum);
	for (class = 0; class < CTRPOL_RULE_KIND_MAX; class++)
		for (i = 0; i < CTRPOL_NOUTCOMES; i++)
			total[i] += sum.decisions[class][i];
	nest = nla_nest_start(skb, CTRPOL_A_COUNTERS);
	if (!nest || put_outcomes(skb, total) ||
	    put_u64_counter(skb, CTRPOL_COUNTER_EVENTS, sum.events) ||
	    put_u64_counter(skb, CTRPOL_COUNTER_DROPPED, sum.dropped))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	classes = nla_nest_start(skb, CTRPOL_A_CLASS_COUNTERS);
	if (!classes)
		return -EMSGSIZE;
	for (class = 0; class < CTRPOL_RULE_KIND_MAX; class++) {
		nest = nla_nest_start(skb, class + 1);
		if (!nest || put_outcomes(skb, sum.decisions[class]))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, classes);
	return 0;
}

static int put_profile(struct sk_buff *skb, struct netlink_callback *cb,
		       struct ctrpol_profile *prof)
{
	const struct ctrpol_policy *pol;
	void *hdr;

	pol = rcu_dereference_protected(prof->policy, lockdep_is_held(&ctrpol_policy_lock));
	hdr = dump_put(skb, cb, CTRPOL_CMD_LIST_PROFILES);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, CTRPOL_A_NAME, prof->name) ||
	    nla_put_u32(skb, CTRPOL_A_MODE, pol->view.profile->mode) ||
	    nla_put_u32(skb, CTRPOL_A_BLOB_SIZE, pol->size) ||
	    nla_put_u32(skb, CTRPOL_A_NATTACHMENTS, prof->nattached) ||
	    put_profile_counters(skb, prof)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int ctrpol_nl_list_profiles(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ctrpol_profile *prof;
	unsigned long i;

	mutex_lock(&ctrpol_policy_lock);
	/* Dumps get no pre_doit: count no attachment of a removed cgroup. */
	ctrpol_attach_prune();
	for (i = cb->args[0]; (prof = ctrpol_profile_nth(i)); i++)
		if (put_profile(skb, cb, prof))
			break;
	mutex_unlock(&ctrpol_policy_lock);
	cb->args[0] = i;
	return skb->len;
}

static int put_attachment(struct sk_buff *skb, struct netlink_callback *cb, u64 cgid,
			  const char *name, bool on_exec)
{
	void *hdr = dump_put(skb, cb, CTRPOL_CMD_LIST_ATTACHMENTS);

	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, CTRPOL_A_CGROUP_ID, cgid, CTRPOL_A_PAD) ||
	    nla_put_string(skb, CTRPOL_A_NAME, name) ||
	    nla_put_u32(skb, CTRPOL_A_FLAGS, on_exec ? CTRPOL_ATTACH_ON_EXEC : 0)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int ctrpol_nl_list_attachments(struct sk_buff *skb, struct netlink_callback *cb)
{
	const char *name;
	unsigned long i;
	bool on_exec;
	u64 cgid;

	mutex_lock(&ctrpol_policy_lock);
	ctrpol_attach_prune();
	for (i = cb->args[0]; ctrpol_attach_nth(i, &cgid, &name, &on_exec); i++)
		if (put_attachment(skb, cb, cgid, name, on_exec))
			break;
	mutex_unlock(&ctrpol_policy_lock);
	cb->args[0] = i;
	return skb->len;
}

#define CTRPOL_DOIT(_cmd, _fn, _policy, _flags) {	\
	.cmd = (_cmd),					\
	.doit = (_fn),					\
	.policy = (_policy),				\
	.maxattr = CTRPOL_A_MAX,			\
	.internal_flags = (_flags),			\
}

#define CTRPOL_DUMPIT(_cmd, _fn) {			\
	.cmd = (_cmd),					\
	.start = ctrpol_nl_dump_start,			\
	.dumpit = (_fn),				\
	.policy = ctrpol_no_attr_policy,		\
	.maxattr = CTRPOL_A_MAX,			\
}

static const struct genl_ops ctrpol_nl_ops[] = {
	CTRPOL_DOIT(CTRPOL_CMD_GET_STATUS, ctrpol_nl_get_status, ctrpol_no_attr_policy,
		    CTRPOL_NL_REPORTS_ATTACHMENTS),
	CTRPOL_DOIT(CTRPOL_CMD_LOAD, ctrpol_nl_load, ctrpol_load_policy,
		    CTRPOL_NL_CHANGES_POLICY),
	CTRPOL_DOIT(CTRPOL_CMD_UNLOAD, ctrpol_nl_unload, ctrpol_name_policy,
		    CTRPOL_NL_CHANGES_POLICY | CTRPOL_NL_REPORTS_ATTACHMENTS),
	CTRPOL_DOIT(CTRPOL_CMD_ATTACH, ctrpol_nl_attach, ctrpol_attach_policy,
		    CTRPOL_NL_CHANGES_POLICY),
	CTRPOL_DOIT(CTRPOL_CMD_DETACH, ctrpol_nl_detach, ctrpol_cgroup_policy,
		    CTRPOL_NL_CHANGES_POLICY),
	CTRPOL_DUMPIT(CTRPOL_CMD_LIST_PROFILES, ctrpol_nl_list_profiles),
	CTRPOL_DUMPIT(CTRPOL_CMD_LIST_ATTACHMENTS, ctrpol_nl_list_attachments),
};

/* Monitors join it to receive events; events.c sends them. */
static const struct genl_multicast_group ctrpol_nl_mcgrps[] = {
	{ .name = CTRPOL_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

struct genl_family ctrpol_nl_family __ro_after_init = {
	.name = CTRPOL_GENL_NAME,
	.version = CTRPOL_GENL_VERSION,
	.netnsok = false,
	.resv_start_op = 0,	/* strict header checks for every command */
	.pre_doit = ctrpol_nl_pre_doit,
	.post_doit = ctrpol_nl_post_doit,
	.ops = ctrpol_nl_ops,
	.n_ops = ARRAY_SIZE(ctrpol_nl_ops),
	.mcgrps = ctrpol_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(ctrpol_nl_mcgrps),
	.module = THIS_MODULE,
};

/*
 * LSMs initialize before initcalls, generic netlink at core_initcall:
 * register here, and only when the LSM is active, so that a resolvable
 * family always means enforcement is on.
 */
static int __init ctrpol_netlink_init(void)
{
	if (!ctrpol_enabled)
		return 0;
	return genl_register_family(&ctrpol_nl_family);
}
device_initcall(ctrpol_netlink_init);
