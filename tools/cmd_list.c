// SPDX-License-Identifier: GPL-2.0
/* ctrpol list [--json]: the profiles loaded, their counters, and the cgroups they confine. */
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lib/cgroup.h"
#include "lib/diag.h"
#include "lib/exit_codes.h"
#include "lib/json.h"
#include "lib/kernel_lists.h"
#include "lib/report.h"

#define USAGE "usage: ctrpol list [--json]"

struct listing {
	struct kernel_profile *profiles;
	size_t nprofiles;
	struct kernel_attachment *attachments;
	size_t nattachments;
	char **paths;		/* of each attachment's cgroup; NULL where not found */
};

static const char *mode_name(uint32_t mode)
{
	return mode == CTRPOL_MODE_ENFORCE ? "enforce" :
	       mode == CTRPOL_MODE_COMPLAIN ? "complain" : "unknown";
}

/* s left-aligned in width columns, control bytes shown as '?' (names come from outside). */
static void put_cell(const char *s, int width)
{
	int len = strlen(s);

	diag_put_safe(stdout, s, len);
	printf("%*s", width > len ? width - len : 0, "");
}

static int name_width(const struct listing *l)
{
	int w = strlen("PROFILE");
	size_t i;

	for (i = 0; i < l->nprofiles; i++)
		if ((int)strlen(l->profiles[i].name) > w)
			w = strlen(l->profiles[i].name);
	for (i = 0; i < l->nattachments; i++)
		if ((int)strlen(l->attachments[i].name) > w)
			w = strlen(l->attachments[i].name);
	return w;
}

static void print_text(const struct listing *l)
{
	int w = name_width(l);
	size_t i;

	if (!l->nprofiles)
		printf("no profile is loaded\n");
	else
		printf("%-*s  %-8s  %9s  %8s  %10s  %10s  %10s\n", w, "PROFILE", "MODE", "SIZE",
		       "ATTACHED", "ALLOWED", "DENIED", "COMPLAINED");
	for (i = 0; i < l->nprofiles; i++) {
		const struct kernel_profile *p = &l->profiles[i];

		put_cell(p->name, w);
		printf("  %-8s  %9u  %8u  %10" PRIu64 "  %10" PRIu64 "  %10" PRIu64 "\n",
		       mode_name(p->mode), p->blob_size, p->nattachments,
		       p->counters[CTRPOL_COUNTER_ALLOWED], p->counters[CTRPOL_COUNTER_DENIED],
		       p->counters[CTRPOL_COUNTER_COMPLAINED]);
	}
	printf("\n");
	if (!l->nattachments)
		printf("no cgroup has a profile attached\n");
	else
		printf("%-20s  %-*s  %s\n", "CGROUP", w, "PROFILE", "PATH");
	for (i = 0; i < l->nattachments; i++) {
		printf("%-20" PRIu64 "  ", l->attachments[i].cgroup_id);
		/* A cgroup not found under the cgroup2 mount shows its id only. */
		put_cell(l->attachments[i].name, l->paths[i] ? w : 0);
		if (l->paths[i]) {
			printf("  ");
			put_cell(l->paths[i], 0);
		}
		printf("\n");
	}
}

static void print_json(const struct listing *l)
{
	size_t i;

	printf("{\"profiles\":[");
	for (i = 0; i < l->nprofiles; i++) {
		const struct kernel_profile *p = &l->profiles[i];

		printf("%s{\"name\":", i ? "," : "");
		json_string(stdout, p->name);
		printf(",\"mode\":\"%s\",\"blob_size\":%u,\"attachments\":%u,\"allowed\":%" PRIu64
		       ",\"denied\":%" PRIu64 ",\"complained\":%" PRIu64 "}",
		       mode_name(p->mode), p->blob_size, p->nattachments,
		       p->counters[CTRPOL_COUNTER_ALLOWED], p->counters[CTRPOL_COUNTER_DENIED],
		       p->counters[CTRPOL_COUNTER_COMPLAINED]);
	}
	printf("],\"attachments\":[");
	for (i = 0; i < l->nattachments; i++) {
		printf("%s{\"cgroup_id\":%" PRIu64 ",\"profile\":", i ? "," : "",
		       l->attachments[i].cgroup_id);
		json_string(stdout, l->attachments[i].name);
		printf(",\"path\":");
		if (l->paths[i])
			json_string(stdout, l->paths[i]);
		else
			printf("null");
		printf("}");
	}
	printf("]}\n");
}

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
	} else if (find_paths(&l)) {
		fprintf(stderr, "ctrpol list: out of memory\n");
		ret = CTRPOL_EXIT_FAILED;
	} else {
		if (json)
			print_json(&l);
		else
			print_text(&l);
		ret = CTRPOL_EXIT_OK;
	}
	for (i = 0; l.paths && i < l.nattachments; i++)
		free(l.paths[i]);
	free(l.paths);
	free(l.profiles);
	free(l.attachments);
	return ret;
}
