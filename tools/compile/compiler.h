/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CTRPOL_COMPILER_H
#define CTRPOL_COMPILER_H

#include <stddef.h>

#include "lang/ast.h"

/*
 * Compile a parsed profile into a blob (malloc'd into *blob, *size bytes):
 * one DFA for all file rules, the capability sets, the network rule table,
 * one DFA for all mount rules, the peer rule table, the kernel and privilege
 * sets, and the rules' provenance.
 * Returns 0, or -1 after reporting errors to d.
 */
int policy_compile(const struct policy *p, struct diag *d, void **blob, size_t *size);

#endif
