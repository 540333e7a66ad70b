// SPDX-License-Identifier: GPL-2.0
/* ctrpol status: is the LSM active, and what has it done since boot. */
#include <inttypes.h>
#include <stdio.h>

#include "commands.h"
#include "lib/exit_codes.h"
#include "lib/kernel_status.h"
#include "lib/report.h"

int cmd_status(int argc, char **argv)
{
	struct kernel_status ks;
	struct ctrpol_nl nl;
	int err;

	if (argc > 1)
		return report_usage("status", "unexpected argument '%s'", argv[1]);
	err = ctrpol_nl_open(&nl);
	if (!err) {
		err = kernel_status_get(&nl, &ks);
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
	return CTRPOL_EXIT_OK;
}
