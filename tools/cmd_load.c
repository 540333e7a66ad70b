// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol load [--replace] FILE...: load profiles into the LSM.  Every file
 * is compiled (or read) and verified first, so a local error loads nothing;
 * then each is loaded in turn, stopping at the first the kernel refuses.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lib/exit_codes.h"
#include "lib/kernel_changes.h"
#include "lib/kernel_lists.h"
#include "lib/policy_file.h"
#include "lib/report.h"

#define USAGE "usage: ctrpol load [--replace] FILE..."

static const struct report_hint hints[] = {
	{ -EEXIST, "a profile of that name is loaded: add --replace to replace it, in every "
		   "cgroup it confines at once" },
	{ -EINVAL, "the kernel refused a profile this tool verified: are the LSM and the tool "
		   "of one release? (ctrpol version)" },
	{ -ENOMEM, "the kernel could not allocate memory for the profile" },
	REPORT_HINT_CHANGE_PERM,
	{ 0 }
};

static const char *profile_name(const struct policy_file *pf)
{
	return pf->view.profile->name;
}

/* Read or compile, and verify, every file; a profile named twice is refused too. */
static int prepare(char **files, size_t n, struct policy_file *pfs)
{
	struct diag d = { .out = stderr };
	size_t i, j;

	for (i = 0; i < n; i++)
		if (policy_file_load(files[i], &d, &pfs[i]))
			return CTRPOL_EXIT_POLICY;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (!strcmp(profile_name(&pfs[i]), profile_name(&pfs[j])))
				return report_usage("load", "%s and %s both hold profile %s: load "
						    "one of them", files[i], files[j],
						    profile_name(&pfs[i]));
	return CTRPOL_EXIT_OK;
}

static bool is_loaded(const char *name, const struct kernel_profile *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return true;
	return false;
}

/* Load pfs in order; names[] gets those loaded, *ndone their number. */
static int load_all(struct ctrpol_nl *nl, const struct policy_file *pfs, size_t n, bool replace,
		    const char **names, size_t *ndone)
{
	struct kernel_profile *before = NULL;
	size_t nbefore = 0, i;
	int err = 0;

	/* Only to tell "replaced" from "loaded": the kernel's reply does not say. */
	if (replace)
		err = kernel_profiles_get(nl, &before, &nbefore);
	for (i = 0; !err && i < n; i++) {
		err = kernel_load(nl, pfs[i].blob, pfs[i].size, replace ? CTRPOL_LOAD_REPLACE : 0);
		if (err)
			break;
		printf("%s %s (%zu bytes)\n",
		       is_loaded(profile_name(&pfs[i]), before, nbefore) ? "replaced" : "loaded",
		       profile_name(&pfs[i]), pfs[i].size);
		names[(*ndone)++] = profile_name(&pfs[i]);
	}
	free(before);
	return err;
}

int cmd_load(int argc, char **argv)
{
	static const struct option opts[] = { { "replace", no_argument, NULL, 'r' }, { 0 } };
	struct policy_file *pfs = NULL;
	const char **names = NULL;
	struct ctrpol_nl nl;
	size_t n, i, ndone = 0;
	bool replace = false;
	int c, ret, err;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'r')
			return report_usage("load", "%s", USAGE);
		replace = true;
	}
	if (optind == argc)
		return report_usage("load", "missing FILE, a policy (.ctp) or a compiled "
				    "profile\n%s", USAGE);
	n = argc - optind;
	pfs = calloc(n, sizeof(*pfs));
	names = calloc(n, sizeof(*names));
	if (!pfs || !names) {
		fprintf(stderr, "ctrpol load: out of memory\n");
		ret = CTRPOL_EXIT_FAILED;
		goto out;
	}
	ret = prepare(argv + optind, n, pfs);
	if (ret) {
		if (n > 1)
			report_partial("load", "loaded", names, 0);
		goto out;
	}
	err = ctrpol_nl_open(&nl);
	if (!err)
		err = load_all(&nl, pfs, n, replace, names, &ndone);
	ctrpol_nl_close(&nl);
	if (err) {
		fflush(stdout);
		ret = report_kernel_error("load", err, &nl, hints);
		if (n > 1 && nl.family > 0) {
			fprintf(stderr, "ctrpol load: stopped at %s (profile %s)\n",
				argv[optind + ndone], profile_name(&pfs[ndone]));
			report_partial("load", "loaded", names, ndone);
		}
	}
out:
	for (i = 0; pfs && i < n; i++)
		policy_file_free(&pfs[i]);
	free(pfs);
	free(names);
	return ret;
}
