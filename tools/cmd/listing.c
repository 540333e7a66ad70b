// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "lang/diag.h"
#include "lang/names.h"
#include "listing.h"
#include "util/json_write.h"

#define CLASS_INDENT	"  "	/* a class's row, under its profile's */

static const char *mode_name(uint32_t mode)
{
	return mode == CTRPOL_MODE_ENFORCE ? "enforce" :
	       mode == CTRPOL_MODE_COMPLAIN ? "complain" : "unknown";
}

/* s left-aligned in width columns, control bytes shown as '?' (names come from outside). */
static void put_cell(FILE *out, const char *s, int width)
{
	int len = strlen(s);

	diag_put_safe(out, s, len);
	fprintf(out, "%*s", width > len ? width - len : 0, "");
}

static int name_width(const struct listing *l)
{
	int w = strlen("PROFILE"), class_w = strlen(CLASS_INDENT "kernel");
	size_t i;

	if (w < class_w)
		w = class_w;
	for (i = 0; i < l->nprofiles; i++)
		if ((int)strlen(l->profiles[i].name) > w)
			w = strlen(l->profiles[i].name);
	for (i = 0; i < l->nattachments; i++)
		if ((int)strlen(l->attachments[i].name) > w)
			w = strlen(l->attachments[i].name);
	return w;
}

/* The decisions of one profile, or of one class of it: allowed, denied, complained. */
static void put_decisions(FILE *out, const uint64_t *counters)
{
	fprintf(out, "  %10" PRIu64 "  %10" PRIu64 "  %10" PRIu64, counters[CTRPOL_COUNTER_ALLOWED],
		counters[CTRPOL_COUNTER_DENIED], counters[CTRPOL_COUNTER_COMPLAINED]);
}

static bool decided(const uint64_t *counters)
{
	return counters[CTRPOL_COUNTER_ALLOWED] || counters[CTRPOL_COUNTER_DENIED] ||
	       counters[CTRPOL_COUNTER_COMPLAINED];
}

/* A profile's row, then a row for each class it decided on (the others would be noise). */
static void print_profile(FILE *out, const struct kernel_profile *p, int w)
{
	char label[16];
	unsigned int kind;

	put_cell(out, p->name, w);
	fprintf(out, "  %-8s  %9u  %8u", mode_name(p->mode), p->blob_size, p->nattachments);
	put_decisions(out, p->counters);
	fprintf(out, "  %8" PRIu64 "  %8" PRIu64 "\n", p->counters[CTRPOL_COUNTER_EVENTS],
		p->counters[CTRPOL_COUNTER_DROPPED]);
	for (kind = CTRPOL_RULE_FILE; kind <= CTRPOL_RULE_KIND_MAX; kind++) {
		if (!decided(p->class_counters[kind]))
			continue;
		snprintf(label, sizeof(label), CLASS_INDENT "%s", name_of(&class_names, kind));
		fprintf(out, "%-*s  %-8s  %9s  %8s", w, label, "", "", "");
		put_decisions(out, p->class_counters[kind]);
		fputc('\n', out);
	}
}

void listing_print_text(FILE *out, const struct listing *l)
{
	int w = name_width(l);
	size_t i;

	if (!l->nprofiles)
		fprintf(out, "no profile is loaded\n");
	else
		fprintf(out, "%-*s  %-8s  %9s  %8s  %10s  %10s  %10s  %8s  %8s\n", w, "PROFILE",
			"MODE", "SIZE", "ATTACHED", "ALLOWED", "DENIED", "COMPLAINED", "EVENTS",
			"DROPPED");
	for (i = 0; i < l->nprofiles; i++)
		print_profile(out, &l->profiles[i], w);
	fprintf(out, "\n");
	if (!l->nattachments)
		fprintf(out, "no cgroup has a profile attached\n");
	else
		fprintf(out, "%-20s  %-*s  %s\n", "CGROUP", w, "PROFILE", "PATH");
	for (i = 0; i < l->nattachments; i++) {
		fprintf(out, "%-20" PRIu64 "  ", l->attachments[i].cgroup_id);
		/* A cgroup not found under the cgroup2 mount shows its id only. */
		put_cell(out, l->attachments[i].name, l->paths[i] ? w : 0);
		if (l->paths[i]) {
			fprintf(out, "  ");
			put_cell(out, l->paths[i], 0);
		}
		if (l->attachments[i].on_exec)
			fprintf(out, "  (on exec)");
		fprintf(out, "\n");
	}
}

/* counters[] of one profile or class, the decisions named as in the text table. */
static void add_decisions(struct json_object *o, const uint64_t *counters)
{
	json_object_object_add(o, "allowed",
			       json_object_new_uint64(counters[CTRPOL_COUNTER_ALLOWED]));
	json_object_object_add(o, "denied",
			       json_object_new_uint64(counters[CTRPOL_COUNTER_DENIED]));
	json_object_object_add(o, "complained",
			       json_object_new_uint64(counters[CTRPOL_COUNTER_COMPLAINED]));
}

static struct json_object *profile_json(const struct kernel_profile *p)
{
	struct json_object *o = json_object_new_object(), *classes = json_object_new_object();
	unsigned int kind;

	json_object_object_add(o, "name", json_text(p->name));
	json_object_object_add(o, "mode", json_object_new_string(mode_name(p->mode)));
	json_object_object_add(o, "blob_size", json_object_new_uint64(p->blob_size));
	json_object_object_add(o, "attachments", json_object_new_uint64(p->nattachments));
	add_decisions(o, p->counters);
	json_object_object_add(o, "events",
			       json_object_new_uint64(p->counters[CTRPOL_COUNTER_EVENTS]));
	json_object_object_add(o, "dropped",
			       json_object_new_uint64(p->counters[CTRPOL_COUNTER_DROPPED]));
	/* Every class, decided on or not: scripts find the same keys each time. */
	for (kind = CTRPOL_RULE_FILE; kind <= CTRPOL_RULE_KIND_MAX; kind++) {
		struct json_object *c = json_object_new_object();

		add_decisions(c, p->class_counters[kind]);
		json_object_object_add(classes, name_of(&class_names, kind), c);
	}
	json_object_object_add(o, "classes", classes);
	return o;
}

static struct json_object *attachment_json(const struct kernel_attachment *a, const char *path)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "cgroup_id", json_object_new_uint64(a->cgroup_id));
	json_object_object_add(o, "profile", json_text(a->name));
	json_object_object_add(o, "path", json_text(path));
	json_object_object_add(o, "on_exec", json_object_new_boolean(a->on_exec));
	return o;
}

int listing_print_json(FILE *out, const struct listing *l)
{
	struct json_object *doc = json_object_new_object(), *profiles = json_object_new_array(),
			   *attachments = json_object_new_array();
	size_t i;

	for (i = 0; i < l->nprofiles; i++)
		json_object_array_add(profiles, profile_json(&l->profiles[i]));
	for (i = 0; i < l->nattachments; i++)
		json_object_array_add(attachments,
				      attachment_json(&l->attachments[i], l->paths[i]));
	json_object_object_add(doc, "profiles", profiles);
	json_object_object_add(doc, "attachments", attachments);
	return json_print_line(out, doc);
}
