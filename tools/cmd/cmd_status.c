// SPDX-License-Identifier: GPL-2.0
/* ctrpol status: is the LSM active, and what has it done since boot. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "genl/kernel_lists.h"
#include "genl/kernel_status.h"
#include "genl/report_kernel.h"
#include "util/exit_codes.h"
#include "util/report.h"

/* One line per profile: what it decided and reported ("ctrpol list" has the details by class). */
static void print_profiles(const struct kernel_profile *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("profile %-10s %" PRIu64 " allowed, %" PRIu64 " denied, %" PRIu64
		       " complained; %" PRIu64 " events, %" PRIu64 " dropped\n", v[i].name,
		       v[i].counters[CTRPOL_COUNTER_ALLOWED], v[i].counters[CTRPOL_COUNTER_DENIED],
		       v[i].counters[CTRPOL_COUNTER_COMPLAINED],
		       v[i].counters[CTRPOL_COUNTER_EVENTS], v[i].counters[CTRPOL_COUNTER_DROPPED]);
}

int cmd_status(int argc, char **argv)
{
	struct kernel_profile *profiles = NULL;
	struct kernel_status ks;
	struct ctrpol_nl nl;
	size_t nprofiles = 0;
	int err;

	if (argc > 1)
		return report_usage("status", "unexpected argument '%s'", argv[1]);
	err = ctrpol_nl_open(&nl);
	if (!err) {
		err = kernel_status_get(&nl, &ks);
		if (!err)
			err = kernel_profiles_get(&nl, &profiles, &nprofiles);
		ctrpol_nl_close(&nl);
	}
	if (err)
		return report_kernel_error("status", err, &nl, NULL);

	printf("lsm:               active, release %s, ABI %u\n", ks.release, ks.abi);
	printf("netlink requests:  %" PRIu64 "\n", ks.counters[CTRPOL_COUNTER_REQUESTS]);
	printf("refused requests:  %" PRIu64 "\n", ks.counters[CTRPOL_COUNTER_REFUSED]);
	if (ks.has_nprofiles)
		printf("profiles loaded:   %u\n", ks.nprofiles);
	if (ks.has_nattachments)
		printf("attachments:       %u\n", ks.nattachments);
	if (ks.has_event_limit)
		printf("events:            %" PRIu64 " sent, %" PRIu64 " dropped "
		       "(limit %u/s, burst %u per profile)\n", ks.counters[CTRPOL_COUNTER_EVENTS],
		       ks.counters[CTRPOL_COUNTER_DROPPED], ks.event_rate, ks.event_burst);
	print_profiles(profiles, nprofiles);
	free(profiles);
	return CTRPOL_EXIT_OK;
}
