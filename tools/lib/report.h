/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CTRPOL_REPORT_H
#define CTRPOL_REPORT_H

#include "genl_client.h"

/* Explain a bad command line on stderr; returns CTRPOL_EXIT_USAGE. */
int report_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Explain on stderr why the kernel did not do what `ctrpol cmd` asked and how
 * to fix it; returns the matching exit code.  err is the negative errno of
 * ctrpol_nl_open (nl then unconnected: -ENOENT means no family) or of
 * ctrpol_nl_request.
 */
int report_kernel_error(const char *cmd, int err, const struct ctrpol_nl *nl);

#endif
