/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink by hand, without libnl: tests build exactly the bytes they
 * want the kernel to see, malformed ones included.
 */
#ifndef CTRPOL_RAWGENL_H
#define CTRPOL_RAWGENL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#define RAWGENL_BUF 8192

struct rawgenl_msg {
	union {
		struct nlmsghdr nlh;
		unsigned char bytes[RAWGENL_BUF];
	};
};

/* A NETLINK_GENERIC socket with extended acks on; fails the test on error. */
int rawgenl_open(void);

/* The id of family name, or a negative errno (-ENOENT: no such family). */
int rawgenl_family(int fd, const char *name);

/* Start a request in m: header, genl header with cmd and version. */
void rawgenl_start(struct rawgenl_msg *m, uint16_t family, uint8_t cmd, uint8_t version);

/* Append an attribute; the caller is free to lie in nla_len afterwards. */
struct nlattr *rawgenl_put(struct rawgenl_msg *m, uint16_t type, const void *data, size_t len);

/*
 * Send len bytes of m (m->nlh.nlmsg_len is not touched, so it may lie) with
 * NLM_F_ACK, and read until the kernel's ack.  The last non-error reply, if
 * any, is left in reply.  Returns the ack's error: 0 or a negative errno.
 */
int rawgenl_xfer(int fd, struct rawgenl_msg *m, size_t len, struct rawgenl_msg *reply);

/*
 * Send m as a dump request (NLM_F_DUMP) and pass each reply to fn until the
 * dump is done.  Returns 0, or the kernel's negative errno.
 */
int rawgenl_dump(int fd, struct rawgenl_msg *m,
		 void (*fn)(const struct rawgenl_msg *reply, void *arg), void *arg);

/*
 * Join the multicast group named group of family.  Returns 0, or a negative
 * errno: -ENOENT without such a family or group, -EPERM...
 */
int rawgenl_join(int fd, const char *family, const char *group);

/*
 * Until process pid (ctrpol monitor, say) holds a socket that joined the
 * group named group of family, for up to seconds; fails the test if not.
 */
void rawgenl_wait_joined(pid_t pid, const char *family, const char *group, unsigned int seconds);

/*
 * Wait up to timeout_ms for the next message, such as a multicast one, into
 * m.  Returns 1, 0 on timeout, or a negative errno (-ENOBUFS: the socket
 * overflowed and messages were lost).
 */
int rawgenl_next(int fd, struct rawgenl_msg *m, int timeout_ms);

/* The first attribute of type in a genl reply (top level), or NULL. */
const struct nlattr *rawgenl_attr(const struct rawgenl_msg *reply, uint16_t type);

/* The nested attribute of type inside nest, or NULL. */
const struct nlattr *rawgenl_nested(const struct nlattr *nest, uint16_t type);

#endif
