/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CTRPOL_GENL_CLIENT_H
#define CTRPOL_GENL_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <linux/ctrpol.h>

/* A connection to the ctrpol family; one request at a time. */
struct ctrpol_nl {
	struct nl_sock *sk;
	int family;		/* the family's id: > 0 once ctrpol_nl_open() resolved it */
	char extack[256];	/* the kernel's message for the last failed request */
};

/* Policy entries for numbers of exactly their size: libnl checks only a minimum. */
#define CTRPOL_POLICY_U8	{ .type = NLA_U8, .maxlen = sizeof(uint8_t) }
#define CTRPOL_POLICY_U16	{ .type = NLA_U16, .maxlen = sizeof(uint16_t) }
#define CTRPOL_POLICY_U32	{ .type = NLA_U32, .maxlen = sizeof(uint32_t) }
#define CTRPOL_POLICY_U64	{ .type = NLA_U64, .maxlen = sizeof(uint64_t) }

/*
 * Called with each reply's attributes, already checked against the ABI's
 * types; attributes this tool does not know are left out.  Returns 0, or a
 * negative errno to stop (a required attribute is missing).
 */
typedef int (*ctrpol_reply_fn)(struct nlattr **attrs, void *arg);

/*
 * Check one reply against the ABI's types and pass its attributes to fn (if
 * not NULL), as requests do with each reply.  Returns 0, -EBADMSG for a
 * malformed message, or fn's error.
 */
int ctrpol_nl_parse(struct nlmsghdr *nlh, ctrpol_reply_fn fn, void *arg);

/*
 * Open a connection and resolve the family.  Returns 0, -ENOENT when the
 * running kernel has no ctrpol family, or another negative errno.
 */
int ctrpol_nl_open(struct ctrpol_nl *nl);
void ctrpol_nl_close(struct ctrpol_nl *nl);

/*
 * A request for cmd, its headers written, with room for attr_bytes of
 * attributes (the sum of nla_total_size() of those the caller adds); NULL
 * when out of memory.  Send it with ctrpol_nl_send().
 */
struct nl_msg *ctrpol_nl_msg(const struct ctrpol_nl *nl, uint8_t cmd, size_t attr_bytes);

/*
 * Send req (from ctrpol_nl_msg(); freed here, NULL counts as out of memory),
 * however large, pass each reply to fn (NULL: none expected), and wait for
 * the kernel's acknowledgement.  Returns 0 or the kernel's negative errno,
 * with its message in nl->extack.
 */
int ctrpol_nl_send(struct ctrpol_nl *nl, struct nl_msg *req, ctrpol_reply_fn fn, void *arg);

/* ctrpol_nl_send() of command cmd without attributes. */
int ctrpol_nl_request(struct ctrpol_nl *nl, uint8_t cmd, ctrpol_reply_fn fn, void *arg);

/*
 * A dump: command cmd without attributes; fn is called with each message of
 * the multi-part reply until the kernel marks its end.  Returns as
 * ctrpol_nl_send() does, also when the kernel fails the dump part-way.
 */
int ctrpol_nl_dump(struct ctrpol_nl *nl, uint8_t cmd, ctrpol_reply_fn fn, void *arg);

/*
 * Copy the u64 counters nested in nest (a CTRPOL_A_COUNTERS) into
 * counters[CTRPOL_COUNTER_MAX + 1], indexed by enum ctrpol_counter; those
 * this tool does not know, or of the wrong size, are skipped.
 */
void ctrpol_nl_counters(const struct nlattr *nest, uint64_t *counters);

/* nest holds whole attributes and nothing after them (libnl's parser lets trailing bytes pass). */
bool ctrpol_nl_whole_attrs(const struct nlattr *nest);

/*
 * Copy the counters of each class nested in nest (a CTRPOL_A_CLASS_COUNTERS)
 * into counters[kind] (indexed by enum ctrpol_counter, as ctrpol_nl_counters()
 * does), for kind 1..CTRPOL_RULE_KIND_MAX; classes this tool does not know are
 * skipped.  Returns 0, or -EBADMSG when nest, or the nest of a class, does not
 * hold whole attributes.
 */
int ctrpol_nl_class_counters(const struct nlattr *nest,
			     uint64_t (*counters)[CTRPOL_COUNTER_MAX + 1]);

#endif
