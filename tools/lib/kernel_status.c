// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "kernel_status.h"

static int parse_status(struct nlattr **attrs, void *arg)
{
	struct kernel_status *ks = arg;
	struct nlattr *nla;
	int rem;

	if (!attrs[CTRPOL_A_VERSION] || !attrs[CTRPOL_A_ABI_VERSION])
		return -EBADMSG;
	nla_strlcpy(ks->release, attrs[CTRPOL_A_VERSION], sizeof(ks->release));
	ks->abi = nla_get_u32(attrs[CTRPOL_A_ABI_VERSION]);
	if (!attrs[CTRPOL_A_COUNTERS])
		return 0;
	/* Counters this tool does not know yet are skipped: the set only grows. */
	nla_for_each_nested(nla, attrs[CTRPOL_A_COUNTERS], rem) {
		int type = nla_type(nla);

		if (type > CTRPOL_COUNTER_PAD && type <= CTRPOL_COUNTER_MAX &&
		    nla_len(nla) == sizeof(uint64_t))
			ks->counters[type] = nla_get_u64(nla);
	}
	return 0;
}

int kernel_status_get(struct ctrpol_nl *nl, struct kernel_status *ks)
{
	memset(ks, 0, sizeof(*ks));
	return ctrpol_nl_request(nl, CTRPOL_CMD_GET_STATUS, NULL, parse_status, ks);
}
