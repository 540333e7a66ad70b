// SPDX-License-Identifier: GPL-2.0
/* Capability rules: "cap NAMES". */
#include "parse_rule.h"

static int cap_item(const struct rule_ctx *c, const struct loc *at, const char *item, size_t len,
		    void *arg)
{
	static const struct name_list caps = {
		&cap_names, "capability", "capabilities",
		"as in capabilities(7), without CAP_: sys_admin, net_bind_service, ...",
		NULL, NULL, NULL, "allow cap net_bind_service, setuid",
	};
	int cap = name_lookup(&cap_names, item, len);
	struct cap_rule *r;

	(void)arg;
	if (cap < 0) {
		ctx_unknown_name(c, at, &caps, item, len);
		return -1;
	}
	r = ctx_push(c, &c->p->caps, &c->p->ncaps, sizeof(*r));
	if (!r)
		return -1;
	r->h = ctx_head(c, at, (uint32_t)cap, NULL);
	return 0;
}

/* cap NAMES: one rule per capability, each pointing at its name. */
void parse_cap_rule(const struct rule_ctx *c, const struct field *f, int n)
{
	int i = 1, count = ctx_list(c, f, n, &i, cap_item, NULL);
	struct loc at = ctx_loc(c, &f[0]);

	if (!count) {
		diag_error(c->d, &at, "expected capability names after 'cap'");
		diag_hint(c->d, "for example: allow cap net_bind_service, setuid");
	} else if (count > 0 && i < n) {
		ctx_unexpected(c, f, i, "separate capabilities with commas: chown, fowner");
	}
}
