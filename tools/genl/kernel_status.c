// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "kernel_status.h"

int kernel_status_parse(struct nlattr **attrs, void *arg)
{
	struct kernel_status *ks = arg;

	if (!attrs[CTRPOL_A_VERSION] || !attrs[CTRPOL_A_ABI_VERSION])
		return -EBADMSG;
	nla_strlcpy(ks->release, attrs[CTRPOL_A_VERSION], sizeof(ks->release));
	ks->abi = nla_get_u32(attrs[CTRPOL_A_ABI_VERSION]);
	if (attrs[CTRPOL_A_COUNTERS])
		ctrpol_nl_counters(attrs[CTRPOL_A_COUNTERS], ks->counters);
	/* An older kernel, which loads no profile, does not send these. */
	ks->has_nprofiles = attrs[CTRPOL_A_NPROFILES];
	if (ks->has_nprofiles)
		ks->nprofiles = nla_get_u32(attrs[CTRPOL_A_NPROFILES]);
	ks->has_nattachments = attrs[CTRPOL_A_NATTACHMENTS];
	if (ks->has_nattachments)
		ks->nattachments = nla_get_u32(attrs[CTRPOL_A_NATTACHMENTS]);
	/* Both or neither: a limit is a rate and a burst. */
	ks->has_event_limit = attrs[CTRPOL_A_EVENT_RATE] && attrs[CTRPOL_A_EVENT_BURST];
	if (ks->has_event_limit) {
		ks->event_rate = nla_get_u32(attrs[CTRPOL_A_EVENT_RATE]);
		ks->event_burst = nla_get_u32(attrs[CTRPOL_A_EVENT_BURST]);
	}
	return 0;
}

int kernel_status_get(struct ctrpol_nl *nl, struct kernel_status *ks)
{
	memset(ks, 0, sizeof(*ks));
	return ctrpol_nl_request(nl, CTRPOL_CMD_GET_STATUS, kernel_status_parse, ks);
}
