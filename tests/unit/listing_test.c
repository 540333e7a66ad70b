// SPDX-License-Identifier: GPL-2.0
/*
 * What `ctrpol list` prints, from profiles and attachments as the kernel
 * would list them: the tables, and a JSON document that stays valid whatever
 * bytes a cgroup's path holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/listing.h"
#include "harness.h"
#include "json_check.h"

static struct kernel_profile profiles[2];
static struct kernel_attachment attachments[2] = {
	{ .cgroup_id = 1234, .name = "web" },
	{ .cgroup_id = 99, .name = "db", .on_exec = true },
};

/* web decided on files and the network; db, complaining, on nothing yet. */
static struct listing sample(char **paths)
{
	struct kernel_profile *web = &profiles[0], *db = &profiles[1];

	memset(profiles, 0, sizeof(profiles));
	strcpy(web->name, "web");
	web->mode = CTRPOL_MODE_ENFORCE;
	web->blob_size = 5939;
	web->nattachments = 1;
	web->counters[CTRPOL_COUNTER_ALLOWED] = 120;
	web->counters[CTRPOL_COUNTER_DENIED] = 3;
	web->counters[CTRPOL_COUNTER_EVENTS] = 12;
	web->counters[CTRPOL_COUNTER_DROPPED] = 1;
	web->class_counters[CTRPOL_RULE_FILE][CTRPOL_COUNTER_ALLOWED] = 100;
	web->class_counters[CTRPOL_RULE_FILE][CTRPOL_COUNTER_DENIED] = 3;
	web->class_counters[CTRPOL_RULE_NET][CTRPOL_COUNTER_ALLOWED] = 20;
	strcpy(db->name, "db");
	db->mode = CTRPOL_MODE_COMPLAIN;
	db->blob_size = 812;
	return (struct listing){ profiles, 2, attachments, 2, paths };
}

/* What print wrote for l, in a static buffer. */
static const char *printed(const struct listing *l, int (*print)(FILE *, const struct listing *))
{
	static char out[8192];
	FILE *f = fmemopen(out, sizeof(out), "w");

	if (!f)
		FAIL("fmemopen");
	ASSERT_EQ(print(f, l), 0);
	fclose(f);
	return out;
}

static int print_text(FILE *f, const struct listing *l)
{
	listing_print_text(f, l);
	return 0;
}

TEST(text_shows_each_profile_then_the_classes_it_decided_on)
{
	char *paths[] = { "/sys/fs/cgroup/web", NULL };
	struct listing l = sample(paths);

	ASSERT_STREQ(printed(&l, print_text),
		"PROFILE   MODE           SIZE  ATTACHED     ALLOWED      DENIED  COMPLAINED"
		"    EVENTS   DROPPED\n"
		"web       enforce        5939         1         120           3           0"
		"        12         1\n"
		"  file                                          100           3           0\n"
		"  net                                            20           0           0\n"
		"db        complain        812         0           0           0           0"
		"         0         0\n"
		"\n"
		"CGROUP                PROFILE   PATH\n"
		"1234                  web       /sys/fs/cgroup/web\n"
		"99                    db  (on exec)\n");
}

TEST(text_of_nothing_says_so)
{
	struct listing l = { 0 };

	ASSERT_STREQ(printed(&l, print_text),
		"no profile is loaded\n\nno cgroup has a profile attached\n");
}

TEST(text_shows_control_bytes_of_a_path_as_question_marks)
{
	char *paths[] = { "/sys/fs/cgroup/a\x1b[2Jb\nc", NULL };
	struct listing l = sample(paths);

	ASSERT_CONTAINS(printed(&l, print_text), "web       /sys/fs/cgroup/a?[2Jb?c\n99");
}

TEST(json_holds_counters_classes_and_attachments)
{
	char *paths[] = { "/sys/fs/cgroup/web", NULL };
	struct listing l = sample(paths);

	ASSERT_STREQ(printed(&l, listing_print_json),
		"{\"profiles\":[{\"name\":\"web\",\"mode\":\"enforce\",\"blob_size\":5939,"
		"\"attachments\":1,\"allowed\":120,\"denied\":3,\"complained\":0,\"events\":12,"
		"\"dropped\":1,\"classes\":{"
		"\"file\":{\"allowed\":100,\"denied\":3,\"complained\":0},"
		"\"cap\":{\"allowed\":0,\"denied\":0,\"complained\":0},"
		"\"net\":{\"allowed\":20,\"denied\":0,\"complained\":0},"
		"\"mount\":{\"allowed\":0,\"denied\":0,\"complained\":0},"
		"\"peer\":{\"allowed\":0,\"denied\":0,\"complained\":0},"
		"\"kernel\":{\"allowed\":0,\"denied\":0,\"complained\":0}}},"
		"{\"name\":\"db\",\"mode\":\"complain\",\"blob_size\":812,\"attachments\":0,"
		"\"allowed\":0,\"denied\":0,\"complained\":0,\"events\":0,\"dropped\":0,"
		"\"classes\":{"
		"\"file\":{\"allowed\":0,\"denied\":0,\"complained\":0},"
		"\"cap\":{\"allowed\":0,\"denied\":0,\"complained\":0},"
		"\"net\":{\"allowed\":0,\"denied\":0,\"complained\":0},"
		"\"mount\":{\"allowed\":0,\"denied\":0,\"complained\":0},"
		"\"peer\":{\"allowed\":0,\"denied\":0,\"complained\":0},"
		"\"kernel\":{\"allowed\":0,\"denied\":0,\"complained\":0}}}],"
		"\"attachments\":[{\"cgroup_id\":1234,\"profile\":\"web\","
		"\"path\":\"/sys/fs/cgroup/web\",\"on_exec\":false},"
		"{\"cgroup_id\":99,\"profile\":\"db\",\"path\":null,\"on_exec\":true}]}\n");
}

TEST(json_of_a_hostile_path_stays_valid_and_reads_back)
{
	char *paths[] = { "/sys/fs/cgroup/\xff\xc3(\x1b[31m\"\\\n", NULL };
	struct listing l = sample(paths);
	struct json_object *doc, *a;
	const char *out = printed(&l, listing_print_json);

	ASSERT_CONTAINS(out, "\"path\":\"/sys/fs/cgroup/\xef\xbf\xbd\xef\xbf\xbd(\\u001b[31m"
			"\\\"\\\\\\n\"");
	doc = json_parse_strict(out, strlen(out) - 1);
	ASSERT_TRUE(json_object_object_get_ex(doc, "attachments", &a));
	ASSERT_STREQ(json_member_string(json_object_array_get_idx(a, 0), "path"),
		     "/sys/fs/cgroup/\xef\xbf\xbd\xef\xbf\xbd(\x1b[31m\"\\\n");
	json_object_put(doc);
}
