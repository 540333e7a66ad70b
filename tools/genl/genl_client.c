// SPDX-License-Identifier: GPL-2.0
/* The ctrpol generic netlink client, on libnl-genl-3. */
#include <errno.h>
#include <limits.h>
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

/* netlink_sendmsg() refuses a request longer than the send buffer less this. */
#define SNDBUF_SLACK	32

/*
 * What the tool accepts in a reply: the kernel is trusted, but not blindly.
 * Numbers must have exactly their size; strings must be NUL-terminated within
 * maxlen; types above CTRPOL_A_MAX (from a newer kernel) are skipped by the
 * parser.
 */
static struct nla_policy reply_policy[CTRPOL_A_MAX + 1] = {
	[CTRPOL_A_VERSION] = { .type = NLA_STRING, .maxlen = 32 },
	[CTRPOL_A_ABI_VERSION] = CTRPOL_POLICY_U32,
	[CTRPOL_A_COUNTERS] = { .type = NLA_NESTED },
	[CTRPOL_A_NAME] = { .type = NLA_STRING, .maxlen = CTRPOL_NAME_MAX },
	[CTRPOL_A_CGROUP_ID] = CTRPOL_POLICY_U64,
	[CTRPOL_A_MODE] = CTRPOL_POLICY_U32,
	[CTRPOL_A_BLOB_SIZE] = CTRPOL_POLICY_U32,
	[CTRPOL_A_NPROFILES] = CTRPOL_POLICY_U32,
	[CTRPOL_A_NATTACHMENTS] = CTRPOL_POLICY_U32,
	[CTRPOL_A_CLASS_COUNTERS] = { .type = NLA_NESTED },
	[CTRPOL_A_EVENT_RATE] = CTRPOL_POLICY_U32,
	[CTRPOL_A_EVENT_BURST] = CTRPOL_POLICY_U32,
	[CTRPOL_A_FLAGS] = CTRPOL_POLICY_U32,
};

struct request_state {
	struct ctrpol_nl *nl;
	ctrpol_reply_fn fn;
	void *arg;
	int error;
	int done;
};

int ctrpol_nl_parse(struct nlmsghdr *nlh, ctrpol_reply_fn fn, void *arg)
{
	struct nlattr *attrs[CTRPOL_A_MAX + 1];

	if (genlmsg_parse(nlh, 0, attrs, CTRPOL_A_MAX, reply_policy) < 0)
		return -EBADMSG;
	return fn ? fn(attrs, arg) : 0;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct request_state *st = arg;
	int err = ctrpol_nl_parse(nlmsg_hdr(msg), st->fn, st->arg);

	if (err < 0) {
		st->error = err;
		if (err == -EBADMSG)
			snprintf(st->nl->extack, sizeof(st->nl->extack), "malformed reply from the "
				 "kernel: an attribute is missing or of the wrong type");
		return NL_STOP;
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

/* The end of a dump; it carries the dump's errno, and libnl does not look at it. */
static int on_done(struct nl_msg *msg, void *arg)
{
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct request_state *st = arg;
	int error = 0;

	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(error))
		memcpy(&error, NLMSG_DATA(nlh), sizeof(error));
	if (error < 0) {
		st->error = error;
		extack_message(nlh, nlh->nlmsg_len, st->nl->extack, sizeof(st->nl->extack));
	}
	st->done = 1;
	return NL_STOP;
}

/*
 * A load can be 32 MiB (profiles of up to 16 MiB each), far more than the
 * default send buffer.
 * SO_SNDBUF is capped by net.core.wmem_max; SO_SNDBUFFORCE is not, but needs
 * CAP_NET_ADMIN, which the kernel requires of every request anyway.
 */
static int fit_send_buffer(struct ctrpol_nl *nl, size_t len)
{
	int fd = nl_socket_get_fd(nl->sk), have = 0, want, err;
	socklen_t optlen = sizeof(have);

	if (len > INT_MAX / 2 - SNDBUF_SLACK)
		return -EMSGSIZE;
	want = (int)len + SNDBUF_SLACK;
	if (!getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &have, &optlen) && have >= want)
		return 0;
	/* The kernel doubles what it is asked for: asking for want leaves room. */
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &want, sizeof(want));
	optlen = sizeof(have);
	if (!getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &have, &optlen) && have >= want)
		return 0;
	if (!setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &want, sizeof(want)))
		return 0;
	err = errno;
	if (err == EPERM)
		snprintf(nl->extack, sizeof(nl->extack),
			 "CAP_NET_ADMIN is required to raise the socket send buffer to %d bytes "
			 "for this request (net.core.wmem_max caps it at %d)", want, have);
	return -err;
}

static struct nl_msg *new_msg(const struct ctrpol_nl *nl, uint8_t cmd, int flags,
			      size_t attr_bytes)
{
	struct nl_msg *msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN + attr_bytes);

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags, cmd,
				CTRPOL_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
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

struct nl_msg *ctrpol_nl_msg(const struct ctrpol_nl *nl, uint8_t cmd, size_t attr_bytes)
{
	return new_msg(nl, cmd, NLM_F_ACK, attr_bytes);
}

int ctrpol_nl_send(struct ctrpol_nl *nl, struct nl_msg *req, ctrpol_reply_fn fn, void *arg)
{
	struct request_state st = { .nl = nl, .fn = fn, .arg = arg };
	struct nl_cb *cb;
	int err;

	nl->extack[0] = '\0';
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!req || !cb) {
		err = -ENOMEM;
		goto out;
	}
	err = fit_send_buffer(nl, nlmsg_hdr(req)->nlmsg_len);
	if (err)
		goto out;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &st);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &st);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &st);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &st);

	err = nl_send_auto(nl->sk, req);
	while (err >= 0 && !st.done && !st.error)
		err = nl_recvmsgs(nl->sk, cb);
	if (err < 0 && !st.error) {
		snprintf(nl->extack, sizeof(nl->extack), "netlink: %s", nl_geterror(err));
		st.error = -EIO;
	}
	err = st.error;
out:
	nl_cb_put(cb);
	nlmsg_free(req);
	return err;
}

int ctrpol_nl_request(struct ctrpol_nl *nl, uint8_t cmd, ctrpol_reply_fn fn, void *arg)
{
	return ctrpol_nl_send(nl, ctrpol_nl_msg(nl, cmd, 0), fn, arg);
}

int ctrpol_nl_dump(struct ctrpol_nl *nl, uint8_t cmd, ctrpol_reply_fn fn, void *arg)
{
	return ctrpol_nl_send(nl, new_msg(nl, cmd, NLM_F_DUMP, 0), fn, arg);
}

void ctrpol_nl_counters(const struct nlattr *nest, uint64_t *counters)
{
	struct nlattr *nla;
	int rem;

	/* Counters this tool does not know yet are skipped: the set only grows. */
	nla_for_each_nested(nla, nest, rem) {
		int type = nla_type(nla);

		if (type > CTRPOL_COUNTER_PAD && type <= CTRPOL_COUNTER_MAX &&
		    nla_len(nla) == sizeof(uint64_t))
			counters[type] = nla_get_u64(nla);
	}
}

bool ctrpol_nl_whole_attrs(const struct nlattr *nest)
{
	struct nlattr *nla;
	int rem;

	nla_for_each_nested(nla, nest, rem)
		;
	return rem == 0;
}

int ctrpol_nl_class_counters(const struct nlattr *nest,
			     uint64_t (*counters)[CTRPOL_COUNTER_MAX + 1])
{
	struct nlattr *nla;
	int rem, kind;

	if (!ctrpol_nl_whole_attrs(nest))
		return -EBADMSG;
	nla_for_each_nested(nla, nest, rem) {
		kind = nla_type(nla);
		/* Classes this tool does not know yet are skipped: the set only grows. */
		if (kind < CTRPOL_RULE_FILE || kind > CTRPOL_RULE_KIND_MAX)
			continue;
		if (!ctrpol_nl_whole_attrs(nla))
			return -EBADMSG;
		ctrpol_nl_counters(nla, counters[kind]);
	}
	return 0;
}
