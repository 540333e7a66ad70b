/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CTRPOL_EXTACK_H
#define CTRPOL_EXTACK_H

#include <stddef.h>
#include <linux/netlink.h>

/*
 * The kernel's extended-ack message of a failed request, copied
 * NUL-terminated into buf ("" when there is none).  nlh is an NLMSG_ERROR,
 * or the NLMSG_DONE that ends a dump (its errno, then the same attributes);
 * len is the number of bytes received for it, which bounds every read.
 */
void extack_message(const struct nlmsghdr *nlh, size_t len, char *buf, size_t size);

#endif
