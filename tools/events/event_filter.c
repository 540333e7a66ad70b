// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "event_filter.h"
#include "genl/cgroup_text.h"

bool event_filter_match(const struct event_filter *f, const struct ctrpol_event *ev)
{
	const char *rest;

	if (f->profile && strcmp(ev->profile, f->profile))
		return false;
	/* Without a path, only the root cgroup is known to hold the event's. */
	return !f->by_cgroup || ev->cgroup_id == f->cgroup_id || !strcmp(f->cgroup_path, "/") ||
	       (ev->cgroup_path && cgroup_path_under(ev->cgroup_path, f->cgroup_path, &rest));
}
