// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>

#include "lang/diag.h"
#include "lang/lexer.h"
#include "lang/names.h"
#include "lang/rule_text.h"
#include "learn_write.h"

#define INDENT "    "
/* Rules line up their targets past the longest common operations, as the shipped policies do. */
#define OPS_WIDTH 28

/*
 * Signal 0 only asks whether a task exists, and passes where a rule lets any
 * signal through: a peer only probed so gets a rule for the signal least
 * likely to disturb it, which processes ignore unless they ask for it.
 */
#define PROBE_SIGNAL "winch"

/* The groups of file rules, each under its comment, in this order. */
enum file_group { PROGRAMS, LIBRARIES, READ, WRITTEN, FILE_GROUPS };

static const char *const file_group_titles[FILE_GROUPS] = {
	"Programs run",
	"Libraries mapped",
	"Files read",
	"Files written, created or changed",
};

static enum file_group file_group(uint64_t perms)
{
	if (perms & CTRPOL_FILE_EXEC)
		return PROGRAMS;
	if (perms & CTRPOL_FILE_MMAP_EXEC)
		return LIBRARIES;
	return perms & ~(uint64_t)CTRPOL_FILE_READ ? WRITTEN : READ;
}

/* Peers probed with signal 0 and sent no other signal: each needs a rule of its own. */
static size_t probes_only(const struct learned *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->probes.n; i++)
		n += !str_map_find(&l->signals, l->probes.v[i].key);
	return n;
}

size_t learn_nrules(const struct learned *l)
{
	return l->files.n + l->net.n + l->mounts.n + l->ptrace.n + l->signals.n + probes_only(l) +
	       (l->caps != 0) + ((l->kernel & kernel_names.all) != 0) +
	       ((l->kernel & priv_names.all) != 0);
}

/* Text from the system (a cgroup, a path met) in a comment: a newline must not end it. */
static void put_safe(FILE *out, const char *s)
{
	diag_put_safe(out, s, strlen(s));
}

/* A list of names ("a,b") as a person writes it, "a, b". */
static void put_list(FILE *out, const char *list)
{
	for (; *list; list++) {
		fputc(*list, out);
		if (*list == ',')
			fputc(' ', out);
	}
}

/* One section of rules or notes: its title before its first line, a blank line between. */
struct section {
	FILE *out;
	bool any;		/* a section was written before this one */
	bool titled;		/* this one's title is out */
	const char *title;
};

static void section_start(struct section *s, const char *title)
{
	s->title = title;
	s->titled = false;
}

static void section_line(struct section *s)
{
	if (!s->titled) {
		fprintf(s->out, "%s" INDENT "# %s\n", s->any ? "\n" : "", s->title);
		s->titled = s->any = true;
	}
}

static void rule(struct section *s, const char *ops, const char *target)
{
	section_line(s);
	fprintf(s->out, INDENT "allow %-*s %s\n", OPS_WIDTH, ops, target);
}

/* Permissions a rule need not name: what the others imply (write implies append). */
static uint64_t without_implied(uint64_t perms)
{
	static const uint32_t implied[] = { CTRPOL_FILE_APPEND, CTRPOL_FILE_MMAP_EXEC };
	size_t i;

	for (i = 0; i < sizeof(implied) / sizeof(implied[0]); i++)
		if (ctrpol_file_implied((uint32_t)perms & ~implied[i], false) & implied[i])
			perms &= ~(uint64_t)implied[i];
	return perms;
}

static void write_files(struct section *s, const struct learned *l)
{
	char ops[256];
	int group;
	size_t i;

	for (group = 0; group < FILE_GROUPS; group++) {
		section_start(s, file_group_titles[group]);
		for (i = 0; i < l->files.n; i++) {
			uint64_t perms = l->files.v[i].value;

			if (file_group(perms) == (enum file_group)group)
				rule(s, names_format(&file_perm_names, without_implied(perms), ops,
						     sizeof(ops)), l->files.v[i].key);
		}
	}
}

/* "KEYWORD OPS" then the key, for each entry of m, under title. */
static void write_keyed(struct section *s, const char *title, const char *keyword,
			const struct name_table *t, const struct str_map *m)
{
	char ops[256], names[200];
	size_t i;

	section_start(s, title);
	for (i = 0; i < m->n; i++) {
		snprintf(ops, sizeof(ops), "%s %s", keyword,
			 names_format(t, m->v[i].value, names, sizeof(names)));
		rule(s, ops, m->v[i].key);
	}
}

/* A rule naming a whole set on one line: "allow cap a, b". */
static void write_set(struct section *s, const char *keyword, const struct name_table *t,
		      uint64_t set)
{
	char names[1024];

	if (!set)
		return;
	section_line(s);
	fprintf(s->out, INDENT "allow %s ", keyword);
	put_list(s->out, names_format(t, set, names, sizeof(names)));
	fputc('\n', s->out);
}

static const char *peer_text(const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "peer %s", name[0] ? name : "unconfined");
	return buf;
}

static void write_peers(struct section *s, const struct learned *l)
{
	char ops[1024], peer[CTRPOL_NAME_MAX + 8];
	size_t i;

	section_start(s, "Ptrace and signals to tasks outside the container");
	for (i = 0; i < l->ptrace.n; i++) {
		snprintf(ops, sizeof(ops), "ptrace ");
		names_format(&ptrace_names, l->ptrace.v[i].value, ops + 7, sizeof(ops) - 7);
		rule(s, ops, peer_text(l->ptrace.v[i].key, peer, sizeof(peer)));
	}
	for (i = 0; i < l->signals.n; i++) {
		uint64_t set = l->signals.v[i].value;

		/* Every signal is a rule without a list. */
		snprintf(ops, sizeof(ops), "signal ");
		if (set != signal_names.all)
			names_format(&signal_names, set, ops + 7, sizeof(ops) - 7);
		rule(s, ops, peer_text(l->signals.v[i].key, peer, sizeof(peer)));
	}
	for (i = 0; i < l->probes.n; i++) {
		const char *name = l->probes.v[i].key;

		if (str_map_find(&l->signals, name))
			continue;
		section_line(s);
		fprintf(s->out, INDENT "# only signal 0 (does it exist?) was sent to this peer; "
			"a rule names a signal: " PROBE_SIGNAL " is ignored unless asked for\n");
		rule(s, "signal " PROBE_SIGNAL, peer_text(name, peer, sizeof(peer)));
	}
}

/* The operations that cannot be learned, as comments: what and how often. */
static void write_notes(struct section *s, const char *title, const struct str_map *notes)
{
	size_t i;

	section_start(s, title);
	for (i = 0; i < notes->n; i++) {
		section_line(s);
		fputs(INDENT "#   ", s->out);
		put_safe(s->out, notes->v[i].key);
		if (notes->v[i].value > 1)
			fprintf(s->out, " (%" PRIu64 " times)", notes->v[i].value);
		fputc('\n', s->out);
	}
}

static void write_rules(FILE *out, const struct learned *l, bool any)
{
	struct section s = { out, any, false, NULL };

	write_files(&s, l);
	write_keyed(&s, "Network", "net", &net_op_names, &l->net);
	section_start(&s, "Capabilities");
	write_set(&s, "cap", &cap_names, l->caps);
	write_peers(&s, l);
	write_keyed(&s, "Mounts", "mount", &mount_op_names, &l->mounts);
	section_start(&s, "Kernel surfaces and privileges");
	write_set(&s, "kernel", &kernel_names, l->kernel & kernel_names.all);
	write_set(&s, "privilege", &priv_names, l->kernel & priv_names.all);
	write_notes(&s, "Not learned: a deny rule of the starting profile refuses them, and deny wins",
		    &l->refused);
	write_notes(&s, "Not learned: no rule can name them", &l->unnamed);
}

/* What was learned, and whether it may be incomplete; each line starts with indent. */
static void write_header(FILE *out, const struct learned *l, const struct learn_meta *m,
			 const char *indent)
{
	char when[64];
	struct tm tm;

	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&m->started, &tm));
	fprintf(out, "%s# Learned by ctrpol learn from cgroup ", indent);
	put_safe(out, m->cgroup);
	fprintf(out, " (id %" PRIu64 "),\n%s# from %s for %" PRIu64 " s: %" PRIu64 " events, "
		"%zu rules.\n", m->cgroup_id, indent, when, m->seconds, l->events, learn_nrules(l));
	if (learn_nrules(l))
		fprintf(out, "%s# Check every rule before enforcing: learning allows whatever the "
			"workload did.\n", indent);
	if (!l->lost && !l->lost_here)
		return;
	fprintf(out, "%s# WARNING: events were lost (%" PRIu64 " dropped by the kernel, %" PRIu64
		" times more on the\n%s# way here): this profile may be incomplete. Learn what "
		"is missing by running\n%s# the workload again under it:\n%s#   "
		"ctrpol learn --cgroup ", indent, l->lost, l->lost_here, indent, indent, indent);
	put_safe(out, m->cgroup);
	fputs(" --from ", out);
	put_safe(out, m->out);
	fputs(" -o ", out);
	put_safe(out, m->out);
	fputc('\n', out);
}

/* Where the line that closes base's profile starts: the first that is only '}'. */
static const char *closing_line(const char *base)
{
	const char *line, *eol;

	for (line = base; *line; line = eol + 1) {
		struct field f[LEX_MAX_FIELDS];
		const char *msg;
		unsigned int col;

		eol = strchrnul(line, '\n');
		if (lex_line(line, (size_t)(eol - line), f, &col, &msg) == 1 && field_is(&f[0], "}"))
			return line;
		if (!*eol)
			break;
	}
	return NULL;
}

int learn_write(FILE *out, const struct learned *l, const struct learn_meta *m, const char *base,
		const char **why)
{
	const char *close;

	if (!base) {
		write_header(out, l, m, "");
		fprintf(out, "profile %s {\n" INDENT "mode enforce\n" INDENT "default deny\n\n",
			m->name);
		write_rules(out, l, false);
		fputs("}\n", out);
		return 0;
	}
	close = closing_line(base);
	if (!close) {
		*why = "its profile does not end with a line that is only '}', before which learned rules go";
		return -1;
	}
	fwrite(base, 1, (size_t)(close - base), out);
	fputc('\n', out);
	write_header(out, l, m, INDENT);
	write_rules(out, l, true);
	fputs(close, out);
	return 0;
}

void learn_profile_name(const char *path, char name[CTRPOL_NAME_MAX])
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t len = strlen(base), i;

	if (len >= 4 && !strcmp(base + len - 4, ".ctp"))
		len -= 4;
	if (len > CTRPOL_NAME_MAX - 1)
		len = CTRPOL_NAME_MAX - 1;
	for (i = 0; i < len; i++)
		name[i] = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-",
				 base[i]) && base[i] ? base[i] : '_';
	name[len] = '\0';
	if (!len || !strcmp(name, "unconfined"))
		strcpy(name, "learned");
}
