// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol load [--replace] [--dir DIR]... [FILE]...: load profiles into the
 * LSM, all or nothing.  Every file is compiled (or read) and verified first,
 * so a local error changes nothing; then every profile goes in one request,
 * which the kernel takes whole or refuses whole.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "compile/policy_dir.h"
#include "compile/policy_file.h"
#include "genl/kernel_changes.h"
#include "genl/kernel_lists.h"
#include "genl/report_kernel.h"
#include "util/exit_codes.h"
#include "util/report.h"

#define USAGE "usage: ctrpol load [--replace] [--dir DIR]... [FILE]..."

static const struct report_hint hints[] = {
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

/* Read or compile, and verify, every file; a profile named twice, or a set too large, is refused. */
static int prepare(char **files, size_t n, struct policy_file *pfs)
{
	struct diag d = { .out = stderr };
	size_t i, j, total = 0;

	for (i = 0; i < n; i++)
		if (policy_file_load(files[i], &d, &pfs[i]))
			return CTRPOL_EXIT_POLICY;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (!strcmp(profile_name(&pfs[i]), profile_name(&pfs[j])))
				return report_usage("load", "%s and %s both hold profile %s: load "
						    "one of them", files[i], files[j],
						    profile_name(&pfs[i]));
	for (i = 0; i < n; i++)
		total += pfs[i].size;
	if (n > CTRPOL_MAX_LOAD_BLOBS || total > CTRPOL_MAX_LOAD_SIZE)
		return report_usage("load", "%zu profiles of %zu bytes are more than one load "
				    "takes (%u profiles, %u bytes): load them in several commands",
				    n, total, CTRPOL_MAX_LOAD_BLOBS, CTRPOL_MAX_LOAD_SIZE);
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

/* What the kernel held before: which loads replace. */
struct loaded_before {
	struct kernel_profile *v;
	size_t n;
};

/* Without --replace, a profile loaded already refuses the whole command, before any change. */
static int check_new(char **files, const struct policy_file *pfs, size_t n,
		     const struct loaded_before *before)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_loaded(profile_name(&pfs[i]), before->v, before->n)) {
			fprintf(stderr, "ctrpol load: %s: profile %s is loaded already; nothing "
				"was loaded\n  hint: add --replace to replace it, in every cgroup "
				"it confines at once\n", files[i], profile_name(&pfs[i]));
			return CTRPOL_EXIT_FAILED;
		}
	return CTRPOL_EXIT_OK;
}

/* Collect the files: each DIR's, then the FILEs, in order; all malloc'd. */
static int gather(int argc, char **argv, bool *replace, char ***files, size_t *n)
{
	static const struct option opts[] = {
		{ "replace", no_argument, NULL, 'r' },
		{ "dir", required_argument, NULL, 'd' },
		{ 0 }
	};
	bool dirs = false;
	int c, err;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r') {
			*replace = true;
		} else if (c == 'd') {
			dirs = true;
			err = policy_dir_list(optarg, files, n);
			if (err) {
				fprintf(stderr, "ctrpol load: cannot read directory %s: %s\n",
					optarg, strerror(-err));
				return CTRPOL_EXIT_FAILED;
			}
		} else {
			return report_usage("load", "%s", USAGE);
		}
	}
	for (; optind < argc; optind++) {
		char **grown = realloc(*files, (*n + 1) * sizeof(*grown));

		if (!grown || !(grown[*n] = strdup(argv[optind]))) {
			if (grown)
				*files = grown;
			fprintf(stderr, "ctrpol load: out of memory\n");
			return CTRPOL_EXIT_FAILED;
		}
		*files = grown;
		++*n;
	}
	if (!*n && !dirs)
		return report_usage("load", "missing FILE, a policy (.ctp) or a compiled "
				    "profile, or --dir DIR\n%s", USAGE);
	return CTRPOL_EXIT_OK;
}

/* Load every prepared profile in one request; a refusal loads none. */
static int load_all(char **files, const struct policy_file *pfs, size_t n, bool replace)
{
	struct loaded_before before = { NULL, 0 };
	struct kernel_blob *blobs = calloc(n, sizeof(*blobs));
	struct ctrpol_nl nl;
	size_t i;
	int err, ret;

	if (!blobs) {
		fprintf(stderr, "ctrpol load: out of memory\n");
		return CTRPOL_EXIT_FAILED;
	}
	err = ctrpol_nl_open(&nl);
	if (!err)
		err = kernel_profiles_get(&nl, &before.v, &before.n);
	if (err) {
		ret = report_kernel_error("load", err, &nl, hints);
		goto out;
	}
	ret = replace ? CTRPOL_EXIT_OK : check_new(files, pfs, n, &before);
	for (i = 0; i < n; i++)
		blobs[i] = (struct kernel_blob){ pfs[i].blob, pfs[i].size };
	err = ret ? 0 : kernel_load(&nl, blobs, n, replace ? CTRPOL_LOAD_REPLACE : 0);
	if (err) {
		ret = report_kernel_error("load", err, &nl, hints);
		fprintf(stderr, "ctrpol load: the kernel refused the %zu profile%s: none was "
			"loaded or replaced\n", n, n == 1 ? "" : "s");
	}
	for (i = 0; !ret && i < n; i++)
		printf("%s %s (%zu bytes)\n",
		       is_loaded(profile_name(&pfs[i]), before.v, before.n) ? "replaced" : "loaded",
		       profile_name(&pfs[i]), pfs[i].size);
out:
	ctrpol_nl_close(&nl);
	free(blobs);
	free(before.v);
	return ret;
}

int cmd_load(int argc, char **argv)
{
	struct policy_file *pfs = NULL;
	char **files = NULL;
	bool replace = false;
	size_t n = 0, i;
	int ret;

	ret = gather(argc, argv, &replace, &files, &n);
	if (ret || !n) {
		if (!ret)
			printf("nothing to load: no .ctp or .ctpb file in the directory\n");
		goto out;
	}
	pfs = calloc(n, sizeof(*pfs));
	if (!pfs) {
		fprintf(stderr, "ctrpol load: out of memory\n");
		ret = CTRPOL_EXIT_FAILED;
		goto out;
	}
	ret = prepare(files, n, pfs);
	if (ret)
		fprintf(stderr, "ctrpol load: nothing was loaded\n");
	else
		ret = load_all(files, pfs, n, replace);
out:
	for (i = 0; pfs && i < n; i++)
		policy_file_free(&pfs[i]);
	free(pfs);
	policy_dir_free(files, n);
	return ret;
}
