// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - the "ctrpol" generic netlink family
 *
 * Every command has its own strict attribute policy, so the netlink core
 * rejects unknown, misplaced and malformed attributes with EINVAL before a
 * handler runs.  The family lives in the initial network namespace only:
 * a container with its own netns cannot even resolve it.
 */

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/init.h>
#include <net/genetlink.h>
#include <linux/ctrpol.h>

#include "ctrpol.h"
#include "release.h"

/* Only ever incremented; read without locking for reports. */
static atomic64_t nl_requests = ATOMIC64_INIT(0);
static atomic64_t nl_refused = ATOMIC64_INIT(0);

/*
 * Every entry is NLA_UNSPEC, which strict validation rejects as
 * "Unsupported attribute": the commands using it take no attribute.
 */
static const struct nla_policy ctrpol_no_attr_policy[CTRPOL_A_MAX + 1];

/**
 * ctrpol_nl_pre_doit - count the request and check the caller's privilege
 * @ops: the command's operation
 * @skb: the request
 * @info: request attributes and extack
 *
 * netlink_capable() checks both the opener of the socket and the sender
 * against the initial user namespace, so a socket passed to or opened by
 * an unprivileged task does not carry privilege.
 *
 * Return: 0 to proceed, -EPERM with an extack message otherwise.
 */
static int ctrpol_nl_pre_doit(const struct genl_split_ops *ops,
			      struct sk_buff *skb, struct genl_info *info)
{
	atomic64_inc(&nl_requests);
	if (!netlink_capable(skb, CAP_NET_ADMIN)) {
		atomic64_inc(&nl_refused);
		GENL_SET_ERR_MSG(info,
				 "CAP_NET_ADMIN in the initial user namespace is required");
		return -EPERM;
	}
	return 0;
}

static int put_counters(struct sk_buff *msg)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, CTRPOL_A_COUNTERS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(msg, CTRPOL_COUNTER_REQUESTS,
			      atomic64_read(&nl_requests), CTRPOL_COUNTER_PAD) ||
	    nla_put_u64_64bit(msg, CTRPOL_COUNTER_REFUSED,
			      atomic64_read(&nl_refused), CTRPOL_COUNTER_PAD)) {
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
	    put_counters(msg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static const struct genl_ops ctrpol_nl_ops[] = {
	{
		.cmd = CTRPOL_CMD_GET_STATUS,
		.doit = ctrpol_nl_get_status,
		.policy = ctrpol_no_attr_policy,
		.maxattr = CTRPOL_A_MAX,
	},
};

static struct genl_family ctrpol_nl_family __ro_after_init = {
	.name = CTRPOL_GENL_NAME,
	.version = CTRPOL_GENL_VERSION,
	.netnsok = false,
	.resv_start_op = 0,	/* strict header checks for every command */
	.pre_doit = ctrpol_nl_pre_doit,
	.ops = ctrpol_nl_ops,
	.n_ops = ARRAY_SIZE(ctrpol_nl_ops),
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
