// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "rawgenl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

static uint32_t seq;

int rawgenl_open(void)
{
	int one = 1;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (fd < 0)
		FAIL("socket(NETLINK_GENERIC): %s", strerror(errno));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	return fd;
}

void rawgenl_start(struct rawgenl_msg *m, uint16_t family, uint8_t cmd, uint8_t version)
{
	struct genlmsghdr *g;

	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	m->nlh.nlmsg_type = family;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	m->nlh.nlmsg_seq = ++seq;
	g = NLMSG_DATA(&m->nlh);
	g->cmd = cmd;
	g->version = version;
}

struct nlattr *rawgenl_put(struct rawgenl_msg *m, uint16_t type, const void *data, size_t len)
{
	struct nlattr *nla = (struct nlattr *)(m->bytes + NLMSG_ALIGN(m->nlh.nlmsg_len));

	if (NLMSG_ALIGN(m->nlh.nlmsg_len) + NLA_HDRLEN + NLA_ALIGN(len) > sizeof(m->bytes))
		FAIL("request too large for the test buffer");
	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)nla + NLA_HDRLEN, data, len);
	m->nlh.nlmsg_len = NLMSG_ALIGN(m->nlh.nlmsg_len) + NLA_ALIGN(nla->nla_len);
	return nla;
}

/*
 * Read the replies to seq, passing each to fn, until the kernel's ack
 * (NLMSG_ERROR) or the end of a dump (NLMSG_DONE).  Returns the ack's error.
 */
static int receive(int fd, uint32_t seq, void (*fn)(const struct rawgenl_msg *, void *),
		   void *arg)
{
	static struct rawgenl_msg buf, one;

	for (;;) {
		ssize_t n = recv(fd, buf.bytes, sizeof(buf.bytes), 0);
		struct nlmsghdr *h;

		if (n < 0)
			FAIL("recv: %s", strerror(errno));
		for (h = &buf.nlh; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			memcpy(one.bytes, h, h->nlmsg_len);
			fn(&one, arg);
		}
	}
}

static int send_to_kernel(int fd, const struct rawgenl_msg *m, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	return sendto(fd, m->bytes, len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0 ?
	       -errno : 0;
}

static void keep_reply(const struct rawgenl_msg *one, void *reply)
{
	if (reply)
		memcpy(((struct rawgenl_msg *)reply)->bytes, one->bytes, one->nlh.nlmsg_len);
}

int rawgenl_xfer(int fd, struct rawgenl_msg *m, size_t len, struct rawgenl_msg *reply)
{
	return send_to_kernel(fd, m, len) ?: receive(fd, m->nlh.nlmsg_seq, keep_reply, reply);
}

int rawgenl_dump(int fd, struct rawgenl_msg *m,
		 void (*fn)(const struct rawgenl_msg *reply, void *arg), void *arg)
{
	m->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	return send_to_kernel(fd, m, m->nlh.nlmsg_len) ?: receive(fd, m->nlh.nlmsg_seq, fn, arg);
}

static const struct nlattr *find(const void *start, size_t len, uint16_t type)
{
	const struct nlattr *nla = start;

	while (len >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN && nla->nla_len <= len) {
		size_t step = NLA_ALIGN(nla->nla_len);

		if ((nla->nla_type & NLA_TYPE_MASK) == type)
			return nla;
		if (step >= len)
			break;
		len -= step;
		nla = (const void *)((const char *)nla + step);
	}
	return NULL;
}

const struct nlattr *rawgenl_attr(const struct rawgenl_msg *reply, uint16_t type)
{
	size_t hdr = NLMSG_LENGTH(GENL_HDRLEN);

	if (reply->nlh.nlmsg_len < hdr)
		return NULL;
	return find(reply->bytes + hdr, reply->nlh.nlmsg_len - hdr, type);
}

const struct nlattr *rawgenl_nested(const struct nlattr *nest, uint16_t type)
{
	return find((const char *)nest + NLA_HDRLEN, nest->nla_len - NLA_HDRLEN, type);
}

/* The controller's answer about family name, into reply: 0 or a negative errno. */
static int get_family(int fd, const char *name, struct rawgenl_msg *reply)
{
	struct rawgenl_msg req;

	rawgenl_start(&req, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	rawgenl_put(&req, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
	memset(reply, 0, sizeof(*reply));
	return rawgenl_xfer(fd, &req, req.nlh.nlmsg_len, reply);
}

int rawgenl_family(int fd, const char *name)
{
	struct rawgenl_msg reply;
	const struct nlattr *id;
	int err = get_family(fd, name, &reply);

	if (err)
		return err;
	id = rawgenl_attr(&reply, CTRL_ATTR_FAMILY_ID);
	if (!id)
		FAIL("CTRL_CMD_GETFAMILY reply without CTRL_ATTR_FAMILY_ID");
	return *(const uint16_t *)((const char *)id + NLA_HDRLEN);
}

/* The id of family's multicast group named group, or a negative errno (-ENOENT: none). */
static int64_t group_id(int fd, const char *family, const char *group)
{
	const struct nlattr *groups, *grp, *name, *id;
	struct rawgenl_msg reply;
	uint32_t gid;
	int err, i;

	err = get_family(fd, family, &reply);
	if (err)
		return err;
	groups = rawgenl_attr(&reply, CTRL_ATTR_MCAST_GROUPS);
	/* The groups are nested under their index, from 1. */
	for (i = 1; groups && (grp = rawgenl_nested(groups, i)); i++) {
		name = rawgenl_nested(grp, CTRL_ATTR_MCAST_GRP_NAME);
		id = rawgenl_nested(grp, CTRL_ATTR_MCAST_GRP_ID);
		if (!name || !id || strcmp((const char *)name + NLA_HDRLEN, group))
			continue;
		memcpy(&gid, (const char *)id + NLA_HDRLEN, sizeof(gid));
		return gid;
	}
	return -ENOENT;
}

int rawgenl_join(int fd, const char *family, const char *group)
{
	int64_t gid = group_id(fd, family, group);
	uint32_t g = gid;

	if (gid < 0)
		return gid;
	if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g, sizeof(g)))
		return -errno;
	return 0;
}

struct member {
	pid_t pid;
	uint32_t gid;
};

/* Whether socket inode ino is a NETLINK_GENERIC one in group gid. */
static bool in_group(unsigned long ino, uint32_t gid)
{
	unsigned long inode;
	unsigned int groups;
	char line[256];
	bool found = false;
	int proto;
	FILE *f = fopen("/proc/net/netlink", "r");

	if (!f)
		FAIL("/proc/net/netlink: %s", strerror(errno));
	/* sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode, after a header line. */
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*s %d %*u %x %*d %*d %*d %*d %*u %lu", &proto, &groups,
			       &inode) == 3 && proto == NETLINK_GENERIC && inode == ino &&
			(groups >> (gid - 1) & 1);
	fclose(f);
	return found;
}

static bool joined(const void *arg)
{
	const struct member *m = arg;
	char dir[32], path[300], link[64];
	struct dirent *e;
	unsigned long ino;
	bool found = false;
	ssize_t n;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", m->pid);
	d = opendir(dir);
	if (!d)
		FAIL("pid %d, awaited in a group, is gone (%s: %s)", m->pid, dir, strerror(errno));
	while (!found && (e = readdir(d))) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		found = sscanf(link, "socket:[%lu]", &ino) == 1 && in_group(ino, m->gid);
	}
	closedir(d);
	return found;
}

void rawgenl_wait_joined(pid_t pid, const char *family, const char *group, unsigned int seconds)
{
	int fd = rawgenl_open();
	int64_t gid = group_id(fd, family, group);
	struct member m = { pid, gid };

	close(fd);
	if (gid < 0)
		FAIL("no group %s of family %s: %s", group, family, strerror(-gid));
	/* /proc/net/netlink shows a socket's first 32 groups only. */
	if (gid > 32)
		FAIL("group %s is group %u, past the 32 that /proc/net/netlink shows", group,
		     m.gid);
	wait_until(joined, &m, seconds, "pid %d to join the group %s of family %s", pid, group,
		   family);
}

/*
 * The datagram rawgenl_next() reads messages from: the kernel may send
 * several in one (events do), and the next call takes the next of them.
 * Its socket is known by inode, as a closed one's fd number comes back.
 */
static struct {
	ino_t socket;
	size_t len, off;
	unsigned char bytes[64 * 1024];
} datagram;

int rawgenl_next(int fd, struct rawgenl_msg *m, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	const struct nlmsghdr *h;
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st))
		return -errno;
	if (datagram.socket != st.st_ino || datagram.off >= datagram.len) {
		if (poll(&pfd, 1, timeout_ms) <= 0)
			return 0;
		n = recv(fd, datagram.bytes, sizeof(datagram.bytes), 0);
		if (n < 0)
			return -errno;
		datagram.socket = st.st_ino;
		datagram.len = n;
		datagram.off = 0;
	}
	h = (const struct nlmsghdr *)(datagram.bytes + datagram.off);
	n = datagram.len - datagram.off;
	if (!NLMSG_OK(h, (size_t)n) || h->nlmsg_len > sizeof(m->bytes))
		FAIL("truncated netlink message: %zd bytes left, %u announced", n,
		     (size_t)n < NLMSG_HDRLEN ? 0 : h->nlmsg_len);
	memcpy(m->bytes, h, h->nlmsg_len);
	datagram.off += NLMSG_ALIGN(h->nlmsg_len);
	/* The audit family's lengths leave out their header: what is left is no message. */
	h = (const struct nlmsghdr *)(datagram.bytes + datagram.off);
	if (datagram.off < datagram.len && !NLMSG_OK(h, datagram.len - datagram.off))
		datagram.off = datagram.len;
	return 1;
}
