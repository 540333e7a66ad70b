// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol oci-hook [--default PROFILE]: an OCI runtime hook (createRuntime,
 * or prestart) that confines a container before its program runs.  The
 * state on stdin names the container's process; its cgroup gets the profile
 * of the annotation io.ctrpol.profile, else the default, attached on exec:
 * the runtime finishes its set-up unconfined, and the container's program
 * is the first thing the profile judges.  Fail closed: whatever goes wrong,
 * the hook fails, and the runtime does not start the container.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "genl/cgroup.h"
#include "genl/kernel_changes.h"
#include "genl/kernel_lists.h"
#include "genl/oci_state.h"
#include "genl/report_kernel.h"
#include "lang/ast.h"
#include "util/exit_codes.h"
#include "util/report.h"

#define USAGE "usage: ctrpol oci-hook [--default PROFILE]   (the container's state on stdin)"

static const struct report_hint hints[] = {
	{ -ENOENT, "load the profile first: ctrpol load --dir /etc/ctrpol, at boot "
		   "(ctrpol-load.service)" },
	{ -EEXIST, "the container's cgroup has another profile: detach it, or name that one" },
	REPORT_HINT_CHANGE_PERM,
	{ 0 }
};

/* All of stdin, up to OCI_STATE_MAX bytes and one more to tell it is too long. */
static char *read_state(size_t *len)
{
	size_t cap = OCI_STATE_MAX + 1;
	char *buf = malloc(cap);
	ssize_t n;

	*len = 0;
	while (buf && *len < cap) {
		n = read(STDIN_FILENO, buf + *len, cap - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0) {
				free(buf);
				return NULL;
			}
			break;
		}
		*len += n;
	}
	return buf;
}

/* Whether cgroup id already has profile name: the hook then ran before, for this container. */
static bool attached_already(struct ctrpol_nl *nl, uint64_t id, const char *name)
{
	struct kernel_attachment *v;
	size_t n, i;
	bool same = false;

	if (kernel_attachments_get(nl, &v, &n))
		return false;
	for (i = 0; i < n; i++)
		if (v[i].cgroup_id == id && !strcmp(v[i].name, name))
			same = true;
	free(v);
	return same;
}

static int confine(const struct oci_state *st, const char *profile)
{
	struct cgroup_ref ref;
	struct ctrpol_nl nl;
	char pid[16];
	int err;

	snprintf(pid, sizeof(pid), "%d", st->pid);
	if (cgroup_ref_of_pid("oci-hook", pid, &ref))
		return CTRPOL_EXIT_FAILED;
	err = ctrpol_nl_open(&nl);
	if (!err)
		err = kernel_attach(&nl, ref.id, profile, CTRPOL_ATTACH_ON_EXEC);
	if (err == -EEXIST && attached_already(&nl, ref.id, profile))
		err = 0;
	ctrpol_nl_close(&nl);
	if (err) {
		fprintf(stderr, "ctrpol oci-hook: container %s: cannot confine it with profile %s\n",
			st->id, profile);
		err = report_kernel_error("oci-hook", err, &nl, hints);
		/* The container must not start: every failure is one. */
		return err == CTRPOL_EXIT_USAGE ? CTRPOL_EXIT_FAILED : err;
	}
	return CTRPOL_EXIT_OK;
}

int cmd_oci_hook(int argc, char **argv)
{
	static const struct option opts[] = { { "default", required_argument, NULL, 'd' }, { 0 } };
	const char *fallback = NULL, *profile, *why;
	struct oci_state st;
	size_t len;
	char *text;
	int c, ret;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return report_usage("oci-hook", "%s", USAGE);
		fallback = optarg;
	}
	if (optind < argc)
		return report_usage("oci-hook", "unexpected argument '%s'\n%s", argv[optind], USAGE);
	if (fallback && !policy_name_valid(fallback))
		return report_bad_name("oci-hook", fallback);
	text = read_state(&len);
	if (!text) {
		fprintf(stderr, "ctrpol oci-hook: cannot read the container's state on stdin: %s\n",
			strerror(errno ? errno : ENOMEM));
		return CTRPOL_EXIT_FAILED;
	}
	ret = oci_state_parse(text, len, &st, &why);
	free(text);
	if (ret) {
		fprintf(stderr, "ctrpol oci-hook: the state on stdin: %s\n"
			"  hint: run ctrpol oci-hook as an OCI hook (createRuntime or prestart), "
			"which gives it the container's state\n", why);
		return CTRPOL_EXIT_FAILED;
	}
	profile = st.profile ? st.profile : fallback;
	if (!profile) {
		fprintf(stderr, "ctrpol oci-hook: container %s has no profile\n  hint: annotate it "
			"with " OCI_PROFILE_ANNOTATION "=NAME, or give the hook --default NAME\n",
			st.id);
		ret = CTRPOL_EXIT_FAILED;
	} else if (!policy_name_valid(profile)) {
		fprintf(stderr, "ctrpol oci-hook: container %s: annotation " OCI_PROFILE_ANNOTATION
			" is no profile name (1 to 63 of A-Z a-z 0-9 . _ -)\n", st.id);
		ret = CTRPOL_EXIT_FAILED;
	} else if (!st.pid) {
		fprintf(stderr, "ctrpol oci-hook: container %s: the state has no pid (status %s): "
			"run the hook at createRuntime or prestart\n", st.id,
			st.status ? st.status : "unknown");
		ret = CTRPOL_EXIT_FAILED;
	} else {
		ret = confine(&st, profile);
	}
	oci_state_free(&st);
	return ret;
}
