// SPDX-License-Identifier: GPL-2.0
/* ctrpol list [--json]: the profiles loaded, their counters, and the cgroups they confine. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "genl/cgroup.h"
#include "genl/report_kernel.h"
#include "listing.h"
#include "util/exit_codes.h"
#include "util/report.h"

#define USAGE "usage: ctrpol list [--json]"

/* Each attachment's cgroup directory, looked for under the cgroup2 mount. */
static int find_paths(struct listing *l)
{
	char root[PATH_MAX];
	uint64_t *ids;
	size_t i;

	l->paths = calloc(l->nattachments + 1, sizeof(*l->paths));
	ids = calloc(l->nattachments + 1, sizeof(*ids));
	if (!l->paths || !ids) {
		free(ids);
		return -1;
	}
	for (i = 0; i < l->nattachments; i++)
		ids[i] = l->attachments[i].cgroup_id;
	if (l->nattachments && !cgroup2_mount_dir(root, sizeof(root)))
		cgroup_find_ids(root, ids, l->paths, l->nattachments);
	free(ids);
	return 0;
}

/* Returns 0, or -1 when memory ran out. */
static int print(const struct listing *l, bool json)
{
	if (json)
		return listing_print_json(stdout, l);
	listing_print_text(stdout, l);
	return 0;
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = { { "json", no_argument, NULL, 'j' }, { 0 } };
	struct listing l = { 0 };
	struct ctrpol_nl nl;
	bool json = false;
	int c, err, ret;
	size_t i;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'j')
			return report_usage("list", "%s", USAGE);
		json = true;
	}
	if (optind != argc)
		return report_usage("list", "unexpected argument '%s'\n%s", argv[optind], USAGE);
	err = ctrpol_nl_open(&nl);
	if (!err)
		err = kernel_profiles_get(&nl, &l.profiles, &l.nprofiles);
	if (!err)
		err = kernel_attachments_get(&nl, &l.attachments, &l.nattachments);
	ctrpol_nl_close(&nl);
	if (err) {
		ret = report_kernel_error("list", err, &nl, NULL);
	} else if (find_paths(&l) || print(&l, json)) {
		fprintf(stderr, "ctrpol list: out of memory\n");
		ret = CTRPOL_EXIT_FAILED;
	} else {
		ret = CTRPOL_EXIT_OK;
	}
	for (i = 0; l.paths && i < l.nattachments; i++)
		free(l.paths[i]);
	free(l.paths);
	free(l.profiles);
	free(l.attachments);
	return ret;
}
