/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CTRPOL_GENL_CLIENT_H
#define CTRPOL_GENL_CLIENT_H

#include <stdint.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <linux/ctrpol.h>

/* A connection to the ctrpol family; one request at a time. */
struct ctrpol_nl {
	struct nl_sock *sk;
	int family;
	char extack[256];	/* the kernel's message for the last failed request */
};

/* Called with the reply's attributes, already checked against the ABI's types. */
typedef int (*ctrpol_reply_fn)(struct nlattr **attrs, void *arg);

/*
 * Open a connection and resolve the family.  Returns 0, -ENOENT when the
 * running kernel has no ctrpol family, or another negative errno.
 */
int ctrpol_nl_open(struct ctrpol_nl *nl);
void ctrpol_nl_close(struct ctrpol_nl *nl);

/*
 * Send command cmd with the attributes of req (NULL: none), pass each reply
 * to fn, and wait for the kernel's acknowledgement.  Returns 0 or the
 * kernel's negative errno, with its message in nl->extack.
 */
int ctrpol_nl_request(struct ctrpol_nl *nl, uint8_t cmd, struct nl_msg *req,
		      ctrpol_reply_fn fn, void *arg);

#endif
