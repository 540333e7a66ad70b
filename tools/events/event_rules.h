/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the rules of a compiled profile say of the operation an event
 * reports, found with the matchers the kernel runs (kernel/shared/), as
 * `ctrpol explain` does for an operation typed on its command line.
 */
#ifndef CTRPOL_EVENT_RULES_H
#define CTRPOL_EVENT_RULES_H

#include <stdint.h>

#include "event.h"
#include "policy.h"

/* Of the bits an event requested, those an allow rule names and those a deny rule names. */
struct event_rules {
	uint64_t allow, deny;
};

/*
 * What v's rules say of each bit of ev->requested.  What has no name for the
 * rules (a file without a path, a filesystem type no rule can name) is named
 * by none.  Deny wins over allow; what neither names takes the profile's
 * default, but for peers, which are refused.
 */
void event_rules_say(const struct ctrpol_blob_view *v, const struct ctrpol_event *ev,
		     struct event_rules *out);

/*
 * The network operation op (one CTRPOL_NET_* bit) of ev as the hooks decide
 * it: the socket's family, type and protocol and, for an inet socket, the
 * address, an IPv4 one reached through an inet6 socket made IPv4 again.
 */
void event_net_query(const struct ctrpol_event *ev, uint16_t op, struct ctrpol_net_query *q);

#endif
