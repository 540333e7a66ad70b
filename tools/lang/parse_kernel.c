// SPDX-License-Identifier: GPL-2.0
/* kernel NAMES and privilege NAMES: two statements over one set of bits (CTRPOL_SEC_KERNEL). */
#include "parse_rule.h"

void parse_kernel_rule(const struct rule_ctx *c, const struct field *f, int n)
{
	static const struct name_list kernel = {
		&kernel_names, "kernel surface", "kernel surfaces", NULL, NULL,
		&priv_names, "privilege", "deny kernel module_load, bpf",
	};
	static const struct name_list privilege = {
		&priv_names, "privilege", "privileges", NULL, NULL,
		&kernel_names, "kernel", "deny privilege root",
	};
	const struct name_list *l = field_is(&f[0], "privilege") ? &privilege : &kernel;
	struct loc at = ctx_span(c, f, n);
	struct kernel_rule *r;
	uint64_t set;
	int i = 1;

	if (ctx_names(c, f, n, &i, l, &set, NULL))
		return;
	if (i < n) {
		ctx_unexpected(c, f, i, "separate names with commas: bpf,perf");
		return;
	}
	r = ctx_push(c, &c->p->kernel, &c->p->nkernel, sizeof(*r));
	if (r)
		r->h = ctx_head(c, &at, (uint32_t)set, NULL);
}
