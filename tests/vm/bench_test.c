// SPDX-License-Identifier: GPL-2.0
/*
 * `make bench` cannot rot: its guest program (overhead_bench) runs every
 * configuration in smoke mode (few iterations, small profiles), and what it
 * writes must be one well-formed JSON array with a record for each
 * operation in each configuration.  Booted with lsm=landlock,ctrpol,apparmor
 * (tests/run.sh): AppArmor and Landlock are compared in the same boot.  The
 * quick passes of its idle and confined modes (what make bench's
 * instruction-counted boots run) must measure what they are for and nothing
 * else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json_check.h"

#define RESULTS "/tmp/bench-results.json"

static const char *const ops[] = {
	"open_close", "stat", "exec", "mmap_exec", "socket_connect", "fork_exit",
};

static int64_t member_int(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_int))
		FAIL("no integer member \"%s\" in %s", key, json_object_to_json_string(o));
	return json_object_get_int64(v);
}

/* How many records have this name, config and rules (-1: any), and are sane. */
static int count(struct json_object *all, const char *name, const char *config, int rules)
{
	size_t i, n = json_object_array_length(all);
	int found = 0;

	for (i = 0; i < n; i++) {
		struct json_object *r = json_object_array_get_idx(all, i);

		if (strcmp(json_member_string(r, "name"), name) ||
		    strcmp(json_member_string(r, "config"), config) ||
		    (rules >= 0 && member_int(r, "rules") != rules))
			continue;
		if (json_object_object_get_ex(r, "median_ns", NULL)) {
			int64_t p10 = member_int(r, "p10_ns"), med = member_int(r, "median_ns");

			if (p10 <= 0 || p10 > med || med > member_int(r, "p90_ns") ||
			    member_int(r, "iterations") <= 0)
				FAIL("a timing out of order: %s", json_object_to_json_string(r));
		}
		found++;
	}
	return found;
}

static char *read_all(const char *path, size_t *len)
{
	static char buf[1 << 20];
	FILE *f = fopen(path, "r");

	if (!f)
		FAIL("%s was not written", path);
	*len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[*len] = '\0';
	return buf;
}

/* overhead_bench's records in CTRPOL_BENCH=mode, as a JSON array. */
static struct json_object *run_bench(const char *mode)
{
	struct cmd_result r;
	struct json_object *all;
	size_t len;
	char *text;

	setenv("CTRPOL_BENCH", mode, 1);
	run_cmd((char *const[]){ "/tests/overhead_bench", NULL }, AS_CALLER, &r);
	if (r.status)
		FAIL("overhead_bench in %s mode: exit %d:\n%s%s", mode, r.status, r.out, r.err);
	text = read_all(RESULTS, &len);
	all = json_parse_strict(text, len);
	ASSERT_TRUE(json_object_is_type(all, json_type_array));
	ASSERT_EQ(count(all, "guest", "", -1), 1);
	return all;
}

TEST(smoke_run_writes_every_record)
{
	static const char *const lsms[] = { "ctrpol", "apparmor", "landlock" };
	struct json_object *all = run_bench("smoke");
	size_t i, l;

	for (i = 0; i < sizeof(ops) / sizeof(*ops); i++) {
		ASSERT_EQ(count(all, ops[i], "ctrpol-idle", 0), 1);
		ASSERT_EQ(count(all, ops[i], "ctrpol-elsewhere", 0), 1);
		/* Three profile sizes each. */
		for (l = 0; l < 3; l++)
			ASSERT_EQ(count(all, ops[i], lsms[l], -1), 3);
		ASSERT_EQ(count(all, ops[i], "ctrpol-depth", -1), 2);
	}
	for (l = 0; l < 3; l++)
		ASSERT_EQ(count(all, "open_denied", lsms[l], -1), 3);
	/* At 1 and at the most attached cgroups, and the ratio of the two. */
	ASSERT_EQ(count(all, "open_close", "ctrpol-cgroups", -1), 2);
	ASSERT_EQ(count(all, "cgroups_ratio", "ctrpol-cgroups", -1), 1);
	ASSERT_EQ(count(all, "policy_load", "ctrpol", -1), 2);
	ASSERT_EQ(count(all, "policy_replace", "ctrpol", -1), 2);
	ASSERT_EQ(count(all, "policy_load_parser", "apparmor", -1), 3);
	ASSERT_EQ(count(all, "kmem_per_profile", "ctrpol", -1), 2);
	ASSERT_EQ(count(all, "kmem_per_attachment", "ctrpol", -1), 1);
	ASSERT_EQ(count(all, "events", "ctrpol", -1), 3);
	json_object_put(all);
}

TEST(idle_smoke_run_measures_unconfined_only)
{
	struct json_object *all = run_bench("idle-smoke");
	size_t i, n = sizeof(ops) / sizeof(*ops);

	for (i = 0; i < n; i++)
		ASSERT_EQ(count(all, ops[i], "ctrpol-idle", 0), 1);
	ASSERT_EQ(count(all, "syscall", "ctrpol-idle", 0), 1);
	/* The guest's record, the operations and the yardstick: nothing confined. */
	ASSERT_EQ(json_object_array_length(all), n + 2);
	json_object_put(all);
}

TEST(confined_smoke_run_measures_open_stat_and_scale_only)
{
	static const char *const confined[] = { "ctrpol", "apparmor", "landlock" };
	static const char *const measured[] = { "open_close", "stat" };
	struct json_object *all = run_bench("confined-smoke");
	size_t i, l;

	for (i = 0; i < 2; i++) {
		ASSERT_EQ(count(all, measured[i], "ctrpol-idle", 0), 1);
		ASSERT_EQ(count(all, measured[i], "ctrpol-elsewhere", 0), 1);
		for (l = 0; l < 3; l++)
			ASSERT_EQ(count(all, measured[i], confined[l], -1), 3);
	}
	for (l = 0; l < 3; l++) {
		ASSERT_EQ(count(all, "exec", confined[l], -1), 0);
		ASSERT_EQ(count(all, "open_denied", confined[l], -1), 0);
	}
	ASSERT_EQ(count(all, "cgroups_ratio", "ctrpol-cgroups", -1), 1);
	/* No denial, so no monitor and no events; no load or memory steps. */
	ASSERT_EQ(count(all, "events", "ctrpol", -1), 0);
	ASSERT_EQ(count(all, "policy_load", "ctrpol", -1), 0);
	ASSERT_EQ(count(all, "kmem_per_profile", "ctrpol", -1), 0);
	json_object_put(all);
}
