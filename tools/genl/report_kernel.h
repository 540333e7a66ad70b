/* SPDX-License-Identifier: GPL-2.0 */
/* Messages for what the kernel refused, or for a kernel without ctrpol: what is wrong and how to fix it. */
#ifndef CTRPOL_REPORT_KERNEL_H
#define CTRPOL_REPORT_KERNEL_H

#include <errno.h>

#include "genl_client.h"

/* How to fix one errno a command may get from the kernel. */
struct report_hint {
	int err;		/* negative errno */
	const char *hint;
};

/* The EPERM hint of the commands that change policy: root is not always enough. */
#define REPORT_HINT_CHANGE_PERM { -EPERM, "run as root (CAP_NET_ADMIN and CAP_MAC_ADMIN), " \
					  "from a task that no ctrpol profile confines" }

/*
 * Explain on stderr why the kernel did not do what `ctrpol cmd` asked and how
 * to fix it, with the kernel's own message when it sent one; returns the
 * matching exit code.  err is the negative errno of ctrpol_nl_open (-ENOENT
 * means no family) or of a request on nl, before or after ctrpol_nl_close.
 * hints is NULL, or an array ended by { 0 }: the hint for err is printed
 * after the message.
 */
int report_kernel_error(const char *cmd, int err, const struct ctrpol_nl *nl,
			const struct report_hint *hints);

#endif
