/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CTRPOL_REPORT_H
#define CTRPOL_REPORT_H

#include <errno.h>
#include <stddef.h>

#include "genl_client.h"

/* Explain a bad command line on stderr; returns CTRPOL_EXIT_USAGE. */
int report_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A profile name on the command line is not one; returns CTRPOL_EXIT_USAGE. */
int report_bad_name(const char *cmd, const char *name);

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

/*
 * After a failure part-way through a command acting on several things, say
 * which of them were done (done is the verb: "loaded"): names[0..n).
 */
void report_partial(const char *cmd, const char *done, const char *const *names, size_t n);

#endif
