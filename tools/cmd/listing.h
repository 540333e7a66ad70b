/* SPDX-License-Identifier: GPL-2.0 */
/* What `ctrpol list` shows: the profiles loaded, their counters, and the cgroups they confine. */
#ifndef CTRPOL_LISTING_H
#define CTRPOL_LISTING_H

#include <stddef.h>
#include <stdio.h>

#include "genl/kernel_lists.h"

struct listing {
	struct kernel_profile *profiles;
	size_t nprofiles;
	struct kernel_attachment *attachments;
	size_t nattachments;
	char **paths;		/* of each attachment's cgroup; NULL where not found */
};

/*
 * Tables for people: each profile with its counters, under it the classes of
 * operation it decided on; then each attachment.  Names from the system are
 * shown with control bytes as '?'.
 */
void listing_print_text(FILE *out, const struct listing *l);

/* One JSON document on one line (see ctrpol(8)); returns 0, or -1 out of memory. */
int listing_print_json(FILE *out, const struct listing *l);

#endif
