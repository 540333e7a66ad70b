/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CTRPOL_LINT_H
#define CTRPOL_LINT_H

#include "ast.h"

/*
 * Warn about rules that are legal but likely mistakes: redundant or
 * contradicting rules, globs that can never match a path the kernel sees,
 * allow rules that a default of allow makes pointless.
 */
void policy_lint(const struct policy *p, struct diag *d);

#endif
