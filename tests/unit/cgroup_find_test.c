// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup_find_ids(), the walk from cgroup ids back to paths, on a plain
 * directory tree: it reads inode numbers the way cgroupfs gives cgroup ids.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genl/cgroup.h"
#include "harness.h"

static char root[] = "/tmp/ctrpol-find-XXXXXX";

/* Make root/rel, a directory, and return its inode number. */
static uint64_t make_dir(const char *rel)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if (mkdir(path, 0700) || stat(path, &st))
		FAIL("cannot make %s: %s", path, strerror(errno));
	return st.st_ino;
}

static void make_root(void)
{
	if (!mkdtemp(root))
		FAIL("mkdtemp: %s", strerror(errno));
}

static void remove_tree(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		FAIL("cannot remove %s", root);
}

TEST(ids_are_found_at_any_depth_and_the_root_too)
{
	char want[3][PATH_MAX];
	uint64_t ids[4];
	char *paths[4];
	struct stat st;
	int i;

	make_root();
	ids[0] = make_dir("web");
	make_dir("system.slice");
	ids[1] = make_dir("system.slice/db.service");
	ASSERT_EQ(stat(root, &st), 0);
	ids[2] = st.st_ino;
	ids[3] = 1;	/* no such directory */
	cgroup_find_ids(root, ids, paths, 4);
	snprintf(want[0], sizeof(want[0]), "%s/web", root);
	snprintf(want[1], sizeof(want[1]), "%s/system.slice/db.service", root);
	snprintf(want[2], sizeof(want[2]), "%s", root);
	for (i = 0; i < 3; i++) {
		ASSERT_TRUE(paths[i]);
		if (strcmp(paths[i], want[i]))
			FAIL("id %d found at %s, want %s", i, paths[i], want[i]);
		free(paths[i]);
	}
	ASSERT_TRUE(!paths[3]);
	remove_tree();
}

TEST(a_missing_root_finds_nothing)
{
	char stale[] = "stale", *path = stale;
	uint64_t id = 2;

	cgroup_find_ids("/nonexistent/ctrpol", &id, &path, 1);
	ASSERT_TRUE(!path);
}

TEST(the_walk_is_bounded_in_depth)
{
	char rel[PATH_MAX] = "d";
	uint64_t ids[2];
	char *paths[2];
	int i;

	make_root();
	ids[0] = make_dir(rel);
	for (i = 1; i < 80; i++) {
		strcat(rel, "/d");
		ids[1] = make_dir(rel);
	}
	cgroup_find_ids(root, ids, paths, 2);
	ASSERT_TRUE(paths[0]);
	ASSERT_TRUE(!paths[1]);
	free(paths[0]);
	remove_tree();
}
