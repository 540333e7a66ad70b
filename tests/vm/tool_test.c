// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: ctrpol load, attach, list, detach and unload as an operator
 * runs them, their output and exit codes, against the running LSM.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"
#include <linux/ctrpol.h>

#define NOBODY 65534

/* Run ctrpol with up to four arguments, as uid. */
static void ctrpol(struct cmd_result *r, uid_t uid, const char *a, const char *b, const char *c,
		   const char *d)
{
	char *argv[] = { "ctrpol", (char *)a, (char *)b, (char *)c, (char *)d, NULL };

	run_cmd(argv, uid, r);
}

#define EXPECT_STATUS(r, want) do {						\
	if ((r).status != (want))						\
		FAIL("exit %d, want %d; stdout:\n%s\nstderr:\n%s", (r).status,	\
		     (want), (r).out, (r).err);					\
} while (0)

/* Run ctrpol as root: it must exit with want, and say text (if any) on stdout or stderr. */
static void expect(int want, const char *text, const char *a, const char *b, const char *c,
		   const char *d)
{
	static struct cmd_result r;

	ctrpol(&r, AS_CALLER, a, b, c, d);
	EXPECT_STATUS(r, want);
	if (text && !strstr(r.out, text) && !strstr(r.err, text))
		FAIL("ctrpol %s: no \"%s\" in its output:\n%s%s", a, text, r.out, r.err);
}

TEST(load_attach_list_detach_unload)
{
	put_file("/tmp/toolweb.ctp", "profile toolweb {\n    allow read /etc/**\n}\n", 0644);
	cgroup_create("toolweb");
	expect(0, "loaded toolweb", "load", "/tmp/toolweb.ctp", NULL, NULL);
	expect(1, "profile toolweb is loaded already; nothing was loaded", "load",
	       "/tmp/toolweb.ctp", NULL, NULL);
	expect(0, "replaced toolweb", "load", "--replace", "/tmp/toolweb.ctp", NULL);
	expect(0, NULL, "attach", "toolweb", "--cgroup", CGROUP_ROOT "/toolweb");
	expect(0, "/toolweb", "list", NULL, NULL, NULL);
	expect(0, "\"toolweb\"", "list", "--json", NULL, NULL);
	expect(1, "detach it", "unload", "toolweb", NULL, NULL);
	expect(0, NULL, "detach", "--cgroup", CGROUP_ROOT "/toolweb", NULL);
	expect(0, NULL, "unload", "toolweb", NULL, NULL);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/toolweb"), 0);
}

TEST(attach_by_pid_confines_that_process_cgroup)
{
	struct cmd_result r;
	char pid[16];

	put_file("/tmp/toolpid.ctp", "profile toolpid {\n}\n", 0644);
	cgroup_create("toolpid");
	expect(0, NULL, "load", "/tmp/toolpid.ctp", NULL, NULL);
	/* A process of the cgroup: a child moved there, waiting to be killed. */
	run_cmd((char *const[]){ "sh", "-c", "set -eu; "
		"echo $$ > " CGROUP_ROOT "/toolpid/cgroup.procs; exec sleep 60 >/dev/null &"
		" echo $!", NULL }, AS_CALLER, &r);
	EXPECT_STATUS(r, 0);
	snprintf(pid, sizeof(pid), "%d", atoi(r.out));
	expect(0, NULL, "attach", "toolpid", "--pid", pid);
	expect(0, "/toolpid", "list", NULL, NULL, NULL);
	expect(0, NULL, "detach", "--pid", pid, NULL);
	kill(atoi(pid), SIGKILL);
	expect(0, NULL, "unload", "toolpid", NULL, NULL);
}

static int read_secret(const void *path)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return errno;
	fclose(f);
	return 0;
}

static int cat_secret(const void *path)
{
	execl("/bin/cat", "cat", (const char *)path, (char *)NULL);
	return 127;
}

/* A shell, confined from its exec, whose child cat reads path. */
static int sh_cat_secret(const void *path)
{
	char script[128];

	snprintf(script, sizeof(script), "cat %s; exit $?", (const char *)path);
	execl("/bin/sh", "sh", "-c", script, (char *)NULL);
	return 127;
}

/* What an OCI runtime does: attach before its own set-up, confine from the container's exec. */
TEST(attach_on_exec_confines_from_the_first_exec_in_the_cgroup)
{
	static struct cmd_result r;

	put_file("/tmp/onexec-secret", "x\n", 0644);
	put_file("/tmp/onexec.ctp", "profile onexec {\n    default allow\n"
		 "    deny read /tmp/onexec-secret\n}\n", 0644);
	cgroup_create("onexec");
	expect(0, NULL, "load", "/tmp/onexec.ctp", NULL, NULL);
	run_cmd((char *[]){ "ctrpol", "attach", "onexec", "--on-exec", "--cgroup",
			    CGROUP_ROOT "/onexec", NULL }, AS_CALLER, &r);
	EXPECT_STATUS(r, 0);
	ASSERT_CONTAINS(r.out, "confining each task from its exec there on");
	expect(0, "(on exec)", "list", NULL, NULL, NULL);
	/* The runtime's own work in the cgroup, before the exec: not confined. */
	ASSERT_EQ(run_in("onexec", AS_CALLER, read_secret, "/tmp/onexec-secret"), 0);
	/* The container's program: confined from its exec on, and what it forks with it. */
	ASSERT_EQ(run_in("onexec", AS_CALLER, cat_secret, "/tmp/onexec-secret"), 1);
	ASSERT_EQ(run_in("onexec", AS_CALLER, sh_cat_secret, "/tmp/onexec-secret"), 1);
	/* A process the runtime adds later (crun exec) is its own: free until its exec. */
	ASSERT_EQ(run_in("onexec", AS_CALLER, read_secret, "/tmp/onexec-secret"), 0);
	expect(0, NULL, "detach", "--cgroup", CGROUP_ROOT "/onexec", NULL);
	expect(0, NULL, "unload", "onexec", NULL, NULL);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/onexec"), 0);
}

/* A child forked, not executing anything, reads path: its errno. */
static int fork_read_secret(const void *path)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(read_secret(path));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 199;
	return WEXITSTATUS(status);
}

/* A shell, confined from its exec, whose subshell (a fork, no exec) reads path. */
static int sh_subshell_read(const void *path)
{
	char script[128];

	snprintf(script, sizeof(script), "if (read l < %s) 2>/dev/null; then exit 0; fi; exit 13",
		 (const char *)path);
	execl("/bin/sh", "sh", "-c", script, (char *)NULL);
	return 127;
}

/*
 * A shell executed in cgroup from reads path itself, with no exec of its
 * own, after the host has moved it to cgroup to (NULL: left there): the
 * shell's status, 0 when it could read, 13 when it could not open.
 */
static int read_after_move(const char *from, const char *to, const char *path)
{
	int ready[2], go[2], status;
	char script[128], line[8];
	pid_t pid;

	ASSERT_EQ(pipe(ready), 0);
	ASSERT_EQ(pipe(go), 0);
	snprintf(script, sizeof(script), "echo ready; read x\n"
		 "if read l 2>/dev/null < %s; then exit 0; fi; exit 13", path);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (enter_cgroup(from) || dup2(go[0], 0) < 0 || dup2(ready[1], 1) < 0)
			_exit(120);
		close(go[1]);
		close(ready[0]);
		execl("/bin/sh", "sh", "-c", script, (char *)NULL);
		_exit(127);
	}
	close(go[0]);
	close(ready[1]);
	/* Once it says ready, the shell has executed in from: it is armed there. */
	ASSERT_EQ(read(ready[0], line, sizeof(line)), 6);
	if (to) {
		char procs[256], pidtext[16];

		snprintf(procs, sizeof(procs), "%s/%s/cgroup.procs", CGROUP_ROOT, to);
		snprintf(pidtext, sizeof(pidtext), "%d", pid);
		put_file(procs, pidtext, 0644);
	}
	ASSERT_EQ(write(go[1], "go\n", 3), 3);
	close(go[1]);
	close(ready[0]);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* On-exec confinement across forks without exec, nested cgroups, and moves by the host. */
TEST(attach_on_exec_holds_across_forks_nested_cgroups_and_moves)
{
	static struct cmd_result r;

	put_file("/tmp/onexec2-secret", "x\n", 0644);
	put_file("/tmp/onexec2.ctp", "profile onexec2 {\n    default allow\n"
		 "    deny read /tmp/onexec2-secret\n}\n", 0644);
	cgroup_create("onexec2");
	cgroup_create("onexec2/inner");
	cgroup_create("onexec2-out");
	expect(0, NULL, "load", "/tmp/onexec2.ctp", NULL, NULL);
	run_cmd((char *[]){ "ctrpol", "attach", "onexec2", "--on-exec", "--cgroup",
			    CGROUP_ROOT "/onexec2", NULL }, AS_CALLER, &r);
	EXPECT_STATUS(r, 0);
	/* The runtime forking before any exec: its children are free as it is. */
	ASSERT_EQ(run_in("onexec2", AS_CALLER, fork_read_secret, "/tmp/onexec2-secret"), 0);
	/* After an exec, a fork without exec stays confined. */
	ASSERT_EQ(run_in("onexec2", AS_CALLER, sh_subshell_read, "/tmp/onexec2-secret"), 13);
	ASSERT_EQ(run_in(NULL, AS_CALLER, sh_subshell_read, "/tmp/onexec2-secret"), 0);
	/* A cgroup below: free until its exec, then confined. */
	ASSERT_EQ(run_in("onexec2/inner", AS_CALLER, read_secret, "/tmp/onexec2-secret"), 0);
	ASSERT_EQ(run_in("onexec2/inner", AS_CALLER, cat_secret, "/tmp/onexec2-secret"), 1);
	/* Moved by the host: deeper in the subtree it stays confined, out of it it is free. */
	ASSERT_EQ(read_after_move("onexec2", NULL, "/tmp/onexec2-secret"), 13);
	ASSERT_EQ(read_after_move("onexec2", "onexec2/inner", "/tmp/onexec2-secret"), 13);
	ASSERT_EQ(read_after_move("onexec2", "onexec2-out", "/tmp/onexec2-secret"), 0);
	expect(0, NULL, "detach", "--cgroup", CGROUP_ROOT "/onexec2", NULL);
	expect(0, NULL, "unload", "onexec2", NULL, NULL);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/onexec2/inner"), 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/onexec2"), 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/onexec2-out"), 0);
}

/* What list prints of profile name: its row starts the line. */
static bool listed(const char *name)
{
	static struct cmd_result r;
	char row[80];

	ctrpol(&r, AS_CALLER, "list", NULL, NULL, NULL);
	EXPECT_STATUS(r, 0);
	snprintf(row, sizeof(row), "\n%s ", name);
	return strstr(r.out, row);
}

/* Boot-time loading: a directory's profiles, all of them or none. */
TEST(load_dir_loads_a_directory_all_or_nothing)
{
	mkdir("/tmp/boot", 0755);
	mkdir("/tmp/boot/abstractions", 0755);
	put_file("/tmp/boot/abstractions/shared.ctp", "allow read /etc/**\n", 0644);
	put_file("/tmp/boot/a.ctp", "profile dir-a {\n    include \"abstractions/shared.ctp\"\n}\n",
		 0644);
	put_file("/tmp/boot/b.ctp", "profile dir-b {\n}\n", 0644);
	put_file("/tmp/boot/.hidden.ctp", "profile dir-hidden {\n}\n", 0644);
	put_file("/tmp/boot/README", "not a policy\n", 0644);
	expect(0, "loaded dir-a", "load", "--dir", "/tmp/boot", NULL);
	ASSERT_TRUE(listed("dir-b") && !listed("dir-hidden") && !listed("shared"));

	/* One is loaded already: the new one is not loaded either. */
	put_file("/tmp/boot/c.ctp", "profile dir-c {\n}\n", 0644);
	expect(1, "profile dir-a is loaded already; nothing was loaded", "load", "--dir",
	       "/tmp/boot", NULL);
	ASSERT_TRUE(!listed("dir-c"));
	/* A policy with an error: nothing either. */
	put_file("/tmp/boot/d.ctp", "profile dir-d {\n    allow wirte /x\n}\n", 0644);
	expect(5, "d.ctp:2:", "load", "--replace", "--dir", "/tmp/boot");
	ASSERT_TRUE(!listed("dir-c") && !listed("dir-d"));
	ASSERT_EQ(unlink("/tmp/boot/d.ctp"), 0);
	expect(0, "loaded dir-c", "load", "--replace", "--dir", "/tmp/boot");
	expect(0, "replaced dir-a", "load", "--replace", "--dir", "/tmp/boot");
	expect(0, NULL, "unload", "dir-a", "dir-b", "dir-c");
	mkdir("/tmp/boot-empty", 0755);
	expect(0, "nothing to load", "load", "--dir", "/tmp/boot-empty", NULL);
}

/* The hook's state on stdin is state; it must fail (closed) saying text. */
static void hook_refuses(const char *state, const char *args, const char *text)
{
	static struct cmd_result r;
	char script[512];

	snprintf(script, sizeof(script), "echo '%s' | ctrpol oci-hook %s", state, args);
	run_cmd((char *[]){ "sh", "-c", script, NULL }, AS_CALLER, &r);
	EXPECT_STATUS(r, 1);
	ASSERT_CONTAINS(r.err, text);
}

TEST(the_oci_hook_fails_closed_and_says_why)
{
	hook_refuses("{\"ociVersion\":\"1.0\",\"id\":\"c1\",\"pid\":1}", "",
		     "container c1 has no profile");
	hook_refuses("{\"ociVersion\":\"1.0\",\"id\":\"c1\",\"pid\":1}", "--default nosuch",
		     "no profile of that name is loaded");
	hook_refuses("{\"ociVersion\":\"1.0\",\"id\":\"c1\",\"pid\":1,\"annotations\":"
		     "{\"io.ctrpol.profile\":\"../x\"}}", "", "is no profile name");
	hook_refuses("{\"ociVersion\":\"1.0\",\"id\":\"c1\"}", "--default web",
		     "the state has no pid");
	hook_refuses("not json", "--default web", "not one JSON document");
}

TEST(errors_say_what_is_wrong)
{
	struct cmd_result r;

	expect(1, "no profile of that name is loaded", "attach", "nosuch", "--cgroup", CGROUP_ROOT);
	expect(2, NULL, "attach", "nosuch", "--cgroup", "/sys/fs/cgroup/missing");
	expect(1, "the cgroup has no profile", "detach", "--cgroup", CGROUP_ROOT, NULL);
	expect(1, NULL, "unload", "nosuch", NULL, NULL);
	ctrpol(&r, NOBODY, "load", "/tmp/toolweb.ctp", NULL, NULL);
	EXPECT_STATUS(r, 4);
}

/* More than one netlink attribute can carry: the tool sends it in pieces. */
TEST(a_large_profile_loads_in_pieces)
{
	static char text[1 << 20];
	struct cmd_result r;
	const char *size;
	size_t n = 0;
	int i;

	n += snprintf(text + n, sizeof(text) - n, "profile big {\n");
	for (i = 0; i < 4000; i++)
		n += snprintf(text + n, sizeof(text) - n,
			      "    allow read /srv/app%d/dir%d/file%d.txt\n", i % 50, i, i);
	snprintf(text + n, sizeof(text) - n, "}\n");
	put_file("/tmp/big.ctp", text, 0644);
	ctrpol(&r, AS_CALLER, "load", "/tmp/big.ctp", NULL, NULL);
	EXPECT_STATUS(r, 0);
	size = strstr(r.out, "loaded big (");
	ASSERT_TRUE(size && atol(size + strlen("loaded big (")) > CTRPOL_BLOB_CHUNK_MAX);
	expect(0, "\"big\"", "list", "--json", NULL, NULL);
	expect(0, NULL, "unload", "big", NULL, NULL);
}
