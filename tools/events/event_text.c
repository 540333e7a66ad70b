// SPDX-License-Identifier: GPL-2.0
/* An event as one line for people; docs/events.md describes it. */
#include <inttypes.h>

#include "event.h"
#include "event_words.h"
#include "util/text_escape.h"

#define PRIVILEGES	(CTRPOL_PRIV_ROOT | CTRPOL_PRIV_SETUID_EXEC)

/* The names of the bits of set, comma-separated as a rule lists them. */
static void put_perms(FILE *out, unsigned int cls, uint64_t set)
{
	char number[EVENT_BIT_SIZE];
	const char *sep = "";
	unsigned int bit;

	for (bit = 0; bit < 64; bit++) {
		if (!(set & 1ULL << bit))
			continue;
		fprintf(out, "%s%s", sep, event_perm_name(cls, bit, number));
		sep = ",";
	}
}

/* A rule's statement: its keyword, then the permissions of set it names. */
static void put_statement(FILE *out, const char *keyword, unsigned int cls, uint64_t set)
{
	fputs(keyword, out);
	if (set) {
		fputc(' ', out);
		put_perms(out, cls, set);
	}
}

/* A path after its word ("on"), or what stands for one the kernel could not spell. */
static void put_path(FILE *out, const char *before, const char *path)
{
	if (!path) {
		fputs(" (no path)", out);
		return;
	}
	fputs(before, out);
	text_put_escaped(out, path);
}

static void put_socket(FILE *out, const struct ctrpol_event *ev)
{
	char selectors[256];
	struct net_sel sel;

	event_net_sel(ev, &sel);
	net_sel_format(&sel, selectors, sizeof(selectors));
	if (selectors[0])
		fprintf(out, " %s", selectors);
}

static void put_peer(FILE *out, const struct ctrpol_event *ev)
{
	const char *signal = event_signal_name(ev);

	if (ev->requested & CTRPOL_PEER_SIGNAL) {
		fputs("signal", out);
		if (signal)
			fprintf(out, " %s", signal);
		else if (ev->has_signal)
			fprintf(out, " %" PRIu32, ev->signal);
	} else {
		put_statement(out, "ptrace", ev->cls, ev->requested);
	}
	fputs(" peer ", out);
	if (ev->peer_profile)
		text_put_escaped(out, ev->peer_profile);
	else
		fputs("unconfined", out);
	if (ev->has_peer)
		fprintf(out, " pid %" PRIu32, ev->peer_pid);
}

/* Kernel surfaces and privileges share the class; each has its own statement. */
static void put_kernel(FILE *out, const struct ctrpol_event *ev)
{
	uint64_t privileges = ev->requested & PRIVILEGES, surfaces = ev->requested & ~PRIVILEGES;

	if (surfaces || !privileges)
		put_statement(out, "kernel", ev->cls, surfaces);
	if (surfaces && privileges)
		fputc(' ', out);
	if (privileges)
		put_statement(out, "privilege", ev->cls, privileges);
}

/* What was attempted, written as the rule that would name it. */
static void put_operation(FILE *out, const struct ctrpol_event *ev)
{
	switch (ev->cls) {
	case CTRPOL_RULE_FILE:
		put_statement(out, "file", ev->cls, ev->requested);
		put_path(out, ev->boundary ? " cgroup " : " ", ev->path);
		if (ev->boundary)
			fputs(" (out of the container's cgroups: no rule allows it)", out);
		break;
	case CTRPOL_RULE_CAP:
		put_statement(out, "cap", ev->cls, ev->requested);
		break;
	case CTRPOL_RULE_NET:
		put_statement(out, "net", ev->cls, ev->requested);
		put_socket(out, ev);
		break;
	case CTRPOL_RULE_MOUNT:
		put_statement(out, "mount", ev->cls, ev->requested);
		if (ev->fstype && ev->fstype[0]) {
			fputs(" fstype ", out);
			text_put_escaped(out, ev->fstype);
		}
		put_path(out, " on ", ev->path);
		if (ev->source) {
			fputs(" from ", out);
			text_put_escaped(out, ev->source);
		}
		break;
	case CTRPOL_RULE_PEER:
		put_peer(out, ev);
		break;
	case CTRPOL_RULE_KERNEL:
		put_kernel(out, ev);
		break;
	default:
		fprintf(out, "class %u", ev->cls);
		if (ev->requested) {
			fputc(' ', out);
			put_perms(out, ev->cls, ev->requested);
		}
	}
}

/* Who: the profile, the process (and thread), its command and uid, its cgroup. */
static void put_task(FILE *out, const struct ctrpol_event *ev)
{
	text_put_escaped(out, ev->profile);
	fprintf(out, " pid %" PRIu32, ev->tgid ? ev->tgid : ev->pid);
	if (ev->tgid && ev->tgid != ev->pid)
		fprintf(out, " tid %" PRIu32, ev->pid);
	if (ev->comm) {
		fputs(" (", out);
		text_put_escaped(out, ev->comm);
		fputc(')', out);
	}
	fprintf(out, " uid %" PRIu32 " ", ev->uid);
	if (ev->cgroup_path)
		text_put_escaped(out, ev->cgroup_path);
	else
		fprintf(out, "cgroup %" PRIu64, ev->cgroup_id);
}

void event_print_text(FILE *out, const struct ctrpol_event *ev)
{
	const char *verdict = event_verdict_name(ev->verdict);
	char time[EVENT_TIME_SIZE];

	fprintf(out, "%s ", event_time_text(ev->time_ns, time, sizeof(time)));
	if (verdict)
		fprintf(out, "%s ", verdict);
	else
		fprintf(out, "verdict %u ", ev->verdict);
	put_task(out, ev);
	fputs(": ", out);
	put_operation(out, ev);
	if (ev->denied) {
		fputs(ev->verdict == CTRPOL_VERDICT_COMPLAINED ? " [would deny: " : " [denied: ",
		      out);
		put_perms(out, ev->cls, ev->denied);
		fputc(']', out);
	}
	if (ev->exe) {
		fputs(" exe ", out);
		text_put_escaped(out, ev->exe);
	}
	if (ev->suppressed) {
		fprintf(out, " [the rate limit dropped %" PRIu64 " events of ", ev->suppressed);
		text_put_escaped(out, ev->profile);
		fputs(" before this one]", out);
	}
	fputc('\n', out);
}
