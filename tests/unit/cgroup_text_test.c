// SPDX-License-Identifier: GPL-2.0
/* cgroup_proc_v2_path() and cgroup_mountinfo_dir() on the texts the kernel writes, and odd ones. */
#include <errno.h>
#include <string.h>

#include "genl/cgroup_text.h"
#include "harness.h"

static const char hybrid[] =
	"9:name=systemd:/\n"
	"4:memory:/process_api/16b5\n"
	"1:cpu:/\n"
	"0::/system.slice/web.service\n";

TEST(v2_line_of_a_unified_host)
{
	char path[64];

	ASSERT_EQ(cgroup_proc_v2_path("0::/kubepods/pod1/ctr\n", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/kubepods/pod1/ctr");
	ASSERT_EQ(cgroup_proc_v2_path("0::/\n", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/");
}

TEST(v2_line_of_a_hybrid_host_and_without_final_newline)
{
	char path[64];

	ASSERT_EQ(cgroup_proc_v2_path(hybrid, path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/system.slice/web.service");
	ASSERT_EQ(cgroup_proc_v2_path("1:cpu:/\n0::/a b", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/a b");
}

TEST(v1_only_host_has_no_v2_path)
{
	char path[64];

	ASSERT_EQ(cgroup_proc_v2_path("4:memory:/x\n1:cpu:/\n", path, sizeof(path)), -ENOENT);
	ASSERT_EQ(cgroup_proc_v2_path("", path, sizeof(path)), -ENOENT);
	/* "10::" is hierarchy 10, not 0. */
	ASSERT_EQ(cgroup_proc_v2_path("10::/x\n", path, sizeof(path)), -ENOENT);
}

TEST(names_with_newlines_make_the_text_ambiguous)
{
	char path[64];

	/* A v2 name "a\nb": the line goes on after "0::". */
	ASSERT_EQ(cgroup_proc_v2_path("0::/a\nb\n", path, sizeof(path)), -EBADMSG);
	/* A v1 name forging a "0::" line before the real one. */
	ASSERT_EQ(cgroup_proc_v2_path("4:memory:/x\n0::/forged\n0::/real\n", path, sizeof(path)),
		  -EBADMSG);
	ASSERT_EQ(cgroup_proc_v2_path("0::\n", path, sizeof(path)), -EBADMSG);
	ASSERT_EQ(cgroup_proc_v2_path("0::relative\n", path, sizeof(path)), -EBADMSG);
}

TEST(a_cgroup_outside_the_namespace_is_refused)
{
	char path[64];

	ASSERT_EQ(cgroup_proc_v2_path("0::/../../other\n", path, sizeof(path)), -EXDEV);
	ASSERT_EQ(cgroup_proc_v2_path("0::/a/..\n", path, sizeof(path)), -EXDEV);
	/* Dots inside a name are just a name. */
	ASSERT_EQ(cgroup_proc_v2_path("0::/a..b/..c/c..\n", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/a..b/..c/c..");
}

TEST(a_path_too_long_for_the_buffer_is_refused)
{
	char path[8];

	ASSERT_EQ(cgroup_proc_v2_path("0::/1234567\n", path, sizeof(path)), -ENAMETOOLONG);
	ASSERT_EQ(cgroup_proc_v2_path("0::/123456\n", path, sizeof(path)), 0);
}

static const char mountinfo[] =
	"22 1 0:21 / /sys rw,nosuid shared:7 - sysfs sysfs rw\n"
	"30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
	"34 30 0:31 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory\n"
	"40 30 0:37 / /sys/fs/cgroup/unified rw,relatime shared:10 - cgroup2 cgroup2 rw\n";

TEST(cgroup2_mount_of_a_hybrid_host)
{
	char dir[128];

	ASSERT_EQ(cgroup_mountinfo_dir(mountinfo, "/", dir, sizeof(dir)), 0);
	ASSERT_STREQ(dir, "/sys/fs/cgroup/unified");
	ASSERT_EQ(cgroup_mountinfo_dir(mountinfo, "/system.slice/web.service", dir, sizeof(dir)),
		  0);
	ASSERT_STREQ(dir, "/sys/fs/cgroup/unified/system.slice/web.service");
}

TEST(no_cgroup2_mount)
{
	char dir[128];

	ASSERT_EQ(cgroup_mountinfo_dir("22 1 0:21 / /sys rw - sysfs sysfs rw\n", "/", dir,
				       sizeof(dir)), -ENOENT);
	ASSERT_EQ(cgroup_mountinfo_dir("", "/", dir, sizeof(dir)), -ENOENT);
	/* The fstype is the field after "-", not a mount option or a source. */
	ASSERT_EQ(cgroup_mountinfo_dir("1 2 0:1 / /x rw - tmpfs cgroup2 rw\n", "/", dir,
				       sizeof(dir)), -ENOENT);
	ASSERT_EQ(cgroup_mountinfo_dir("1 2 0:1 / /x rw - cgroup2\n", "/", dir, sizeof(dir)), 0);
	/* Too few fields, or no separator: not a mount of anything. */
	ASSERT_EQ(cgroup_mountinfo_dir("1 2 0:1 / /x - cgroup2 c rw\n", "/", dir, sizeof(dir)),
		  -ENOENT);
}

TEST(escaped_mount_points_and_optional_fields)
{
	static const char mi[] =
		"40 30 0:37 / /run/my\\040cgroups\\134x rw shared:10 master:2 - cgroup2 none rw\n";
	char dir[128];

	ASSERT_EQ(cgroup_mountinfo_dir(mi, "/a", dir, sizeof(dir)), 0);
	ASSERT_STREQ(dir, "/run/my cgroups\\x/a");
}

TEST(a_mount_of_a_subtree_shows_only_what_is_under_its_root)
{
	static const char mi[] =
		"50 30 0:37 /kubepods /cg rw - cgroup2 cgroup2 rw\n"
		"51 30 0:37 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";
	char dir[128];

	ASSERT_EQ(cgroup_mountinfo_dir(mi, "/kubepods/pod1", dir, sizeof(dir)), 0);
	ASSERT_STREQ(dir, "/cg/pod1");
	ASSERT_EQ(cgroup_mountinfo_dir(mi, "/kubepods", dir, sizeof(dir)), 0);
	ASSERT_STREQ(dir, "/cg");
	/* "/kubepods-x" is not under "/kubepods": the whole mount serves it. */
	ASSERT_EQ(cgroup_mountinfo_dir(mi, "/kubepods-x", dir, sizeof(dir)), 0);
	ASSERT_STREQ(dir, "/sys/fs/cgroup/kubepods-x");
	ASSERT_EQ(cgroup_mountinfo_dir(mi, "/", dir, sizeof(dir)), 0);
	ASSERT_STREQ(dir, "/sys/fs/cgroup");
}

TEST(cgroup2_mounted_on_the_root_directory)
{
	char dir[128];

	ASSERT_EQ(cgroup_mountinfo_dir("1 0 0:1 / / rw - cgroup2 none rw\n", "/", dir,
				       sizeof(dir)), 0);
	ASSERT_STREQ(dir, "/");
	ASSERT_EQ(cgroup_mountinfo_dir("1 0 0:1 / / rw - cgroup2 none rw\n", "/a", dir,
				       sizeof(dir)), 0);
	ASSERT_STREQ(dir, "/a");
}

TEST(a_directory_too_long_for_the_buffer_is_refused)
{
	char dir[16];

	ASSERT_EQ(cgroup_mountinfo_dir(mountinfo, "/", dir, sizeof(dir)), -ENAMETOOLONG);
}

TEST(hierarchy_path_of_a_directory)
{
	char path[128];

	ASSERT_EQ(cgroup_mountinfo_path(mountinfo, "/sys/fs/cgroup/unified/system.slice/web",
					path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/system.slice/web");
	ASSERT_EQ(cgroup_mountinfo_path(mountinfo, "/sys/fs/cgroup/unified", path, sizeof(path)),
		  0);
	ASSERT_STREQ(path, "/");
	/* A name that only starts like the mount point is not under it. */
	ASSERT_EQ(cgroup_mountinfo_path(mountinfo, "/sys/fs/cgroup/unifiedx", path, sizeof(path)),
		  -ENOENT);
	ASSERT_EQ(cgroup_mountinfo_path(mountinfo, "/sys/fs/cgroup/memory/x", path, sizeof(path)),
		  -ENOENT);
}

TEST(hierarchy_path_under_a_mount_of_a_subtree)
{
	static const char nested[] =
		"40 30 0:37 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n"
		"50 40 0:37 /kubepods/pod\\0401 /run/pod rw - cgroup2 cgroup2 rw\n";
	char path[128];

	ASSERT_EQ(cgroup_mountinfo_path(nested, "/run/pod/ctr", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/kubepods/pod 1/ctr");
	ASSERT_EQ(cgroup_mountinfo_path(nested, "/run/pod", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/kubepods/pod 1");
	ASSERT_EQ(cgroup_mountinfo_path(nested, "/sys/fs/cgroup/a", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/a");
	ASSERT_EQ(cgroup_mountinfo_path(nested, "/run/pod/ctr", path, 16), -ENAMETOOLONG);
}

TEST(hierarchy_path_under_cgroup2_mounted_on_slash)
{
	static const char on_root[] = "1 0 0:37 / / rw - cgroup2 cgroup2 rw\n";
	char path[64];

	ASSERT_EQ(cgroup_mountinfo_path(on_root, "/a/b", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/a/b");
	ASSERT_EQ(cgroup_mountinfo_path(on_root, "/", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/");
}

TEST(hierarchy_path_under_the_deepest_of_several_mounts)
{
	static const char stacked[] =
		"1 0 0:37 / / rw - cgroup2 cgroup2 rw\n"
		"2 1 0:37 /kubepods /cg rw - cgroup2 cgroup2 rw\n"
		"3 1 0:37 /other /cg2 rw - cgroup2 cgroup2 rw\n";
	char path[64];

	ASSERT_EQ(cgroup_mountinfo_path(stacked, "/cg/x", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/kubepods/x");
	ASSERT_EQ(cgroup_mountinfo_path(stacked, "/cgx", path, sizeof(path)), 0);
	ASSERT_STREQ(path, "/cgx");
}
