// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genl/kernel_changes.h"
#include "genl/kernel_lists.h"
#include "genl/report_kernel.h"
#include "learn_session.h"
#include "util/exit_codes.h"
#include "util/report.h"

static const struct report_hint hints[] = {
	{ -EINVAL, "the root cgroup holds the host and cannot be confined: learn from the cgroup "
		   "of a container" },
	{ -ENOENT, "the cgroup is gone: was it removed as ctrpol learn started?" },
	{ -EOPNOTSUPP, "the running LSM sends no events: it is older than this tool (ctrpol "
		       "version shows both)" },
	REPORT_HINT_CHANGE_PERM,
	{ 0 }
};

/* The profile attached to the cgroup itself, into who; false when none is. */
static int attached_profile(struct learn_session *s, char who[CTRPOL_NAME_MAX], bool *found)
{
	struct kernel_attachment *v;
	size_t n, i;
	int err = kernel_attachments_get(&s->nl, &v, &n);

	*found = false;
	for (i = 0; !err && i < n; i++)
		if (v[i].cgroup_id == s->cgroup->id) {
			memcpy(who, v[i].name, CTRPOL_NAME_MAX);
			*found = true;
		}
	free(v);
	return err;
}

int learn_session_start(struct learn_session *s, const struct cgroup_ref *cgroup,
			const char *profile, const void *blob, size_t size)
{
	char who[CTRPOL_NAME_MAX];
	struct ctrpol_nl *failed = &s->nl;
	bool confined;
	int err;

	memset(s, 0, sizeof(*s));
	s->cgroup = cgroup;
	s->profile = profile;
	err = ctrpol_nl_open(&s->nl);
	if (!err)
		err = attached_profile(s, who, &confined);
	if (!err && confined) {
		fprintf(stderr, "ctrpol learn: %s is confined by profile %s already\n"
				"  hint: detach it first (ctrpol detach --cgroup %s); to learn what "
				"%s lacks, give its policy with --from\n",
			cgroup->dir, who, cgroup->dir, who);
		return CTRPOL_EXIT_FAILED;
	}
	/* Subscribed before the profile is attached, so that no event is missed. */
	if (!err) {
		failed = &s->events_nl;
		err = ctrpol_nl_open(&s->events_nl);
	}
	if (!err)
		err = event_stream_open(&s->events, &s->events_nl);
	if (!err) {
		failed = &s->nl;
		err = kernel_load(&s->nl, &(struct kernel_blob){ blob, size }, 1, 0);
	}
	s->loaded = !err;
	if (err == -EEXIST) {
		report_kernel_error("learn", err, failed, NULL);
		fprintf(stderr, "  hint: %s is left from a ctrpol learn of this cgroup that was "
				"killed: remove it with ctrpol unload %s (first ctrpol detach --cgroup "
				"%s if ctrpol list shows it attached)\n", profile, profile, cgroup->dir);
		return CTRPOL_EXIT_FAILED;
	}
	if (!err)
		err = kernel_attach(&s->nl, cgroup->id, profile, 0);
	s->attached = !err;
	/* Attached since we looked: another command won the race. */
	if (err == -EEXIST) {
		report_kernel_error("learn", err, failed, NULL);
		fprintf(stderr, "  hint: a profile was attached to %s meanwhile: detach it first "
				"(ctrpol detach --cgroup %s)\n", cgroup->dir, cgroup->dir);
		return CTRPOL_EXIT_FAILED;
	}
	return err ? report_kernel_error("learn", err, failed, hints) : CTRPOL_EXIT_OK;
}

int learn_session_detach(struct learn_session *s)
{
	int err;

	if (!s->attached)
		return CTRPOL_EXIT_OK;
	err = kernel_detach(&s->nl, s->cgroup->id);
	/* A cgroup removed while learning lost its attachment with it. */
	if (err && err != -ENOENT) {
		report_kernel_error("learn", err, &s->nl, NULL);
		fprintf(stderr, "ctrpol learn: %s is still in complain mode under profile %s\n"
				"  hint: ctrpol detach --cgroup %s, then ctrpol unload %s\n",
			s->cgroup->dir, s->profile, s->cgroup->dir, s->profile);
		return CTRPOL_EXIT_FAILED;
	}
	s->attached = false;
	return CTRPOL_EXIT_OK;
}

/* Events of the profile the kernel dropped: the rate limit's, and those it had no room for. */
static uint64_t dropped_events(struct learn_session *s)
{
	struct kernel_profile *v;
	uint64_t dropped = 0;
	size_t n, i;

	if (kernel_profiles_get(&s->nl, &v, &n))
		return 0;
	for (i = 0; i < n; i++)
		if (!strcmp(v[i].name, s->profile))
			dropped = v[i].counters[CTRPOL_COUNTER_DROPPED];
	free(v);
	return dropped;
}

int learn_session_end(struct learn_session *s, uint64_t *dropped)
{
	int ret = learn_session_detach(s), err;

	*dropped = 0;
	if (s->loaded && !s->attached) {
		*dropped = dropped_events(s);
		err = kernel_unload(&s->nl, s->profile);
		if (err) {
			report_kernel_error("learn", err, &s->nl, NULL);
			fprintf(stderr, "ctrpol learn: profile %s is still loaded\n"
					"  hint: ctrpol unload %s\n", s->profile, s->profile);
			ret = CTRPOL_EXIT_FAILED;
		}
	}
	if (s->events)
		event_stream_close(s->events);
	ctrpol_nl_close(&s->events_nl);
	ctrpol_nl_close(&s->nl);
	return ret;
}
