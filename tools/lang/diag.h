/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diagnostics about policy sources, in the form compilers use:
 *   web.ctp:12:17: error: unknown permission 'wirte'
 *      12 |     allow read,wirte /var/log/app.log
 *         |                ^~~~~
 *         = did you mean 'write'?
 */
#ifndef CTRPOL_DIAG_H
#define CTRPOL_DIAG_H

#include <stdio.h>

#include "source.h"

struct diag {
	FILE *out;
	unsigned int errors, warnings;
};

__attribute__((format(printf, 3, 4)))
void diag_error(struct diag *d, const struct loc *at, const char *fmt, ...);
__attribute__((format(printf, 3, 4)))
void diag_warning(struct diag *d, const struct loc *at, const char *fmt, ...);
/* A hint on how to fix the diagnostic just printed. */
__attribute__((format(printf, 2, 3)))
void diag_hint(struct diag *d, const char *fmt, ...);

/*
 * Text from a policy, or from the system (a cgroup name), may hold terminal
 * escapes: write len bytes of s with control bytes shown as '?' (tabs stay,
 * to align).
 */
void diag_put_safe(FILE *out, const char *s, size_t len);

#endif
