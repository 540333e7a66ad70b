// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: event_decode() on hostile attributes, placed in the
 * CTRPOL_A_EVENT nest of an event message; whatever decodes is filtered and
 * printed as text and as JSON, as ctrpol monitor would, so that a field the
 * decoder lets through unchecked is an ASan or UBSan report.
 */
#include <stdio.h>
#include <string.h>
#include <netlink/genl/genl.h>

#include "events/event.h"
#include "events/event_filter.h"

/* An attribute's length is 16 bits: the nest, its header included, must fit. */
#define NEST_MAX	60000

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct event_filter filter = { .profile = "web", .by_cgroup = true,
					      .cgroup_id = 2, .cgroup_path = "/ctr" };
	static FILE *sink;
	struct ctrpol_event ev;
	struct nlattr *nest;
	struct nl_msg *msg;
	void *room;

	if (size > NEST_MAX)
		return 0;
	if (!sink)
		sink = fopen("/dev/null", "w");
	msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN + NEST_MAX + 64);
	if (!msg || !sink || !genlmsg_put(msg, 1, 1, 42, 0, 0, CTRPOL_CMD_EVENT, 1))
		goto out;
	nest = nla_nest_start(msg, CTRPOL_A_EVENT);
	room = nest ? nlmsg_reserve(msg, size, NLMSG_ALIGNTO) : NULL;
	if (!room)
		goto out;
	memcpy(room, data, size);
	nla_nest_end(msg, nest);
	if (!event_decode(nlmsg_hdr(msg), &ev)) {
		event_filter_match(&filter, &ev);
		event_print_text(sink, &ev);
		event_print_json(sink, &ev);
	}
out:
	nlmsg_free(msg);
	return 0;
}
