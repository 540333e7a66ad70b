// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "event_filter.h"

/* path (NULL: unknown) is at or below the cgroup at top, both from the hierarchy's root. */
static bool below(const char *path, const char *top)
{
	size_t len = strlen(top);

	/* The root is "/", above all; "/a" is above "/a/b" but not "/ab". */
	if (!strcmp(top, "/"))
		return true;
	return path && !strncmp(path, top, len) && (path[len] == '\0' || path[len] == '/');
}

bool event_filter_match(const struct event_filter *f, const struct ctrpol_event *ev)
{
	if (f->profile && strcmp(ev->profile, f->profile))
		return false;
	return !f->by_cgroup || ev->cgroup_id == f->cgroup_id ||
	       below(ev->cgroup_path, f->cgroup_path);
}
