// SPDX-License-Identifier: GPL-2.0
#include <linux/ctrpol.h>

#include "fake_genl.h"
#include "harness.h"

struct nl_msg *fake_genl_msg(uint8_t cmd)
{
	/* Room for an event's largest strings, a few paths of CTRPOL_MAX_PATH. */
	struct nl_msg *msg = nlmsg_alloc_size(64 << 10);

	if (!msg || !genlmsg_put(msg, 1, 1, FAKE_FAMILY, 0, 0, cmd, CTRPOL_GENL_VERSION))
		FAIL("cannot build a message of command %u", cmd);
	return msg;
}
