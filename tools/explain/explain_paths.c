// SPDX-License-Identifier: GPL-2.0
/* Explaining operations matched on paths: file permissions, and mount operations. */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/dfa_build.h"
#include "explain.h"
#include "lang/rule_text.h"
#include "util/exit_codes.h"

/*
 * Whether glob matches subject, decided as the kernel decides: the glob alone
 * is compiled, verified and walked by the shared matcher.
 */
static bool glob_matches(const char *glob, const char *subject)
{
	const struct dfa_perms any = { CTRPOL_FILE_READ, 0, 0 };
	const struct dfa_limits lim = { 0, 0 };
	struct dfa_builder *b = dfa_builder_new();
	struct ctrpol_dfa_view view;
	bool ret = false;
	void *dfa = NULL;
	size_t size, off;
	const char *msg;

	if (b && glob && !dfa_builder_add(b, glob, &any, &off, &msg) &&
	    !dfa_builder_build(b, &lim, &dfa, &size, &msg) &&
	    !ctrpol_dfa_verify(dfa, size, CTRPOL_FILE_ALL, &view, &msg))
		ret = ctrpol_dfa_match(&view, subject, strlen(subject)) != 0;
	dfa_builder_free(b);
	free(dfa);
	return ret;
}

static int check_path(const char *path)
{
	if (path[0] != '/' || strlen(path) >= CTRPOL_MAX_PATH)
		return explain_usage("'%s' is not an absolute path", path);
	return 0;
}

/* The permissions a DFA section gives q->subject, limited to q->op. */
static void decide_dfa(struct question *q, const struct ctrpol_dfa_view *dfa)
{
	const struct ctrpol_perms *p =
		&dfa->perms[ctrpol_dfa_match(dfa, q->subject, strlen(q->subject))];

	q->said.allow = le32toh(p->allow) & q->op;
	q->said.deny = le32toh(p->deny) & q->op;
	q->said.audit = le32toh(p->audit) & q->op;
}

/* PERM PATH */
static int parse_file(struct question *q, int argc, char **argv)
{
	uint64_t bit = name_bits(&file_perm_names, argv[0], strlen(argv[0]));
	char list[256];

	if (!bit || (bit & (bit - 1)))
		return explain_usage("'%s' is not an operation: a file permission (%s) or one of cap, net, mount, ptrace, signal, kernel, privilege",
				     argv[0], names_list(&file_perm_names, false, list, sizeof(list)));
	if (argc != 2)
		return explain_usage("expected one path after '%s'", argv[0]);
	q->op = (uint32_t)bit;
	snprintf(q->subject, sizeof(q->subject), "%s", argv[1]);
	return check_path(argv[1]);
}

static void decide_file(struct question *q, const struct ctrpol_blob_view *v)
{
	decide_dfa(q, &v->files);
}

static bool file_names(const struct question *q, const struct ctrpol_rule_origin *o,
		       const char *target)
{
	uint32_t perms = ctrpol_file_implied(le32toh(o->perms), o->flags & CTRPOL_RULE_DENY);

	return (perms & q->op) && glob_matches(target, q->subject);
}

const struct explain_class explain_file = {
	NULL, CTRPOL_RULE_FILE, true, NULL, parse_file, decide_file, file_names,
};

/* mount OP FSTYPE PATH, matched as "/" FSTYPE PATH */
static int parse_mount(struct question *q, int argc, char **argv)
{
	if (argc != 4)
		return explain_usage("expected 'mount OP FSTYPE PATH': mount bind ext4 /srv");
	q->op = (uint32_t)explain_one_name(&mount_op_names, "mount operation", argv[1]);
	if (!q->op)
		return CTRPOL_EXIT_USAGE;
	/* As the kernel names them: never a '/', never long. */
	if (!argv[2][0] || strchr(argv[2], '/') || strlen(argv[2]) > 31)
		return explain_usage("'%s' is not a filesystem type: tmpfs, ext4, proc, ...", argv[2]);
	snprintf(q->subject, sizeof(q->subject), "/%s%s", argv[2], argv[3]);
	return check_path(argv[3]);
}

static void decide_mount(struct question *q, const struct ctrpol_blob_view *v)
{
	decide_dfa(q, &v->mounts);
}

static bool mount_names(const struct question *q, const struct ctrpol_rule_origin *o,
			const char *target)
{
	char *glob;
	bool ret;

	if (!(le32toh(o->perms) & q->op))
		return false;
	glob = mount_target_glob(target);
	ret = glob_matches(glob, q->subject);
	free(glob);
	return ret;
}

const struct explain_class explain_mount = {
	"mount", CTRPOL_RULE_MOUNT, true, NULL, parse_mount, decide_mount, mount_names,
};
