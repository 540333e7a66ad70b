// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: file rules, enforced.  Each test attaches a profile to a
 * cgroup of its own and acts from inside it: what a rule allows works,
 * what it does not fails with EACCES, and the same operations from outside
 * the cgroup are untouched.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"

/* A fresh directory for one test's files; returns its path. */
static const char *scratch(const char *name)
{
	static char dir[96];

	snprintf(dir, sizeof(dir), "/tmp/%s", name);
	if (mkdir(dir, 0755) && errno != EEXIST)
		FAIL("mkdir %s: %s", dir, strerror(errno));
	return dir;
}

/* Path of a file in the scratch directory. */
static const char *at(const char *dir, const char *file)
{
	static char paths[8][128];
	static unsigned int next;
	char *p = paths[next++ % 8];

	snprintf(p, sizeof(paths[0]), "%s/%s", dir, file);
	return p;
}

#define EXPECT_OP(cg, want, op, a, b) do {					\
	int _e = try_in((cg), (op), (a), (b));					\
	if (_e != (want))							\
		FAIL("%s %s%s%s: got %s, want %s", (op), (a), (b) ? " " : "",	\
		     (b) ? (const char *)(b) : "", _e ? strerror(_e) : "success",	\
		     (want) ? strerror(want) : "success");			\
} while (0)

TEST(read_write_append_each_need_their_permission)
{
	const char *d = scratch("rwa");
	struct confined c;

	put_file(at(d, "r"), "r", 0666);
	put_file(at(d, "w"), "w", 0666);
	put_file(at(d, "a"), "a", 0666);
	put_file(at(d, "unnamed"), "u", 0666);
	confine(&c, "rwa", "allow read /tmp/rwa/r\nallow write /tmp/rwa/w\nallow append /tmp/rwa/a");
	EXPECT_OP(c.cgroup, 0, "read", at(d, "r"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "write", at(d, "r"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "read", at(d, "w"), NULL);
	EXPECT_OP(c.cgroup, 0, "write", at(d, "w"), NULL);
	EXPECT_OP(c.cgroup, 0, "append", at(d, "w"), NULL);	/* write implies append */
	EXPECT_OP(c.cgroup, 0, "append", at(d, "a"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "write", at(d, "a"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "read", at(d, "unnamed"), NULL);
	/* Outside the cgroup nothing is mediated. */
	EXPECT_OP(NULL, 0, "write", at(d, "r"), NULL);
	unconfine(&c);
}

TEST(exec_and_mmap_exec)
{
	const char *d = scratch("exe");
	struct confined c;
	struct cmd_result r;

	run_cmd((char *const[]){ "cp", "/bin/busybox", "/tmp/exe/yes", NULL }, AS_CALLER, &r);
	run_cmd((char *const[]){ "cp", "/bin/busybox", "/tmp/exe/no", NULL }, AS_CALLER, &r);
	run_cmd((char *const[]){ "cp", "/bin/busybox", "/tmp/exe/lib", NULL }, AS_CALLER, &r);
	confine(&c, "exe", "allow exec /tmp/exe/yes\nallow read /tmp/exe/{no,lib}\n"
		"allow mmap_exec /tmp/exe/lib");
	EXPECT_OP(c.cgroup, 0, "exec", at(d, "yes"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "exec", at(d, "no"), NULL);
	EXPECT_OP(c.cgroup, 0, "mmap_exec", at(d, "lib"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "mmap_exec", at(d, "no"), NULL);
	unconfine(&c);
}

TEST(create_delete_and_setattr)
{
	const char *d = scratch("cds");
	struct confined c;

	put_file(at(d, "victim"), "v", 0666);
	put_file(at(d, "kept"), "k", 0666);
	mkdir(at(d, "dir"), 0755);
	confine(&c, "cds", "allow create,write /tmp/cds/new*\nallow delete /tmp/cds/{victim,dir}\n"
		"allow setattr /tmp/cds/victim");
	EXPECT_OP(c.cgroup, 0, "create", at(d, "new1"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "create", at(d, "other"), NULL);
	EXPECT_OP(c.cgroup, 0, "mkdir", at(d, "newdir"), NULL);
	EXPECT_OP(c.cgroup, 0, "symlink", at(d, "newlink"), "/tmp");
	EXPECT_OP(c.cgroup, EACCES, "symlink", at(d, "link2"), "/tmp");
	EXPECT_OP(c.cgroup, 0, "chmod", at(d, "victim"), NULL);
	EXPECT_OP(c.cgroup, 0, "chown", at(d, "victim"), NULL);
	EXPECT_OP(c.cgroup, 0, "truncate", at(d, "victim"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "chmod", at(d, "kept"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "chown", at(d, "kept"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "truncate", at(d, "kept"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "unlink", at(d, "kept"), NULL);
	EXPECT_OP(c.cgroup, 0, "unlink", at(d, "victim"), NULL);
	EXPECT_OP(c.cgroup, 0, "rmdir", at(d, "dir"), NULL);
	unconfine(&c);
}

TEST(rename_and_link_check_both_names)
{
	const char *d = scratch("rnl");
	struct confined c;

	put_file(at(d, "a"), "a", 0666);
	put_file(at(d, "b"), "b", 0666);
	confine(&c, "rnl", "allow rename /tmp/rnl/{a,a2}\nallow link /tmp/rnl/{b,b2}");
	EXPECT_OP(c.cgroup, EACCES, "rename", at(d, "a"), at(d, "elsewhere"));
	EXPECT_OP(c.cgroup, EACCES, "rename", at(d, "b"), at(d, "a2"));
	EXPECT_OP(c.cgroup, 0, "rename", at(d, "a"), at(d, "a2"));
	EXPECT_OP(c.cgroup, EACCES, "link", at(d, "b"), at(d, "elsewhere"));
	EXPECT_OP(c.cgroup, 0, "link", at(d, "b"), at(d, "b2"));
	unconfine(&c);
}

TEST(deny_wins_over_allow)
{
	const char *d = scratch("dwa");
	struct confined c;

	put_file(at(d, "secret"), "s", 0666);
	put_file(at(d, "plain"), "p", 0666);
	confine(&c, "dwa", "allow read,write /tmp/dwa/*\ndeny read /tmp/dwa/secret");
	EXPECT_OP(c.cgroup, 0, "read", at(d, "plain"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "read", at(d, "secret"), NULL);
	EXPECT_OP(c.cgroup, 0, "write", at(d, "secret"), NULL);
	unconfine(&c);
}

TEST(default_allow_denies_only_what_rules_deny)
{
	const char *d = scratch("dal");
	struct confined c;

	put_file(at(d, "x"), "x", 0666);
	confine(&c, "dal", "default allow\ndeny write /tmp/dal/**");
	EXPECT_OP(c.cgroup, 0, "read", at(d, "x"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "write", at(d, "x"), NULL);
	unconfine(&c);
}

TEST(nested_cgroups_inherit_and_siblings_do_not)
{
	const char *d = scratch("nest");
	struct confined c;

	put_file(at(d, "x"), "x", 0666);
	confine(&c, "nest", "allow read /tmp/nest/x");
	cgroup_create("nest/child");
	cgroup_create("nest/child/grandchild");
	cgroup_create("nest-sibling");
	EXPECT_OP("nest/child", EACCES, "write", at(d, "x"), NULL);
	EXPECT_OP("nest/child/grandchild", EACCES, "write", at(d, "x"), NULL);
	EXPECT_OP("nest/child/grandchild", 0, "read", at(d, "x"), NULL);
	EXPECT_OP("nest-sibling", 0, "write", at(d, "x"), NULL);
	EXPECT_OP(".", 0, "write", at(d, "x"), NULL);
	rmdir(CGROUP_ROOT "/nest/child/grandchild");
	rmdir(CGROUP_ROOT "/nest/child");
	rmdir(CGROUP_ROOT "/nest-sibling");
	unconfine(&c);
}

TEST(paths_are_as_the_container_sees_them)
{
	struct confined c;

	scratch("root");
	mkdir("/tmp/root/etc", 0755);
	put_file("/tmp/root/etc/hosts", "h", 0644);
	put_file("/tmp/root/etc/shadow", "s", 0644);
	/* The chroot is taken inside the cgroup, so paths are relative to /tmp/root. */
	confine(&c, "chroot", "allow read /etc/hosts\nallow read /tmp/root/etc/shadow\n"
		"allow cap sys_chroot");
	EXPECT_OP(c.cgroup, 0, "chroot_read", "/tmp/root", "/etc/hosts");
	EXPECT_OP(c.cgroup, EACCES, "chroot_read", "/tmp/root", "/etc/shadow");
	unconfine(&c);
}

TEST(mprotect_to_exec_needs_mmap_exec)
{
	const char *d = scratch("mprot");
	struct confined c;

	put_file(at(d, "lib"), "l", 0644);
	put_file(at(d, "data"), "d", 0644);
	confine(&c, "mprot", "allow read,mmap_exec /tmp/mprot/lib\nallow read /tmp/mprot/data");
	EXPECT_OP(c.cgroup, 0, "mprotect_exec", at(d, "lib"), NULL);
	EXPECT_OP(c.cgroup, EACCES, "mprotect_exec", at(d, "data"), NULL);
	unconfine(&c);
}

/* The defined answers for files that have no usual path. */
TEST(a_deleted_file_keeps_its_name)
{
	const char *d = scratch("del");
	char via_fd[2][64];
	int fd[2], i;
	struct confined c;

	put_file(at(d, "named"), "n", 0644);
	put_file(at(d, "other"), "o", 0644);
	for (i = 0; i < 2; i++) {
		fd[i] = open(at(d, i ? "other" : "named"), O_RDONLY);
		ASSERT_TRUE(fd[i] >= 0);
		snprintf(via_fd[i], sizeof(via_fd[i]), "/proc/self/fd/%d", fd[i]);
	}
	ASSERT_EQ(unlink(at(d, "named")), 0);
	ASSERT_EQ(unlink(at(d, "other")), 0);
	confine(&c, "del", "allow read /tmp/del/named");
	EXPECT_OP(c.cgroup, 0, "read", via_fd[0], NULL);
	EXPECT_OP(c.cgroup, EACCES, "read", via_fd[1], NULL);
	unconfine(&c);
}

TEST(files_outside_the_root_have_no_name)
{
	struct confined c;

	scratch("jail");
	scratch("outside");
	put_file("/tmp/outside/f", "f", 0644);
	confine(&c, "jail", "allow read /tmp/outside/f\nallow read /f\nallow cap sys_chroot");
	/* Unconfined, the same read works: only the name is missing. */
	EXPECT_OP(NULL, 0, "escape_read", "/tmp/jail", "/tmp/outside/f");
	EXPECT_OP(c.cgroup, EACCES, "escape_read", "/tmp/jail", "/tmp/outside/f");
	unconfine(&c);
}

TEST(pipes_have_no_name_and_take_the_default)
{
	struct confined deny, allow;

	confine(&deny, "pipedeny", "allow read /proc/**");
	confine(&allow, "pipeallow", "default allow");
	EXPECT_OP(deny.cgroup, EACCES, "pipe_reopen", "", NULL);
	EXPECT_OP(allow.cgroup, 0, "pipe_reopen", "", NULL);
	unconfine(&deny);
	unconfine(&allow);
}
