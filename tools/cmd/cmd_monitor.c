// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol monitor [--json] [--profile NAME] [--cgroup PATH] [--duration SECONDS]:
 * the LSM's events as they happen, one line each, until a signal or the
 * duration stops it.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "events/event.h"
#include "events/event_filter.h"
#include "genl/cgroup.h"
#include "genl/report_kernel.h"
#include "lang/ast.h"
#include "util/exit_codes.h"
#include "util/report.h"
#include "util/run_until.h"

#define CMD "monitor"
#define USAGE "usage: ctrpol monitor [--json] [--profile NAME] [--cgroup PATH] " \
	      "[--duration SECONDS]"

static const struct report_hint hints[] = {
	{ -EPERM, "run as root, or grant CAP_NET_ADMIN to ctrpol" },
	{ -EOPNOTSUPP, "the running ctrpol LSM is older than this tool: update the kernel "
		       "(ctrpol version shows both)" },
	{ 0 }
};

struct options {
	bool json;
	long duration;			/* seconds; 0: until a signal */
	struct event_filter filter;
};

/* What the summary tells at the end. */
struct tally {
	uint64_t shown, rate_limited, overflows, malformed;
};

/* The cgroup at path and its descendants, as events name them. */
static int parse_cgroup(const char *path, struct event_filter *f)
{
	struct cgroup_ref ref;
	int err = cgroup_ref_of_path(CMD, path, &ref);

	if (err)
		return err;
	err = cgroup_hierarchy_path(ref.dir, f->cgroup_path, sizeof(f->cgroup_path));
	if (err)
		return report_usage(CMD, "cannot tell the cgroup path of '%s': %s\n"
				    "  hint: name it under a cgroup2 mount of this mount namespace",
				    path, strerror(-err));
	f->by_cgroup = true;
	f->cgroup_id = ref.id;
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "profile", required_argument, NULL, 'p' },
		{ "cgroup", required_argument, NULL, 'c' },
		{ "duration", required_argument, NULL, 'd' },
		{ 0 }
	};
	const char *cgroup = NULL;
	int c, err;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o->json = true;
			break;
		case 'p':
			if (!policy_name_valid(optarg))
				return report_bad_name(CMD, optarg);
			o->filter.profile = optarg;
			break;
		case 'c':
			cgroup = optarg;
			break;
		case 'd':
			err = run_until_parse_duration(CMD, optarg, &o->duration);
			if (err)
				return err;
			break;
		default:
			return report_usage(CMD, "%s", USAGE);
		}
	}
	if (optind != argc)
		return report_usage(CMD, "unexpected argument '%s'\n%s", argv[optind], USAGE);
	return cgroup ? parse_cgroup(cgroup, &o->filter) : 0;
}

/* Show ev if it passes the filter; returns 0, or -1 when stdout fails. */
static int show(const struct options *o, const struct ctrpol_event *ev, struct tally *t)
{
	if (!event_filter_match(&o->filter, ev))
		return 0;
	if (o->json) {
		if (event_print_json(stdout, ev)) {
			errno = ENOMEM;
			return -1;
		}
	} else {
		event_print_text(stdout, ev);
	}
	t->shown++;
	t->rate_limited += ev->suppressed;
	/* Whoever reads a pipe of events wants each as it comes. */
	return fflush(stdout) ? -1 : 0;
}

/* Until a signal or the deadline (0: none); returns an exit code. */
static int watch(struct event_stream *s, const struct options *o, struct tally *t)
{
	int64_t deadline = run_until_deadline(o->duration);
	struct ctrpol_event ev;
	int wait, got;

	while ((wait = run_until_wait_ms(deadline)) > 0) {
		got = event_stream_next(s, &ev, wait);
		if (got == 1) {
			if (show(o, &ev, t)) {
				fprintf(stderr, "ctrpol %s: cannot write the events: %s\n", CMD,
					strerror(errno));
				return CTRPOL_EXIT_FAILED;
			}
		} else if (got == -ENOBUFS) {
			fprintf(stderr, "ctrpol %s: events lost: the receive buffer overflowed\n",
				CMD);
			t->overflows++;
		} else if (got == -EBADMSG) {
			fprintf(stderr, "ctrpol %s: a malformed event from the kernel was "
				"skipped\n", CMD);
			t->malformed++;
		} else if (got < 0) {
			fprintf(stderr, "ctrpol %s: receiving events failed: %s\n", CMD,
				strerror(-got));
			return CTRPOL_EXIT_FAILED;
		}
	}
	return CTRPOL_EXIT_OK;
}

static void summarize(const struct tally *t)
{
	fprintf(stderr, "ctrpol %s: %" PRIu64 " events shown, %" PRIu64 " dropped by the rate "
		"limit, %" PRIu64 " receive buffer overflows", CMD, t->shown, t->rate_limited,
		t->overflows);
	if (t->malformed)
		fprintf(stderr, ", %" PRIu64 " malformed events", t->malformed);
	fputc('\n', stderr);
}

int cmd_monitor(int argc, char **argv)
{
	struct options o = { 0 };
	struct event_stream *s = NULL;
	struct tally t = { 0 };
	struct ctrpol_nl nl;
	int err, ret;

	err = parse_options(argc, argv, &o);
	if (err)
		return err;
	err = ctrpol_nl_open(&nl);
	if (!err)
		err = event_stream_open(&s, &nl);
	if (err) {
		ctrpol_nl_close(&nl);
		return report_kernel_error(CMD, err, &nl, hints);
	}
	run_until_catch_signals();
	ret = watch(s, &o, &t);
	summarize(&t);
	event_stream_close(s);
	ctrpol_nl_close(&nl);
	return ret;
}
