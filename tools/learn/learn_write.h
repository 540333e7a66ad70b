/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The profile `ctrpol learn` writes: the rules learned, grouped by kind and
 * sorted, each group under a comment, after a header saying what was
 * learned and whether it may be incomplete.  Either a new profile, or a
 * starting policy's text, unchanged, with the rules inserted before its
 * closing '}'.
 */
#ifndef CTRPOL_LEARN_WRITE_H
#define CTRPOL_LEARN_WRITE_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "learned.h"

/* What the header tells of the learning. */
struct learn_meta {
	const char *name;	/* the new profile's name; unused with a starting policy */
	const char *cgroup;	/* the directory of the cgroup learned from */
	uint64_t cgroup_id;
	time_t started;
	uint64_t seconds;	/* how long it lasted */
	const char *out;	/* the file written: learning again starts from it */
};

/* The rules learn_write() writes for l. */
size_t learn_nrules(const struct learned *l);

/*
 * Write the profile learned in l to out: a new one named m->name when base
 * is NULL, else base (a policy's text) with the rules inserted before the
 * line that closes its profile.  Returns 0, or -1 with *why (static) when
 * base has no line that is only '}'.
 */
int learn_write(FILE *out, const struct learned *l, const struct learn_meta *m, const char *base,
		const char **why);

/*
 * The name of a profile written to path: its file name without ".ctp",
 * other bytes than A-Z a-z 0-9 . _ - made '_', cut to fit; "learned" when
 * nothing valid is left.
 */
void learn_profile_name(const char *path, char name[CTRPOL_NAME_MAX]);

#endif
