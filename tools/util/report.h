/* SPDX-License-Identifier: GPL-2.0 */
/* Messages for what a command was given or did part-way: what is wrong and how to fix it. */
#ifndef CTRPOL_REPORT_H
#define CTRPOL_REPORT_H

#include <stddef.h>

/* Explain a bad command line on stderr; returns CTRPOL_EXIT_USAGE. */
int report_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A profile name on the command line is not one; returns CTRPOL_EXIT_USAGE. */
int report_bad_name(const char *cmd, const char *name);

/*
 * After a failure part-way through a command acting on several things, say
 * which of them were done (done is the verb: "loaded"): names[0..n).
 */
void report_partial(const char *cmd, const char *done, const char *const *names, size_t n);

#endif
