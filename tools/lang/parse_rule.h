/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rule parsers: parse_rule() reads a file rule or the keyword of another
 * class and hands the rest to that class's parser (parse_CLASS.c).
 */
#ifndef CTRPOL_PARSE_RULE_H
#define CTRPOL_PARSE_RULE_H

#include "parse_ctx.h"

/* Parse a rule; f[0] is the field after 'allow' or 'deny'. */
void parse_rule(const struct rule_ctx *c, const struct field *f, int n);

void parse_cap_rule(const struct rule_ctx *c, const struct field *f, int n);
void parse_net_rule(const struct rule_ctx *c, const struct field *f, int n);
void parse_mount_rule(const struct rule_ctx *c, const struct field *f, int n);
void parse_peer_rule(const struct rule_ctx *c, const struct field *f, int n);
void parse_kernel_rule(const struct rule_ctx *c, const struct field *f, int n);

#endif
