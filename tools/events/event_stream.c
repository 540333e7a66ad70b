// SPDX-License-Identifier: GPL-2.0
/* A subscription to the LSM's events: the multicast group joined, datagrams received and split. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "event.h"

/*
 * Events come in bursts (a denied loop, a container starting): the kernel
 * drops what does not fit, so ask for much.  SO_RCVBUFFORCE passes
 * net.core.rmem_max with CAP_NET_ADMIN, which joining the group needs anyway.
 */
#define RECEIVE_BUFFER	(8 << 20)
#define DATAGRAM_START	(64 << 10)	/* an event holds at most three paths */

struct event_stream {
	int fd;
	int family;		/* the family's id: the type of its messages */
	char *buf;		/* the last datagram received */
	size_t cap, len;
	size_t next;		/* where its next message starts */
};

int event_stream_open(struct event_stream **out, struct ctrpol_nl *nl)
{
	struct event_stream *s;
	int group, err, size = RECEIVE_BUFFER;

	*out = NULL;
	nl->extack[0] = '\0';
	group = genl_ctrl_resolve_grp(nl->sk, CTRPOL_GENL_NAME, CTRPOL_MCGRP_EVENTS);
	if (group == -NLE_OBJ_NOTFOUND) {
		snprintf(nl->extack, sizeof(nl->extack), "the running ctrpol LSM has no \"%s\" "
			 "multicast group: it sends no events", CTRPOL_MCGRP_EVENTS);
		return -EOPNOTSUPP;
	}
	err = group < 0 ? group : nl_socket_add_membership(nl->sk, group);
	if (err == -NLE_PERM) {
		snprintf(nl->extack, sizeof(nl->extack), "joining the events group needs "
			 "CAP_NET_ADMIN in the initial user namespace");
		return -EPERM;
	}
	if (err < 0) {
		snprintf(nl->extack, sizeof(nl->extack), "netlink: %s", nl_geterror(err));
		return -EIO;
	}
	/* Multicast messages carry no sequence number of ours. */
	nl_socket_disable_seq_check(nl->sk);
	if (setsockopt(nl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		nl_socket_set_buffer_size(nl->sk, size, 0);
	s = calloc(1, sizeof(*s));
	if (s)
		s->buf = malloc(DATAGRAM_START);
	if (!s || !s->buf) {
		free(s);
		return -ENOMEM;
	}
	s->fd = nl_socket_get_fd(nl->sk);
	s->family = nl->family;
	s->cap = DATAGRAM_START;
	*out = s;
	return 0;
}

/* Receive one datagram from the kernel: 1, 0 when none came in time, or a negative errno. */
static int receive(struct event_stream *s, int timeout_ms)
{
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	struct sockaddr_nl from = { 0 };
	socklen_t from_len = sizeof(from);
	ssize_t n;
	char *bigger;

	n = poll(&pfd, 1, timeout_ms);
	if (n <= 0)
		return n == 0 || errno == EINTR ? 0 : -errno;
	/* Its size first: a datagram cut to the buffer would lose the rest. */
	n = recv(s->fd, s->buf, s->cap, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
	if (n > (ssize_t)s->cap) {
		bigger = realloc(s->buf, n);
		if (!bigger)
			return -ENOMEM;
		s->buf = bigger;
		s->cap = n;
	}
	if (n >= 0)
		n = recvfrom(s->fd, s->buf, s->cap, MSG_DONTWAIT, (struct sockaddr *)&from,
			     &from_len);
	/* ENOBUFS: the kernel dropped what did not fit the receive buffer. */
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	/*
	 * Only the kernel (port 0) speaks for the LSM, not another process; a
	 * sender whose address did not come whole is not known to be the kernel.
	 */
	s->len = from_len == sizeof(from) && from.nl_pid == 0 ? (size_t)n : 0;
	s->next = 0;
	return 1;
}

/* The next event of the datagram: 1, 0 when it holds no more, or -EBADMSG. */
static int next_in_datagram(struct event_stream *s, struct ctrpol_event *ev)
{
	while (s->next < s->len) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)(s->buf + s->next);
		int left = (int)(s->len - s->next);

		if (!nlmsg_ok(nlh, left)) {
			s->next = s->len;
			return -EBADMSG;
		}
		s->next += NLMSG_ALIGN(nlh->nlmsg_len);
		if (nlh->nlmsg_type != s->family)
			continue;
		if (!genlmsg_valid_hdr(nlh, 0))
			return -EBADMSG;
		/* Other commands the group may carry one day are not events: pass them over. */
		if (genlmsg_hdr(nlh)->cmd != CTRPOL_CMD_EVENT)
			continue;
		return event_decode(nlh, ev) ? -EBADMSG : 1;
	}
	return 0;
}

int event_stream_next(struct event_stream *s, struct ctrpol_event *ev, int timeout_ms)
{
	int err;

	if (s->next >= s->len) {
		err = receive(s, timeout_ms);
		if (err <= 0)
			return err;
	}
	return next_in_datagram(s, ev);
}

void event_stream_close(struct event_stream *s)
{
	if (s)
		free(s->buf);
	free(s);
}
