// SPDX-License-Identifier: GPL-2.0
/* Which events `ctrpol monitor --profile NAME --cgroup PATH` shows. */
#include <string.h>

#include "events/event_filter.h"
#include "harness.h"

static struct ctrpol_event event(const char *profile, uint64_t id, const char *path)
{
	return (struct ctrpol_event){ .profile = profile, .cgroup_id = id, .cgroup_path = path };
}

static struct event_filter cgroup(uint64_t id, const char *path)
{
	struct event_filter f = { .by_cgroup = true, .cgroup_id = id };

	strcpy(f.cgroup_path, path);
	return f;
}

TEST(no_filter_passes_everything)
{
	struct event_filter f = { 0 };
	struct ctrpol_event ev = event("web", 1, NULL);

	ASSERT_TRUE(event_filter_match(&f, &ev));
}

TEST(profile_is_matched_whole)
{
	struct event_filter f = { .profile = "web" };
	struct ctrpol_event web = event("web", 1, "/a"), webby = event("webby", 1, "/a");

	ASSERT_TRUE(event_filter_match(&f, &web));
	ASSERT_TRUE(!event_filter_match(&f, &webby));
}

TEST(cgroup_and_its_descendants_pass_its_siblings_do_not)
{
	struct event_filter f = cgroup(50, "/kubepods/pod1");
	struct ctrpol_event self = event("web", 50, "/kubepods/pod1"),
			    child = event("web", 51, "/kubepods/pod1/ctr"),
			    sibling = event("web", 52, "/kubepods/pod10"),
			    parent = event("web", 49, "/kubepods"),
			    renamed = event("web", 50, "/kubepods/pod1-old"),
			    unnamed = event("web", 53, NULL);

	ASSERT_TRUE(event_filter_match(&f, &self));
	ASSERT_TRUE(event_filter_match(&f, &child));
	ASSERT_TRUE(!event_filter_match(&f, &sibling));
	ASSERT_TRUE(!event_filter_match(&f, &parent));
	/* The id is the cgroup, whatever path the event spells. */
	ASSERT_TRUE(event_filter_match(&f, &renamed));
	ASSERT_TRUE(!event_filter_match(&f, &unnamed));
}

TEST(root_cgroup_holds_everything)
{
	struct event_filter f = cgroup(1, "/");
	struct ctrpol_event ev = event("web", 9, "/a/b"), unnamed = event("web", 9, NULL);

	ASSERT_TRUE(event_filter_match(&f, &ev));
	ASSERT_TRUE(event_filter_match(&f, &unnamed));
}

TEST(both_filters_must_pass)
{
	struct event_filter f = cgroup(50, "/a");
	struct ctrpol_event web = event("web", 50, "/a"), db = event("db", 50, "/a");

	f.profile = "web";
	ASSERT_TRUE(event_filter_match(&f, &web));
	ASSERT_TRUE(!event_filter_match(&f, &db));
}
