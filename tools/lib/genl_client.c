// SPDX-License-Identifier: GPL-2.0
/* The ctrpol generic netlink client, on libnl-genl-3. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <linux/netlink.h>

#include "extack.h"
#include "genl_client.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* What the tool accepts in a reply: the kernel is trusted, but not blindly. */
static struct nla_policy reply_policy[CTRPOL_A_MAX + 1] = {
	[CTRPOL_A_VERSION] = { .type = NLA_STRING, .maxlen = 32 },
	[CTRPOL_A_ABI_VERSION] = { .type = NLA_U32 },
	[CTRPOL_A_COUNTERS] = { .type = NLA_NESTED },
};

struct request_state {
	struct ctrpol_nl *nl;
	ctrpol_reply_fn fn;
	void *arg;
	int error;
	int done;
};

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct request_state *st = arg;
	struct nlattr *attrs[CTRPOL_A_MAX + 1];
	int err;

	err = genlmsg_parse(nlmsg_hdr(msg), 0, attrs, CTRPOL_A_MAX, reply_policy);
	if (err < 0) {
		st->error = -EBADMSG;
		snprintf(st->nl->extack, sizeof(st->nl->extack),
			 "malformed reply from the kernel: %s", nl_geterror(err));
		return NL_STOP;
	}
	if (st->fn) {
		err = st->fn(attrs, st->arg);
		if (err < 0) {
			st->error = err;
			snprintf(st->nl->extack, sizeof(st->nl->extack),
				 "reply from the kernel lacks a required attribute");
			return NL_STOP;
		}
	}
	return NL_OK;
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct request_state *st = arg;
	const struct nlmsghdr *nlh = (const void *)((const char *)e - NLMSG_HDRLEN);

	(void)who;
	st->error = e->error;
	st->done = 1;
	extack_message(nlh, nlh->nlmsg_len, st->nl->extack, sizeof(st->nl->extack));
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct request_state *st = arg;

	(void)msg;
	st->done = 1;
	return NL_STOP;
}

int ctrpol_nl_open(struct ctrpol_nl *nl)
{
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		return -ENOMEM;
	err = genl_connect(nl->sk);
	if (err < 0)
		goto fail;
	/* Ask for error messages, and not for a copy of large requests in acks. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl->family = genl_ctrl_resolve(nl->sk, CTRPOL_GENL_NAME);
	if (nl->family < 0) {
		err = nl->family;
		goto fail;
	}
	return 0;
fail:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	if (err == -NLE_OBJ_NOTFOUND)
		return -ENOENT;
	snprintf(nl->extack, sizeof(nl->extack), "netlink: %s", nl_geterror(err));
	return err == -NLE_PERM ? -EPERM : err == -NLE_NOMEM ? -ENOMEM : -EIO;
}

void ctrpol_nl_close(struct ctrpol_nl *nl)
{
	nl_socket_free(nl->sk);
	nl->sk = NULL;
}

int ctrpol_nl_request(struct ctrpol_nl *nl, uint8_t cmd, struct nl_msg *req,
		      ctrpol_reply_fn fn, void *arg)
{
	struct request_state st = { .nl = nl, .fn = fn, .arg = arg };
	struct nl_msg *msg = req ? req : nlmsg_alloc();
	struct nl_cb *cb;
	int err;

	nl->extack[0] = '\0';
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!msg || !cb) {
		err = -ENOMEM;
		goto out;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, NLM_F_ACK, cmd,
			 CTRPOL_GENL_VERSION)) {
		err = -EMSGSIZE;
		goto out;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &st);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &st);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &st);

	err = nl_send_auto(nl->sk, msg);
	while (err >= 0 && !st.done && !st.error)
		err = nl_recvmsgs(nl->sk, cb);
	if (err < 0 && !st.error) {
		snprintf(nl->extack, sizeof(nl->extack), "netlink: %s", nl_geterror(err));
		st.error = -EIO;
	}
	err = st.error;
out:
	nl_cb_put(cb);
	if (!req)
		nlmsg_free(msg);
	return err;
}
