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
#include <stdbool.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/ctrpol.h>

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
	int _e = try_in((cg), (op), (a), (b)), _w = (want);			\
	if (_e != _w)								\
		FAIL("%s %s%s%s: got %s, want %s", (op), (a), (b) ? " " : "",	\
		     (b) ? (const char *)(b) : "", _e ? strerror(_e) : "success",	\
		     _w ? strerror(_w) : "success");				\
} while (0)

/*
 * Every file permission, allowed and denied, under one profile: each
 * operation has a target a rule allows it on and one no rule does.  The
 * paths are /tmp/mx/PLACE/..., so that each place acts on files of its own.
 */
static const char matrix_rules[] =
	"allow read /tmp/mx/*/{r,x,nx,lib}\n"
	"allow write /tmp/mx/*/w\n"
	"allow append /tmp/mx/*/a\n"
	"allow exec /tmp/mx/*/x\n"
	"allow mmap_exec /tmp/mx/*/lib\n"
	"allow create,write /tmp/mx/*/new*\n"
	"allow delete /tmp/mx/*/{del,deldir}\n"
	"allow rename /tmp/mx/*/{ren,ren2,renout}\n"
	"allow link /tmp/mx/*/{lnk,lnk2,lnk4,lnkout}\n"
	"allow setattr /tmp/mx/*/attr";

static const struct matrix_op {
	const char *op, *allowed, *allowed_to, *denied, *denied_to;
} matrix[] = {
	{ "read", "r", NULL, "w", NULL },
	{ "write", "w", NULL, "r", NULL },
	{ "append", "a", NULL, "r", NULL },
	{ "exec", "x", NULL, "nx", NULL },
	{ "mmap_exec", "lib", NULL, "r", NULL },
	{ "create", "new1", NULL, "other", NULL },
	{ "mkdir", "newdir", NULL, "otherdir", NULL },
	{ "symlink", "newlink", "/tmp", "otherlink", "/tmp" },
	{ "unlink", "del", NULL, "keep1", NULL },
	{ "rmdir", "deldir", NULL, "keepdir", NULL },
	{ "rename", "ren", "ren2", "keep2", "ren3" },
	/* Both ends are decided: a name the rules allow may not move to one they do not. */
	{ "rename", "ren2", "ren", "renout", "ren3" },
	{ "link", "lnk", "lnk2", "keep3", "lnk3" },
	{ "link", "lnk", "lnk4", "lnkout", "lnk5" },
	{ "chmod", "attr", NULL, "r", NULL },
	{ "chown", "attr", NULL, "r", NULL },
	{ "truncate", "attr", NULL, "r", NULL },
};

/* Fresh files for one place: what the matrix acts on. */
static const char *matrix_files(const char *place)
{
	/* Unconfined, denied operations happen: they get files of their own (keep*). */
	static const char *const files[] = { "r", "w", "a", "lib", "del", "ren", "lnk", "attr",
					     "keep1", "keep2", "keep3", "renout", "lnkout" };
	static char dir[64];
	struct cmd_result r;
	size_t i;

	snprintf(dir, sizeof(dir), "/tmp/mx/%s", place);
	run_cmd((char *const[]){ "rm", "-rf", dir, NULL }, AS_CALLER, &r);
	scratch("mx");
	scratch(dir + strlen("/tmp/"));
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		put_file(at(dir, files[i]), files[i], 0666);
	mkdir(at(dir, "deldir"), 0755);
	mkdir(at(dir, "keepdir"), 0755);
	run_cmd((char *const[]){ "cp", "/bin/busybox", (char *)at(dir, "x"), NULL }, AS_CALLER, &r);
	run_cmd((char *const[]){ "cp", "/bin/busybox", (char *)at(dir, "nx"), NULL }, AS_CALLER, &r);
	return dir;
}

/* Each operation in cgroup, on files of place: confined or not, as said. */
static void matrix_in(const char *cgroup, const char *place, bool confined)
{
	const char *dir = matrix_files(place);
	size_t i;

	for (i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++) {
		const struct matrix_op *m = &matrix[i];
		const char *to = m->allowed_to && m->allowed_to[0] != '/' ?
				 at(dir, m->allowed_to) : m->allowed_to;

		EXPECT_OP(cgroup, 0, m->op, at(dir, m->allowed), to);
		to = m->denied_to && m->denied_to[0] != '/' ? at(dir, m->denied_to) : m->denied_to;
		EXPECT_OP(cgroup, confined ? EACCES : 0, m->op, at(dir, m->denied), to);
	}
}

TEST(every_permission_in_the_cgroup_and_its_children_only)
{
	struct confined c;

	confine(&c, "mx", matrix_rules);
	cgroup_create("mx/child");
	cgroup_create("mx/child/grandchild");
	cgroup_create("mx-sibling");
	matrix_in(c.cgroup, "attached", true);
	matrix_in("mx/child/grandchild", "nested", true);
	matrix_in("mx-sibling", "sibling", false);
	matrix_in(".", "root", false);
	rmdir(CGROUP_ROOT "/mx/child/grandchild");
	rmdir(CGROUP_ROOT "/mx/child");
	rmdir(CGROUP_ROOT "/mx-sibling");
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

/*
 * A task remembers what it was allowed to open (kernel/name_cache.c): a
 * change to a file's name must still change what the task may do with it.
 */

/*
 * A task confined by c reads before twice, the second time with what it
 * remembers, then waits while change(arg) runs out here (unconfined), then
 * reads after.  Returns 0 or the errno of that last read.  Everything runs
 * on one CPU: the cache is per CPU, and a last read on another one would
 * find nothing remembered, and the test would pass whatever the cache did.
 */
static int read_across(const struct confined *c, const char *before,
		       void (*change)(const void *arg), const void *arg, const char *after)
{
	int ready[2], go[2], status = 0;
	char byte;
	pid_t pid;

	ASSERT_TRUE(!pipe(ready) && !pipe(go));
	pin_to_cpu(0);
	pid = fork_child();
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		if (enter_cgroup(c->cgroup) || try_here("read", before, NULL) ||
		    try_here("read", before, NULL))
			_exit(150);
		if (write(ready[1], "", 1) != 1 || read(go[0], &byte, 1) != 1)
			_exit(151);
		_exit(try_here("read", after, NULL));
	}
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &byte, 1) != 1) {
		waitpid(pid, &status, 0);
		FAIL("the confined task could not read %s before the change (exit %d)", before,
		     WEXITSTATUS(status));
	}
	if (change)
		change(arg);
	ASSERT_EQ(write(go[1], "", 1), 1);
	close(ready[0]);
	close(go[1]);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) < 150);
	return WEXITSTATUS(status);
}

/* arg: two paths, from and to. */
static void rename_dir(const void *arg)
{
	const char *const *from_to = arg;

	ASSERT_EQ(rename(from_to[0], from_to[1]), 0);
}

static void move_mount_to(const void *arg)
{
	const char *const *from_to = arg;

	ASSERT_EQ(mount(from_to[0], from_to[1], NULL, MS_MOVE, NULL), 0);
}

static void detach_mount(const void *arg)
{
	ASSERT_EQ(umount2(arg, MNT_DETACH), 0);
}

/* arg: the compiled profile that replaces the one loaded. */
struct blob {
	char bytes[4096];
	size_t size;
};

static void replace_with(const void *arg)
{
	const struct blob *b = arg;

	ASSERT_EQ(request_load(b->bytes, b->size, CTRPOL_LOAD_REPLACE), 0);
}

TEST(renaming_a_directory_renames_files_opened_before)
{
	static const char *const from_to[] = { "/tmp/rn/ok", "/tmp/rn/moved" };
	struct confined c;

	scratch("rn");
	mkdir(from_to[0], 0755);
	put_file("/tmp/rn/ok/f", "f", 0644);
	confine(&c, "rn", "allow read /tmp/rn/ok/**");
	ASSERT_EQ(read_across(&c, "/tmp/rn/ok/f", NULL, NULL, "/tmp/rn/ok/f"), 0);
	ASSERT_EQ(read_across(&c, "/tmp/rn/ok/f", rename_dir, from_to, "/tmp/rn/moved/f"),
		  EACCES);
	unconfine(&c);
}

TEST(moving_a_mount_renames_files_opened_before)
{
	static const char *const from_to[] = { "/tmp/mvm/ok", "/tmp/mvm/moved" };
	struct confined c;

	scratch("mvm");
	mkdir(from_to[0], 0755);
	mkdir(from_to[1], 0755);
	ASSERT_EQ(mount("tmpfs", from_to[0], "tmpfs", 0, NULL), 0);
	put_file("/tmp/mvm/ok/f", "f", 0644);
	confine(&c, "mvm", "allow read /tmp/mvm/ok/**");
	ASSERT_EQ(read_across(&c, "/tmp/mvm/ok/f", move_mount_to, from_to, "/tmp/mvm/moved/f"),
		  EACCES);
	unconfine(&c);
	ASSERT_EQ(umount(from_to[1]), 0);
}

/* Opened through a directory it holds: a detached mount's files have no name. */
TEST(detaching_a_mount_unnames_files_opened_before)
{
	struct confined c;
	char via_fd[64];
	int dir;

	scratch("dtm");
	mkdir("/tmp/dtm/ok", 0755);
	ASSERT_EQ(mount("tmpfs", "/tmp/dtm/ok", "tmpfs", 0, NULL), 0);
	put_file("/tmp/dtm/ok/f", "f", 0644);
	dir = open("/tmp/dtm/ok", O_RDONLY | O_DIRECTORY);
	ASSERT_TRUE(dir >= 0);
	snprintf(via_fd, sizeof(via_fd), "/proc/self/fd/%d/f", dir);
	confine(&c, "dtm", "allow read /tmp/dtm/ok/**\nallow read /proc/**");
	ASSERT_EQ(read_across(&c, via_fd, detach_mount, "/tmp/dtm/ok", via_fd), EACCES);
	close(dir);
	unconfine(&c);
}

TEST(a_replaced_profile_decides_files_opened_before_anew)
{
	static struct blob other;
	struct confined c;

	put_file("/tmp/rnc", "r", 0644);
	/* Compiled first: the compiler's own writes must not be what empties the cache. */
	other.size = compile_profile("rnc", "allow read /tmp/other", other.bytes,
				     sizeof(other.bytes));
	confine(&c, "rnc", "allow read /tmp/rnc");
	ASSERT_EQ(read_across(&c, "/tmp/rnc", replace_with, &other, "/tmp/rnc"), EACCES);
	unconfine(&c);
}

/* Read /tmp/crn/etc/f twice, chroot to /tmp/crn, read it again: now /etc/f. */
static int read_before_and_after_chroot(const void *unused)
{
	(void)unused;
	if (try_here("read", "/tmp/crn/etc/f", NULL) || try_here("read", "/tmp/crn/etc/f", NULL))
		return 150;
	if (chroot("/tmp/crn"))
		return 151;
	return try_here("read", "/etc/f", NULL);
}

TEST(a_chroot_renames_files_opened_before)
{
	struct confined c;

	scratch("crn");
	mkdir("/tmp/crn/etc", 0755);
	put_file("/tmp/crn/etc/f", "f", 0644);
	confine(&c, "crn", "allow read /tmp/crn/etc/f\nallow cap sys_chroot");
	/* All three reads on one CPU, as in read_across(). */
	pin_to_cpu(0);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, read_before_and_after_chroot, NULL), EACCES);
	unconfine(&c);
}
