/* SPDX-License-Identifier: GPL-2.0 */
/* Which events `ctrpol monitor` shows: of one profile, of one cgroup subtree. */
#ifndef CTRPOL_EVENT_FILTER_H
#define CTRPOL_EVENT_FILTER_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "event.h"

struct event_filter {
	const char *profile;		/* NULL: any */
	bool by_cgroup;			/* only the cgroup below and its descendants */
	uint64_t cgroup_id;
	char cgroup_path[PATH_MAX];	/* from the hierarchy's root, as events spell it */
};

/*
 * Whether ev passes f: its profile is f's, and its cgroup is f's (by id) or
 * below it (its path starts with f's, up to a '/').
 */
bool event_filter_match(const struct event_filter *f, const struct ctrpol_event *ev);

#endif
