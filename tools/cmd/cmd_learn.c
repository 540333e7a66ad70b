// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol learn --cgroup PATH [--from POLICY] [--duration SECONDS] [--name NAME] -o OUT:
 * run a cgroup under a profile in complain mode, gather what it would deny,
 * and write a profile that allows it.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "compile/compiler.h"
#include "compile/policy_file.h"
#include "lang/parser_limits.h"
#include "learn/learn_write.h"
#include "learn/learned.h"
#include "learn_session.h"
#include "util/exit_codes.h"
#include "util/report.h"
#include "util/run_until.h"

#define USAGE "usage: ctrpol learn --cgroup PATH [--from POLICY] [--duration SECONDS] " \
	      "[--name NAME] -o OUT"

/* After detaching: how long the socket must stay quiet before its last events are in. */
#define DRAIN_MS 100

struct learn_args {
	const char *cgroup, *from, *name, *out;
	long seconds;		/* 0: until stopped */
};

static int parse_args(int argc, char **argv, struct learn_args *a)
{
	static const struct option opts[] = {
		{ "cgroup", required_argument, NULL, 'c' },
		{ "from", required_argument, NULL, 'f' },
		{ "duration", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ 0 }
	};
	int c;

	memset(a, 0, sizeof(*a));
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'c')
			a->cgroup = optarg;
		else if (c == 'f')
			a->from = optarg;
		else if (c == 'n')
			a->name = optarg;
		else if (c == 'o')
			a->out = optarg;
		else if (c != 'd' || run_until_parse_duration("learn", optarg, &a->seconds))
			return c == 'd' ? CTRPOL_EXIT_USAGE : report_usage("learn", "%s", USAGE);
	}
	if (optind < argc)
		return report_usage("learn", "unexpected argument '%s'\n%s", argv[optind], USAGE);
	if (!a->cgroup)
		return report_usage("learn", "which cgroup? give --cgroup PATH, the cgroup v2 of "
				    "the workload\n%s", USAGE);
	if (!a->out)
		return report_usage("learn", "where to? give -o OUT, the policy to write\n%s", USAGE);
	if (!output_path_replaceable(a->out))
		return report_usage("learn", "'%s' exists and is not a regular file: give -o a "
				    "file to write the policy to", a->out);
	if (a->from && a->name)
		return report_usage("learn", "--name names a new profile; with --from, the profile "
				    "keeps the name %s gives it", a->from);
	if (a->name && (!policy_name_valid(a->name) || !strcmp(a->name, "unconfined")))
		return report_bad_name("learn", a->name);
	return 0;
}

/*
 * The temporary profile, compiled: the starting policy's rules (none without
 * one), in complain mode, under the name learn-CGROUP_ID.
 */
static int compile_start(const struct learn_args *a, const char *name, void **blob,
			 size_t *size)
{
	struct diag d = { .out = stderr };
	struct policy empty = { .default_action = CTRPOL_DEFAULT_DENY };
	struct policy *p = a->from ? policy_parse(a->from, false, &d) : &empty;
	int ret;

	if (!p)
		return CTRPOL_EXIT_POLICY;
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->mode = CTRPOL_MODE_COMPLAIN;
	ret = policy_compile(p, &d, blob, size) ? CTRPOL_EXIT_POLICY : CTRPOL_EXIT_OK;
	if (p != &empty)
		policy_free(p);
	return ret;
}

/* The profile as text: learn_write() into memory; NULL after reporting. */
static char *profile_text(const struct learned *l, const struct learn_meta *m, const char *base,
			  const char *from)
{
	const char *why = NULL;
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	int err;

	if (!f) {
		fprintf(stderr, "ctrpol learn: out of memory\n");
		return NULL;
	}
	err = learn_write(f, l, m, base, &why);
	if (fclose(f) || err) {
		if (err)
			fprintf(stderr, "ctrpol learn: %s: %s\n", from, why);
		else
			fprintf(stderr, "ctrpol learn: out of memory\n");
		free(text);
		return NULL;
	}
	return text;
}

/*
 * Write text to OUT.tmp and compile it there, where its includes resolve as
 * they will in OUT.  Returns 0 with *tmp (malloc'd) holding the path, or an
 * exit status after reporting (*tmp is then NULL, or a file that does not
 * compile).
 */
static int write_and_compile(const char *out, const char *text, char **tmp)
{
	struct diag d = { .out = stderr };
	struct policy_file pf;

	if (asprintf(tmp, "%s.tmp", out) < 0) {
		*tmp = NULL;
		fprintf(stderr, "ctrpol learn: out of memory\n");
		return CTRPOL_EXIT_FAILED;
	}
	if (blob_write_file(*tmp, text, strlen(text), &d)) {
		free(*tmp);
		*tmp = NULL;
		return CTRPOL_EXIT_FAILED;
	}
	if (policy_file_load(*tmp, &d, &pf))
		return CTRPOL_EXIT_POLICY;
	policy_file_free(&pf);
	return CTRPOL_EXIT_OK;
}

/*
 * Before anything changes in the kernel: the profile, with nothing learned
 * yet, must be writable next to OUT and compile there.
 */
static int trial_write(const struct learn_args *a, const struct learn_meta *m, const char *base)
{
	struct learned none;
	char *text, *tmp = NULL;
	int ret;

	learned_init(&none, "");
	text = profile_text(&none, m, base, a->from);
	if (!text)
		return a->from ? CTRPOL_EXIT_POLICY : CTRPOL_EXIT_FAILED;
	ret = write_and_compile(a->out, text, &tmp);
	if (ret == CTRPOL_EXIT_POLICY && a->from)
		fprintf(stderr, "ctrpol learn: %s, with learned rules added, would not compile as "
				"%s\n  hint: includes are found next to the file that holds them: write "
				"OUT next to %s, or include by absolute path\n",
			a->from, a->out, a->from);
	if (tmp)
		unlink(tmp);
	free(tmp);
	free(text);
	return ret;
}

/* Write the learned profile to OUT, atomically; one that does not compile is a bug of ours. */
static int write_profile(const struct learn_args *a, const struct learned *l,
			 const struct learn_meta *m, const char *base)
{
	char *text = profile_text(l, m, base, a->from), *tmp = NULL, *rejected = NULL;
	int ret;

	if (!text)
		return CTRPOL_EXIT_FAILED;
	ret = write_and_compile(a->out, text, &tmp);
	if (!ret && rename(tmp, a->out)) {
		fprintf(stderr, "ctrpol learn: cannot write '%s': %s\n", a->out, strerror(errno));
		ret = CTRPOL_EXIT_FAILED;
	} else if (ret == CTRPOL_EXIT_POLICY) {
		ret = CTRPOL_EXIT_INTERNAL;
		if (asprintf(&rejected, "%s.rejected", a->out) < 0 || rename(tmp, rejected))
			fprintf(stderr, "ctrpol learn: internal error: the learned profile does not "
					"compile (above); it is in %s\n", tmp);
		else
			fprintf(stderr, "ctrpol learn: internal error: the learned profile does not "
					"compile (above); it is kept in %s\n", rejected);
		fprintf(stderr, "  hint: this is a bug in ctrpol: please report it, with that file\n");
	}
	free(rejected);
	free(tmp);
	free(text);
	return ret;
}

/*
 * Wait up to wait_ms for the next event and learn from it.  Returns 1 when
 * something came (an event, or news of a loss), 0 when nothing did, or a
 * negative errno.
 */
static int take_next(struct learn_session *s, const struct ctrpol_blob_view *start,
		     struct learned *l, int wait_ms)
{
	struct ctrpol_event ev;
	int r = event_stream_next(s->events, &ev, wait_ms);

	/* The socket overflowed, or a malformed event was skipped: the stream goes on. */
	if (r == -ENOBUFS || r == -EBADMSG) {
		l->lost_here++;
		return 1;
	}
	if (r == 1 && learned_add(l, &ev, start))
		return -ENOMEM;
	return r;
}

/* Learn from the events of s's profile until stopped, or until the deadline (0: none). */
static int gather(struct learn_session *s, const struct ctrpol_blob_view *start,
		  struct learned *l, int64_t deadline)
{
	int wait, r;

	while ((wait = run_until_wait_ms(deadline)) > 0) {
		r = take_next(s, start, l, wait);
		if (r < 0)
			return r;
	}
	return 0;
}

/* The events sent before the profile was detached, still in the socket. */
static int drain(struct learn_session *s, const struct ctrpol_blob_view *start,
		 struct learned *l)
{
	int r;

	while ((r = take_next(s, start, l, DRAIN_MS)) > 0)
		;
	return r;
}

/* Learn, then undo: whatever happens while learning, the cgroup leaves complain mode. */
static int run_session(const struct learn_args *a, const struct cgroup_ref *cg,
		       const char *profile, const struct policy_file *start,
		       struct learned *l, struct learn_meta *m, bool *learning)
{
	struct learn_session s;
	uint64_t dropped;
	int64_t began;
	int ret, err = 0, undone;

	run_until_catch_signals();
	ret = learn_session_start(&s, cg, profile, start->blob, start->size);
	began = run_until_now_ms();
	m->started = time(NULL);
	*learning = !ret;
	if (!ret) {
		fprintf(stderr, "learning: cgroup %s in complain mode (profile %s); run the workload, "
			"then press Ctrl-C", cg->dir, profile);
		if (a->seconds)
			fprintf(stderr, " (or wait %ld s)", a->seconds);
		fputc('\n', stderr);
		err = gather(&s, &start->view, l, run_until_deadline(a->seconds));
		m->seconds = (uint64_t)(run_until_now_ms() - began + 500) / 1000;
		ret = learn_session_detach(&s);
		if (!err)
			err = drain(&s, &start->view, l);
	}
	undone = learn_session_end(&s, &dropped);
	if (dropped > l->lost)
		l->lost = dropped;
	if (err)
		fprintf(stderr, "ctrpol learn: receiving events failed: %s; what came before is "
			"learned\n", strerror(-err));
	return ret ? ret : undone ? undone : err ? CTRPOL_EXIT_FAILED : CTRPOL_EXIT_OK;
}

static void warn_incomplete(const struct learn_args *a, const struct learned *l,
			    const struct cgroup_ref *cg)
{
	if (l->lost || l->lost_here)
		fprintf(stderr, "ctrpol learn: warning: events were lost (%" PRIu64 " dropped by "
			"the kernel, %" PRIu64 " times more on the way here): %s may be "
			"incomplete\n  hint: learn what is missing by running the workload again "
			"under it: ctrpol learn --cgroup %s --from %s -o %s\n",
			l->lost, l->lost_here, a->out, cg->dir, a->out, a->out);
	if (l->refused.n)
		fprintf(stderr, "ctrpol learn: warning: %zu operations that deny rules of %s refuse "
			"were not learned (deny wins); %s lists them\n", l->refused.n, a->from,
			a->out);
	if (l->unnamed.n)
		fprintf(stderr, "ctrpol learn: warning: %zu operations that no rule can name were "
			"not learned; %s lists them\n", l->unnamed.n, a->out);
}

int cmd_learn(int argc, char **argv)
{
	char profile[CTRPOL_NAME_MAX], name[CTRPOL_NAME_MAX];
	struct source *base = NULL;
	struct policy_file start = { .blob = NULL };
	struct learn_args a;
	struct cgroup_ref cg;
	struct learn_meta m;
	struct learned l;
	const char *why;
	bool learning;
	int ret, written;

	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret;
	ret = cgroup_ref_of_path("learn", a.cgroup, &cg);
	if (ret)
		return ret;
	snprintf(profile, sizeof(profile), "learn-%" PRIu64, cg.id);
	if (a.name)
		snprintf(name, sizeof(name), "%s", a.name);
	else
		learn_profile_name(a.out, name);
	m = (struct learn_meta){ name, cg.dir, cg.id, time(NULL), 0, a.out };
	if (a.from && !source_read(&base, a.from, MAX_SOURCE_SIZE)) {
		fprintf(stderr, "ctrpol learn: cannot read '%s': %s\n", a.from,
			errno == EILSEQ ? "it holds a NUL byte: --from takes a policy's text (.ctp), "
					  "to which learn adds rules, not a compiled profile" :
			errno == EFBIG ? "larger than a policy may be (4 MiB)" : strerror(errno));
		return CTRPOL_EXIT_POLICY;
	}
	ret = compile_start(&a, profile, &start.blob, &start.size);
	if (!ret && ctrpol_blob_verify(start.blob, start.size, &start.view, &why)) {
		fprintf(stderr, "ctrpol learn: internal error: the profile compiled from %s fails "
			"verification: %s\n", a.from ? a.from : "nothing", why);
		ret = CTRPOL_EXIT_INTERNAL;
	}
	if (!ret)
		ret = trial_write(&a, &m, base ? base->text : NULL);
	if (ret)
		goto out;
	learned_init(&l, profile);
	ret = run_session(&a, &cg, profile, &start, &l, &m, &learning);
	/* Learning that began is written, even cut short: the work is not lost. */
	if (learning) {
		written = write_profile(&a, &l, &m, base ? base->text : NULL);
		if (!written) {
			printf("learned %zu rules from %" PRIu64 " events in %" PRIu64 " s: wrote %s\n",
			       learn_nrules(&l), l.events, m.seconds, a.out);
			warn_incomplete(&a, &l, &cg);
		}
		ret = ret ? ret : written;
	}
	learned_free(&l);
out:
	policy_file_free(&start);
	source_free_all(base);
	return ret;
}
