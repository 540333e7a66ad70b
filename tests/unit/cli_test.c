// SPDX-License-Identifier: GPL-2.0
/* The command line contract of ctrpol, on the host: usage, exit codes, no-LSM errors. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genl/cgroup.h"
#include "harness.h"
#include "release.h"
#include <linux/ctrpol.h>

static char *ctrpol(void)
{
	char *p = getenv("CTRPOL");

	return p ? p : "ctrpol";
}

#define RUN(res, ...) run_cmd((char *[]){ ctrpol(), __VA_ARGS__, NULL }, AS_CALLER, res)

static void skip_if_host_has_ctrpol(void)
{
	char lsms[256] = "";
	FILE *f = fopen("/sys/kernel/security/lsm", "r");

	if (f) {
		if (!fgets(lsms, sizeof(lsms), f))
			lsms[0] = '\0';
		fclose(f);
	}
	if (strstr(lsms, "ctrpol"))
		SKIP("this host runs the ctrpol LSM; the VM suite covers it");
}

TEST(help_lists_commands_and_exit_codes)
{
	struct cmd_result r;

	RUN(&r, "--help");
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.out, "  status ");
	ASSERT_CONTAINS(r.out, "  version ");
	ASSERT_CONTAINS(r.out, "  load ");
	ASSERT_CONTAINS(r.out, "  unload ");
	ASSERT_CONTAINS(r.out, "  attach ");
	ASSERT_CONTAINS(r.out, "  detach ");
	ASSERT_CONTAINS(r.out, "  list ");
	ASSERT_CONTAINS(r.out, "  monitor ");
	ASSERT_CONTAINS(r.out, "  2  bad command line");
	ASSERT_CONTAINS(r.out, "  3  the running kernel has no active ctrpol LSM");
	ASSERT_CONTAINS(r.out, "  4  permission denied");
	ASSERT_CONTAINS(r.out, "  learn ");
	ASSERT_CONTAINS(r.out, "  6  internal error");
}

TEST(no_command_is_a_usage_error)
{
	struct cmd_result r;

	run_cmd((char *[]){ ctrpol(), NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "usage: ctrpol COMMAND");
}

TEST(unknown_command_is_a_usage_error)
{
	struct cmd_result r;

	RUN(&r, "frobnicate");
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "ctrpol frobnicate: unknown command");
	ASSERT_CONTAINS(r.err, "Try 'ctrpol --help'.");
}

TEST(extra_argument_is_a_usage_error)
{
	struct cmd_result r;

	RUN(&r, "status", "now");
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "ctrpol status: unexpected argument 'now'");
	RUN(&r, "version", "-v");
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "ctrpol version: unexpected argument '-v'");
}

TEST(version_flag_needs_no_kernel)
{
	struct cmd_result r;

	RUN(&r, "--version");
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.out, "ctrpol " CTRPOL_RELEASE " (ABI ");
}

/* Output lost to a full disk is a failure, not a success with nothing to show. */
TEST(output_that_cannot_be_written_fails)
{
	struct cmd_result r;

	run_cmd((char *[]){ "sh", "-c", "exec \"$0\" --version >/dev/full", ctrpol(), NULL },
		AS_CALLER, &r);
	ASSERT_EQ(r.status, 1);
	ASSERT_CONTAINS(r.err, "ctrpol --version: cannot write the output: No space left on device");
}

TEST(status_without_the_lsm_says_so)
{
	struct cmd_result r;

	skip_if_host_has_ctrpol();
	RUN(&r, "status");
	ASSERT_EQ(r.status, 3);
	ASSERT_EQ(r.out[0], '\0');
	ASSERT_CONTAINS(r.err, "ctrpol status: the running kernel has no active ctrpol LSM");
	ASSERT_CONTAINS(r.err, "lsm=");
}

TEST(version_without_the_lsm_still_prints_the_tool)
{
	struct cmd_result r;

	skip_if_host_has_ctrpol();
	RUN(&r, "version");
	ASSERT_EQ(r.status, 3);
	ASSERT_CONTAINS(r.out, "ctrpol tool " CTRPOL_RELEASE);
	ASSERT_CONTAINS(r.err, "ctrpol version: the running kernel has no active ctrpol LSM");
}

/* Run ctrpol with the arguments args (NULL-terminated, at most 10). */
static void run_args(char *const *args, struct cmd_result *r)
{
	char *argv[12] = { ctrpol() };
	size_t i;

	for (i = 0; args[i] && i < 10; i++)
		argv[i + 1] = args[i];
	run_cmd(argv, AS_CALLER, r);
}

/* A scratch file holding data, in a fresh directory; its path goes to path. */
static void scratch_file(char *path, size_t size, const char *name, const void *data, size_t len)
{
	char dir[] = "/tmp/ctrpol-cli-XXXXXX";
	FILE *f;

	if (!mkdtemp(dir))
		FAIL("mkdtemp: %s", strerror(errno));
	snprintf(path, size, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f))
		FAIL("cannot write %s", path);
}

/* Remove what scratch_file() made: path, other files named, and its directory. */
static void scratch_remove(const char *path, const char *also)
{
	char dir[PATH_MAX];

	unlink(path);
	if (also)
		unlink(also);
	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
}

/* The first cgroup v1 hierarchy mounted here, or SKIP. */
static void cgroup_v1_dir(char *dir, size_t size)
{
	char line[1024], root[512], mnt[512], type[64];
	FILE *f = fopen("/proc/self/mountinfo", "r");

	while (f && fgets(line, sizeof(line), f)) {
		char *dash = strstr(line, " - ");

		if (dash && sscanf(line, "%*s %*s %*s %511s %511s", root, mnt) == 2 &&
		    sscanf(dash, " - %63s", type) == 1 && !strcmp(type, "cgroup")) {
			snprintf(dir, size, "%s", mnt);
			fclose(f);
			return;
		}
	}
	if (f)
		fclose(f);
	SKIP("no cgroup v1 hierarchy is mounted here");
}

/* A command line refused before anything reaches the kernel, and what ctrpol says. */
struct refusal {
	char *argv[10];
	const char *says;
};

static const struct refusal usage_errors[] = {
	{ { "attach" }, "ctrpol attach: missing NAME" },
	{ { "attach", "--cgroup", "/sys/fs/cgroup" },
	  "usage: ctrpol attach NAME (--cgroup PATH | --pid PID)" },
	{ { "attach", "no/such", "--pid", "1" }, "ctrpol attach: 'no/such' is not a profile name" },
	{ { "attach", "web", "--cgroup", "/sys/fs/cgroup", "--pid", "1" },
	  "ctrpol attach: give --cgroup or --pid, not both" },
	{ { "attach", "web", "--pid", "1", "--pid", "2" }, "ctrpol attach: --pid given twice" },
	{ { "attach", "web" }, "ctrpol attach: which cgroup? give --cgroup PATH or --pid PID" },
	{ { "attach", "web", "--cgroup", "/tmp" },
	  "ctrpol attach: '/tmp' is not a cgroup: it is not in a cgroup2 filesystem\n  hint: " },
	{ { "attach", "web", "--cgroup", "/sys/fs/cgroup/no-such-cgroup-here" },
	  "ctrpol attach: cannot use '/sys/fs/cgroup/no-such-cgroup-here' as a cgroup: "
	  "No such file or directory" },
	{ { "attach", "web", "--pid", "999999999" },
	  "ctrpol attach: no process has pid 999999999" },
	{ { "detach", "--pid", "1", "--cgroup", "/sys/fs/cgroup" },
	  "ctrpol detach: give --cgroup or --pid, not both" },
	{ { "detach" }, "ctrpol detach: which cgroup? give --cgroup PATH or --pid PID" },
	{ { "detach", "web", "--pid", "1" }, "ctrpol detach: unexpected argument 'web'" },
	{ { "detach", "--cgroup", "/tmp" }, "ctrpol detach: '/tmp' is not a cgroup" },
	{ { "detach", "--pid", "12ab" }, "ctrpol detach: '12ab' is not a process id" },
	{ { "detach", "--pid", "0" }, "ctrpol detach: '0' is not a process id" },
	{ { "unload" }, "ctrpol unload: missing NAME" },
	{ { "unload", "web", "b@d" }, "ctrpol unload: 'b@d' is not a profile name" },
	{ { "load" }, "ctrpol load: missing FILE" },
	{ { "load", "--force", "x.ctp" }, "usage: ctrpol load [--replace] [--dir DIR]... [FILE]..." },
	{ { "list", "web" }, "ctrpol list: unexpected argument 'web'" },
	{ { "list", "--yaml" }, "usage: ctrpol list [--json]" },
	{ { "monitor", "web" }, "ctrpol monitor: unexpected argument 'web'" },
	{ { "monitor", "--yaml" },
	  "usage: ctrpol monitor [--json] [--profile NAME] [--cgroup PATH] [--duration SECONDS]" },
	{ { "monitor", "--profile", "b@d" }, "ctrpol monitor: 'b@d' is not a profile name" },
	{ { "monitor", "--duration", "0" }, "ctrpol monitor: '0' is not a duration: give whole "
	  "seconds, 1 or more" },
	{ { "monitor", "--duration", "1.5" }, "ctrpol monitor: '1.5' is not a duration" },
	{ { "monitor", "--cgroup", "/tmp" }, "ctrpol monitor: '/tmp' is not a cgroup" },
	{ { "learn", "-o", "x.ctp" }, "ctrpol learn: which cgroup? give --cgroup PATH" },
	{ { "learn", "--cgroup", "/sys/fs/cgroup" }, "ctrpol learn: where to? give -o OUT" },
	{ { "learn", "--cgroup", "/tmp", "-o", "x.ctp" }, "ctrpol learn: '/tmp' is not a cgroup" },
	{ { "learn", "--cgroup", "/tmp", "-o", "x.ctp", "--duration", "1m" },
	  "ctrpol learn: '1m' is not a duration: give whole seconds, 1 or more" },
	{ { "learn", "--cgroup", "/tmp", "-o", "x.ctp", "--name", "a b" },
	  "ctrpol learn: 'a b' is not a profile name" },
	{ { "learn", "--cgroup", "/tmp", "-o", "x.ctp", "--name", "unconfined" },
	  "ctrpol learn: 'unconfined' is not a profile name" },
	{ { "learn", "--cgroup", "/tmp", "-o", "x.ctp", "--name", "a", "--from", "b.ctp" },
	  "ctrpol learn: --name names a new profile; with --from, the profile keeps the name" },
	{ { "learn", "--cgroup", "/tmp", "-o", "x.ctp", "now" },
	  "ctrpol learn: unexpected argument 'now'" },
};

TEST(usage_errors_of_the_policy_commands_exit_2)
{
	struct cmd_result r;
	size_t i;

	for (i = 0; i < sizeof(usage_errors) / sizeof(usage_errors[0]); i++) {
		run_args(usage_errors[i].argv, &r);
		if (r.status != 2 || !strstr(r.err, usage_errors[i].says))
			FAIL("ctrpol %s ... (case %zu) exited %d, want 2 saying \"%s\"; it "
			     "said:\n%s", usage_errors[i].argv[0], i, r.status,
			     usage_errors[i].says, r.err);
	}
}

TEST(a_cgroup_v1_path_is_refused_as_such)
{
	struct cmd_result r;
	char dir[512];

	cgroup_v1_dir(dir, sizeof(dir));
	RUN(&r, "attach", "web", "--cgroup", dir);
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "is in a cgroup v1 hierarchy: ctrpol confines cgroup v2 cgroups "
			       "only");
}

TEST(a_file_in_a_cgroup_is_not_a_cgroup)
{
	const char *file = "/sys/fs/cgroup/cgroup.procs";
	struct cmd_result r;

	/* cgroup2 is mounted there, or there on hybrid hosts. */
	if (access(file, F_OK))
		file = "/sys/fs/cgroup/unified/cgroup.procs";
	if (access(file, F_OK))
		SKIP("no cgroup2 mount at /sys/fs/cgroup or /sys/fs/cgroup/unified");
	RUN(&r, "detach", "--cgroup", (char *)file);
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "is a file of a cgroup, not a cgroup");
}

TEST(load_of_a_policy_with_errors_exits_5_before_the_kernel)
{
	static const char policy[] = "profile t {\n    mode strict\n}\n";
	char path[PATH_MAX], where[PATH_MAX + 16];
	struct cmd_result r;

	scratch_file(path, sizeof(path), "bad.ctp", policy, strlen(policy));
	RUN(&r, "load", path);
	ASSERT_EQ(r.status, 5);
	snprintf(where, sizeof(where), "%s:2:10: error: ", path);
	ASSERT_CONTAINS(r.err, where);
	ASSERT_TRUE(!strstr(r.err, "LSM"));
	scratch_remove(path, NULL);
}

TEST(load_of_several_files_stops_at_the_first_bad_one)
{
	static const char good[] = "profile t {\n    mode enforce\n}\n";
	static const char bad[] = "profile u {\n    allow wirte /x\n}\n";
	char ok[PATH_MAX], ko[PATH_MAX];
	struct cmd_result r;

	scratch_file(ok, sizeof(ok), "good.ctp", good, strlen(good));
	scratch_file(ko, sizeof(ko), "bad.ctp", bad, strlen(bad));
	RUN(&r, "load", ok, ko);
	ASSERT_EQ(r.status, 5);
	ASSERT_CONTAINS(r.err, "bad.ctp:2:");
	ASSERT_CONTAINS(r.err, "ctrpol load: nothing was loaded");
	ASSERT_EQ(r.out[0], '\0');
	RUN(&r, "load", ok, ok);
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "both hold profile t");
	scratch_remove(ok, NULL);
	scratch_remove(ko, NULL);
}

TEST(load_of_a_corrupt_blob_is_refused_by_the_local_verifier)
{
	static const char policy[] = "profile t {\n    mode enforce\n    allow read /etc/**\n}\n";
	char src[PATH_MAX], blob[PATH_MAX + 8], buf[65536];
	struct cmd_result r;
	size_t n;
	FILE *f;

	scratch_file(src, sizeof(src), "t.ctp", policy, strlen(policy));
	snprintf(blob, sizeof(blob), "%s.ctpb", src);
	RUN(&r, "compile", src, "-o", blob);
	ASSERT_EQ(r.status, 0);
	f = fopen(blob, "r+b");
	ASSERT_TRUE(f);
	n = fread(buf, 1, sizeof(buf), f);
	ASSERT_TRUE(n > 64);
	buf[n / 2] ^= 0x55;	/* past the header: the checksum no longer matches */
	ASSERT_TRUE(!fseek(f, 0, SEEK_SET) && fwrite(buf, 1, n, f) == n && !fclose(f));
	RUN(&r, "load", blob);
	ASSERT_EQ(r.status, 5);
	ASSERT_CONTAINS(r.err, "not a valid compiled profile: blob checksum mismatch");
	ASSERT_TRUE(!strstr(r.err, "LSM"));
	scratch_remove(src, blob);
}

TEST(policy_commands_without_the_lsm_say_so)
{
	static const char policy[] = "profile t {\n    mode enforce\n}\n";
	char path[PATH_MAX], self[16];
	struct cmd_result r;
	char *const cmds[][5] = {
		{ "load", path, NULL },
		{ "load", "--replace", path, NULL },
		{ "unload", "t", NULL },
		{ "attach", "t", "--pid", self, NULL },
		{ "detach", "--pid", self, NULL },
		{ "list", NULL },
		{ "list", "--json", NULL },
		{ "monitor", "--json", "--duration", "1", NULL },
	};
	size_t i;

	skip_if_host_has_ctrpol();
	scratch_file(path, sizeof(path), "t.ctp", policy, strlen(policy));
	snprintf(self, sizeof(self), "%d", (int)getpid());
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		char expect[64];

		run_args(cmds[i], &r);
		/* A host without cgroup v2 stops attach and detach before the kernel. */
		if (r.status == 2 && strstr(r.err, "cgroup v2"))
			continue;
		ASSERT_EQ(r.status, 3);
		ASSERT_EQ(r.out[0], '\0');
		snprintf(expect, sizeof(expect), "ctrpol %s: the running kernel has no active",
			 cmds[i][0]);
		ASSERT_CONTAINS(r.err, expect);
	}
	scratch_remove(path, NULL);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f))
		FAIL("cannot write %s", path);
}

/* The cgroup2 mount, a cgroup learn accepts; or SKIP. */
static void cgroup2_dir(char *dir, size_t size)
{
	if (cgroup2_mount_dir(dir, size))
		SKIP("no cgroup2 mount here");
}

TEST(learn_checks_its_starting_policy_before_the_kernel)
{
	static const char blob_magic[] = "CTPL\0\0\0\0";
	static const char broken[] = "profile t {\n    allow wirte /x\n}\n";
	static const char includes[] = "profile t {\n    include \"inc.ctp\"\n}\n";
	char cg[PATH_MAX], bin[PATH_MAX], bad[PATH_MAX], inc[PATH_MAX], out[PATH_MAX + 16];
	struct cmd_result r;

	cgroup2_dir(cg, sizeof(cg));
	scratch_file(bin, sizeof(bin), "t.ctpb", blob_magic, sizeof(blob_magic));
	scratch_file(bad, sizeof(bad), "bad.ctp", broken, strlen(broken));
	scratch_file(inc, sizeof(inc), "inc.ctp", "", 0);
	/* The included file is next to inc-user.ctp, not next to OUT in another directory. */
	snprintf(strrchr(inc, '/'), sizeof(inc) - (size_t)(strrchr(inc, '/') - inc),
		 "/inc-user.ctp");
	write_text(inc, includes);
	snprintf(out, sizeof(out), "%s.d", bad);
	*strrchr(out, '/') = '\0';
	snprintf(out + strlen(out), sizeof(out) - strlen(out), "/out.ctp");
	RUN(&r, "learn", "--cgroup", cg, "--from", bin, "-o", out);
	ASSERT_EQ(r.status, 5);
	ASSERT_CONTAINS(r.err, "--from takes a policy's text (.ctp)");
	RUN(&r, "learn", "--cgroup", cg, "--from", bad, "-o", out);
	ASSERT_EQ(r.status, 5);
	ASSERT_CONTAINS(r.err, "bad.ctp:2:11: error: unknown permission 'wirte'");
	RUN(&r, "learn", "--cgroup", cg, "--from", inc, "-o", out);
	ASSERT_EQ(r.status, 5);
	ASSERT_CONTAINS(r.err, "with learned rules added, would not compile as");
	ASSERT_CONTAINS(r.err, "hint: includes are found next to the file that holds them");
	ASSERT_TRUE(access(out, F_OK) && errno == ENOENT);
	scratch_remove(bin, NULL);
	scratch_remove(bad, out);
	snprintf(out, sizeof(out), "%s", inc);
	snprintf(strrchr(out, '/'), sizeof(out) - (size_t)(strrchr(out, '/') - out), "/inc.ctp");
	scratch_remove(inc, out);
}

TEST(learn_without_the_lsm_says_so_and_writes_nothing)
{
	char cg[PATH_MAX], path[PATH_MAX], tmp[PATH_MAX + 8];
	struct cmd_result r;

	skip_if_host_has_ctrpol();
	cgroup2_dir(cg, sizeof(cg));
	scratch_file(path, sizeof(path), "out.ctp", "", 0);
	unlink(path);
	RUN(&r, "learn", "--cgroup", cg, "-o", path);
	ASSERT_EQ(r.status, 3);
	ASSERT_CONTAINS(r.err, "ctrpol learn: the running kernel has no active ctrpol LSM");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	ASSERT_TRUE(access(path, F_OK) && access(tmp, F_OK));
	scratch_remove(path, NULL);
}

/* Written aside and renamed over, a device would become a file: refused. */
TEST(outputs_are_never_renamed_over_a_device)
{
	static const char good[] = "profile t {\n    mode enforce\n}\n";
	char ok[PATH_MAX];
	struct cmd_result r;
	struct stat st;

	scratch_file(ok, sizeof(ok), "good.ctp", good, strlen(good));
	RUN(&r, "compile", ok, "-o", "/dev/null");
	ASSERT_EQ(r.status, 1);
	ASSERT_CONTAINS(r.err, "cannot write '/dev/null': it exists and is not a regular file");
	RUN(&r, "learn", "--cgroup", "/sys/fs/cgroup", "-o", "/dev/null");
	ASSERT_EQ(r.status, 2);
	ASSERT_CONTAINS(r.err, "'/dev/null' exists and is not a regular file");
	ASSERT_TRUE(!stat("/dev/null", &st) && S_ISCHR(st.st_mode));
	scratch_remove(ok, NULL);
}
