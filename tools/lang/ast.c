// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "names.h"

void policy_rule_lists(const struct policy *p, struct rule_list lists[POLICY_RULE_KINDS])
{
#define LIST(k, arr, count) \
	lists[(k) - 1] = (struct rule_list){ (k), (arr), (count), sizeof(*(arr)) }
	LIST(CTRPOL_RULE_FILE, p->files, p->nfiles);
	LIST(CTRPOL_RULE_CAP, p->caps, p->ncaps);
	LIST(CTRPOL_RULE_NET, p->net, p->nnet);
	LIST(CTRPOL_RULE_MOUNT, p->mounts, p->nmounts);
	LIST(CTRPOL_RULE_PEER, p->peers, p->npeers);
	LIST(CTRPOL_RULE_KERNEL, p->kernel, p->nkernel);
#undef LIST
}

size_t policy_nrules(const struct policy *p)
{
	struct rule_list lists[POLICY_RULE_KINDS];
	size_t n = 0, k;

	policy_rule_lists(p, lists);
	for (k = 0; k < POLICY_RULE_KINDS; k++)
		n += lists[k].n;
	return n;
}

void policy_free(struct policy *p)
{
	struct rule_list lists[POLICY_RULE_KINDS];
	size_t k, i;

	if (!p)
		return;
	policy_rule_lists(p, lists);
	for (k = 0; k < POLICY_RULE_KINDS; k++)
		for (i = 0; i < lists[k].n; i++)
			free(rule_at(&lists[k], i)->target);
	for (i = 0; i < p->nmounts; i++)
		free(p->mounts[i].glob);
	free(p->files);
	free(p->caps);
	free(p->net);
	free(p->mounts);
	free(p->peers);
	free(p->kernel);
	source_free_all(p->sources);
	free(p);
}

bool policy_name_valid(const char *name)
{
	size_t len = strlen(name);

	return len < CTRPOL_NAME_MAX && name_is_word(name, len, true);
}
