// SPDX-License-Identifier: GPL-2.0
/* net OPS [FAMILY] [TYPE] [PROTOCOL] [ADDRESS] [port PORTS]: the selectors are net_rule.c's. */
#include <stdlib.h>
#include <string.h>

#include "parse_rule.h"

void parse_net_rule(const struct rule_ctx *c, const struct field *f, int n)
{
	static const struct name_list ops = {
		&net_op_names, "network operation", "network operations", NULL, NULL, NULL, NULL,
		"allow net connect tcp port 443",
	};
	struct loc at = ctx_span(c, f, n);
	struct net_sel_err err;
	struct net_sel sel;
	struct net_rule *r;
	char text[256];
	uint64_t set;
	bool all;
	int i = 1;

	if (ctx_names(c, f, n, &i, &ops, &set, &all))
		return;
	if (net_sel_parse(f + i, n - i, (uint16_t)set, all, false, &sel, &err)) {
		struct loc bad = ctx_loc(c, &f[i + err.field]);

		diag_error(c->d, &bad, "%s", err.msg);
		if (err.hint[0])
			diag_hint(c->d, "%s", err.hint);
		return;
	}
	r = ctx_push(c, &c->p->net, &c->p->nnet, sizeof(*r));
	if (!r)
		return;
	r->h = ctx_head(c, &at, (uint32_t)set, strdup(net_sel_format(&sel, text, sizeof(text))));
	r->sel = sel;
	if (!r->h.target)
		diag_error(c->d, &at, "out of memory");
}
