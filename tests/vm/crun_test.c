// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: real containers, run by Debian's crun with the cgroupfs
 * manager, from bundles that scripts/oci-bundle.sh (/bin/oci-bundle) writes
 * over the busybox image in /oci/rootfs.  A container's output comes back;
 * its process runs in the cgroup crun was given, two of them at once; and
 * OCI hooks see the container as `ctrpol oci-hook` does: at createRuntime
 * (and prestart) the container's init is in its final cgroup and has not yet
 * executed its command.  The hook attaches on exec there: the profile
 * confines the command from its first instruction, and leaves crun the
 * set-up it still has to do (mounts, pivot_root) before that exec.
 */
#include <errno.h>
#include <linux/ctrpol.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"
#include "rawgenl.h"

#define WORK "/tmp/crun"
#define PARENT "ctrpol-crun"	/* every container's cgroup is below it */

/* A container: its bundle, and a directory of the host bound at /mnt in it. */
struct ctr {
	char name[32];
	char bundle[96];
	char out[96];
	char cgroup[160];	/* linux.cgroupsPath */
};

static void ctr_init(struct ctr *c, const char *name)
{
	char dir[48];

	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(dir, sizeof(dir), WORK "/%s", name);
	snprintf(c->bundle, sizeof(c->bundle), "%s/bundle", dir);
	snprintf(c->out, sizeof(c->out), "%s/out", dir);
	snprintf(c->cgroup, sizeof(c->cgroup), "/" PARENT "/%s", name);
	mkdir(WORK, 0755);
	mkdir(dir, 0755);
	if (mkdir(c->out, 0755) && errno != EEXIST)
		FAIL("mkdir %s: %s", c->out, strerror(errno));
}

/*
 * Write c's config.json: its cgroup, c->out bound at /mnt, the options opts
 * (NULL-terminated, may be NULL) and the command cmd (NULL-terminated).
 */
static void bundle(const struct ctr *c, const char *const *opts, const char *const *cmd)
{
	char bind[200];
	const char *argv[64];
	struct cmd_result r;
	int n = 0;

	snprintf(bind, sizeof(bind), "%s:/mnt", c->out);
	argv[n++] = "oci-bundle";
	argv[n++] = "--cgroup";
	argv[n++] = c->cgroup;
	argv[n++] = "--bind";
	argv[n++] = bind;
	argv[n++] = "--hostname";
	argv[n++] = c->name;
	for (; opts && *opts; opts++)
		argv[n++] = *opts;
	argv[n++] = c->bundle;
	argv[n++] = "--";
	for (; *cmd; cmd++)
		argv[n++] = *cmd;
	argv[n] = NULL;
	run_cmd((char *const *)argv, AS_CALLER, &r);
	if (r.status)
		FAIL("oci-bundle for %s: exit %d: %s", c->name, r.status, r.err);
}

/* crun with the cgroupfs manager (the guest has no systemd) and up to four arguments. */
static void crun(struct cmd_result *r, const char *a, const char *b, const char *c, const char *d)
{
	char *argv[] = { "crun", "--cgroup-manager=cgroupfs", (char *)a, (char *)b, (char *)c,
			 (char *)d, NULL };

	run_cmd(argv, AS_CALLER, r);
}

static void crun_ok(struct cmd_result *r, const char *a, const char *b, const char *c,
		    const char *d)
{
	crun(r, a, b, c, d);
	if (r->status)
		FAIL("crun %s %s: exit %d: %s", a, b ? b : "", r->status, r->err);
}

static void slurp_ok(const char *path, char *buf, size_t size)
{
	if (read_text(path, buf, size) < 0)
		FAIL("reading %s: %s", path, strerror(errno));
}

/* A file of the container's /mnt, as the host sees it. */
static void out_file(const struct ctr *c, const char *name, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", c->out, name);
}

/* The number after "key": in json, or -1. */
static long json_num(const char *json, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	p = strstr(json, pat);
	return p ? strtol(p + strlen(pat), NULL, 10) : -1;
}

/* What the host reads in /proc/PID/cgroup: "0::/path\n" on a cgroup v2 only system. */
static void cgroup_of(pid_t pid, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	slurp_ok(path, buf, size);
}

static bool exists(const void *path)
{
	return !access(path, F_OK);
}

/* Until the container's command says it started, by creating path. */
static void wait_for(const char *path)
{
	wait_until(exists, path, 20, "%s to appear", path);
}

/* Print text as TAP comments, each line after a "# " and indent. */
static void comment(const char *indent, const char *text)
{
	const char *nl;

	for (; *text; text = nl + 1) {
		nl = strchrnul(text, '\n');
		printf("# %s%.*s\n", indent, (int)(nl - text), text);
		if (!*nl)
			break;
	}
}

static void cleanup_parent(void)
{
	/* crun removes the cgroups it made, not their parents. */
	if (rmdir(CGROUP_ROOT "/" PARENT) && errno != ENOENT)
		FAIL("rmdir " CGROUP_ROOT "/" PARENT ": %s", strerror(errno));
}

TEST(a_container_runs_and_its_output_and_exit_code_come_back)
{
	static const char *const cmd[] = {
		"sh", "-c", "set -eu; echo \"hello from $(hostname) as pid $$\"; exit 3", NULL
	};
	struct timespec t0, t1;
	struct cmd_result r;
	struct ctr c;

	ctr_init(&c, "hello");
	bundle(&c, NULL, cmd);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	crun(&r, "run", "--bundle", c.bundle, c.name);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# crun run took %ld ms\n", (t1.tv_sec - t0.tv_sec) * 1000 +
	       (t1.tv_nsec - t0.tv_nsec) / 1000000);
	/* Its own pid and UTS namespaces: pid 1, the bundle's name as hostname. */
	ASSERT_STREQ(r.out, "hello from hello as pid 1\n");
	ASSERT_EQ(r.status, 3);
	ASSERT_STREQ(r.err, "");
	/* crun removed the container's cgroup once it ended. */
	ASSERT_TRUE(access(CGROUP_ROOT "/" PARENT "/hello", F_OK) && errno == ENOENT);
	cleanup_parent();
}

TEST(the_container_runs_in_the_cgroup_crun_was_given)
{
	static const char *const opts[] = { "--no-cgroupns", NULL };
	static const char *const cmd[] = { "sh", "-c", "cat /proc/self/cgroup >/mnt/cgroup", NULL };
	char path[160], buf[256];
	struct cmd_result r;
	struct ctr c;

	ctr_init(&c, "incg");
	bundle(&c, opts, cmd);
	crun_ok(&r, "run", "--bundle", c.bundle, c.name);
	/* In the host's cgroup namespace, the container sees where it is. */
	out_file(&c, "cgroup", path, sizeof(path));
	slurp_ok(path, buf, sizeof(buf));
	ASSERT_STREQ(buf, "0::/" PARENT "/incg\n");
	cleanup_parent();
}

/* Container c's init, from `crun state`; its status must be status. */
static pid_t state_pid(const struct ctr *c, const char *status)
{
	char want[64];
	struct cmd_result r;
	long pid;

	crun_ok(&r, "state", c->name, NULL, NULL);
	snprintf(want, sizeof(want), "\"status\": \"%s\"", status);
	ASSERT_CONTAINS(r.out, want);
	pid = json_num(r.out, "pid");
	if (pid <= 0)
		FAIL("no pid in crun state %s:\n%s", c->name, r.out);
	return pid;
}

TEST(two_containers_run_at_once_each_in_its_own_cgroup)
{
	static const char *const cmd[] = {
		"sh", "-c",
		"set -eu; cat /proc/self/cgroup >/mnt/cgroup; touch /mnt/started; exec sleep 600",
		NULL
	};
	struct ctr c[2];
	struct cmd_result r;
	char path[160], buf[256], want[96];
	pid_t pid[2];
	int i;

	/* Their inits come to us when crun create exits; we reap them. */
	ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	ctr_init(&c[0], "one");
	ctr_init(&c[1], "two");
	for (i = 0; i < 2; i++) {
		bundle(&c[i], NULL, cmd);
		crun_ok(&r, "create", "--bundle", c[i].bundle, c[i].name);
	}
	/* Created: the init waits in its final cgroup, seen from the host. */
	for (i = 0; i < 2; i++) {
		pid[i] = state_pid(&c[i], "created");
		cgroup_of(pid[i], buf, sizeof(buf));
		snprintf(want, sizeof(want), "0::%s\n", c[i].cgroup);
		ASSERT_STREQ(buf, want);
	}
	for (i = 0; i < 2; i++)
		crun_ok(&r, "start", c[i].name, NULL, NULL);
	for (i = 0; i < 2; i++) {
		out_file(&c[i], "started", path, sizeof(path));
		wait_for(path);
	}
	/* Both running at once, each alone in its cgroup, in a cgroup namespace of its own. */
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(state_pid(&c[i], "running"), pid[i]);
		cgroup_of(pid[i], buf, sizeof(buf));
		snprintf(want, sizeof(want), "0::%s\n", c[i].cgroup);
		ASSERT_STREQ(buf, want);
		snprintf(path, sizeof(path), CGROUP_ROOT "%s/cgroup.procs", c[i].cgroup);
		slurp_ok(path, buf, sizeof(buf));
		snprintf(want, sizeof(want), "%d\n", pid[i]);
		ASSERT_STREQ(buf, want);
		out_file(&c[i], "cgroup", path, sizeof(path));
		slurp_ok(path, buf, sizeof(buf));
		ASSERT_STREQ(buf, "0::/\n");
	}
	slurp_ok(CGROUP_ROOT "/" PARENT "/one/cgroup.controllers", buf, sizeof(buf));
	printf("# controllers of a container's cgroup: %s", buf);
	for (i = 0; i < 2; i++)
		crun_ok(&r, "delete", "--force", c[i].name, NULL);
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(waitpid(pid[i], NULL, 0), pid[i]);
		snprintf(path, sizeof(path), CGROUP_ROOT "%s", c[i].cgroup);
		ASSERT_TRUE(access(path, F_OK) && errno == ENOENT);
	}
	cleanup_parent();
}

/*
 * What a hook sees, recorded by a script: hook.sh STAGE DIR keeps the state
 * JSON of STAGE in DIR/STAGE.json, facts about the container's init (the
 * pid in the JSON) and itself in DIR/STAGE.info, and appends STAGE to
 * DIR/order.  The container's command appends "command" there too.
 */
static const char hook_script[] =
	"#!/bin/sh\n"
	"set -eu\n"
	"stage=$1 dir=$2\n"
	"echo $stage >>$dir/order\n"
	"cat >$dir/$stage.json\n"
	"pid=$(sed -n 's/.*\"pid\": *\\([0-9]*\\).*/\\1/p' $dir/$stage.json)\n"
	"{\n"
	"	echo \"hook cgroup: $(cat /proc/self/cgroup)\"\n"
	"	echo \"hook mntns: $(readlink /proc/self/ns/mnt)\"\n"
	"	if [ \"${pid:-0}\" != 0 ]; then\n"
	"		echo \"init cgroup: $(cat /proc/$pid/cgroup)\"\n"
	"		echo \"init exe: $(readlink /proc/$pid/exe)\"\n"
	"		echo \"init root: $(readlink /proc/$pid/root)\"\n"
	"		echo \"init mntns: $(readlink /proc/$pid/ns/mnt)\"\n"
	"		echo \"init mounts: $(wc -l </proc/$pid/mountinfo)\"\n"
	"		grep -c ' /oci/rootfs/proc/kcore ' /proc/$pid/mountinfo |\n"
	"			sed 's/^/masked paths mounted: /'\n"
	"	fi\n"
	"} >$dir/$stage.info 2>/dev/null\n";

static const char *const stages[] = {
	"prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop",
};

TEST(hooks_see_the_container_in_its_cgroup_before_its_command)
{
	static const char *const cmd[] = { "sh", "-c", "echo command >>/mnt/order", NULL };
	char hooks[6][320], script[160], path[160], json[1024], info[1024], want[256];
	const char *opts[16];
	struct cmd_result r;
	struct ctr c;
	size_t i;
	int n = 0;
	long pid;

	ctr_init(&c, "hooked");
	out_file(&c, "hook.sh", script, sizeof(script));
	put_file(script, hook_script, 0755);
	for (i = 0; i < 6; i++) {
		/* startContainer runs in the container: its paths are the container's. */
		if (!strcmp(stages[i], "startContainer"))
			snprintf(hooks[i], sizeof(hooks[i]), "%s /bin/sh /mnt/hook.sh %s /mnt",
				 stages[i], stages[i]);
		else
			snprintf(hooks[i], sizeof(hooks[i]), "%s /bin/sh %s %s %s", stages[i], script,
				 stages[i], c.out);
		opts[n++] = "--hook";
		opts[n++] = hooks[i];
	}
	opts[n++] = "--annotation";
	opts[n++] = "io.ctrpol.profile=test";
	/* So that hooks inside the container see its cgroup's real path. */
	opts[n++] = "--no-cgroupns";
	opts[n] = NULL;
	bundle(&c, opts, cmd);
	crun_ok(&r, "run", "--bundle", c.bundle, c.name);

	/*
	 * Every stage ran, in the order of the OCI spec: the command after
	 * startContainer.  poststart runs in crun once it has told the
	 * container to start, so it races startContainer and the command.
	 */
	out_file(&c, "order", path, sizeof(path));
	slurp_ok(path, json, sizeof(json));
	printf("# order of the stages and the command:\n");
	comment("  ", json);
	ASSERT_TRUE(!strncmp(json, "prestart\ncreateRuntime\ncreateContainer\n",
			     strlen("prestart\ncreateRuntime\ncreateContainer\n")));
	ASSERT_TRUE(strstr(json, "startContainer\n") && strstr(json, "command\n") &&
		    strstr(json, "startContainer\n") < strstr(json, "command\n"));
	ASSERT_CONTAINS(json, "poststart\n");
	ASSERT_TRUE(strstr(json, "poststop\n") && !strcmp(strstr(json, "poststop\n"), "poststop\n"));

	for (i = 0; i < 6; i++) {
		snprintf(path, sizeof(path), "%s/%s.json", c.out, stages[i]);
		slurp_ok(path, json, sizeof(json));
		snprintf(path, sizeof(path), "%s/%s.info", c.out, stages[i]);
		slurp_ok(path, info, sizeof(info));
		printf("# %s: state on stdin, and what the hook sees:\n", stages[i]);
		comment("  ", json);
		comment("  ", info);
		/*
		 * Every stage gets the id and the annotations; the bundle too, but
		 * for startContainer, run in the container, where crun 1.8.1 gives
		 * its working directory: "/".
		 */
		ASSERT_CONTAINS(json, "\"id\":\"hooked\"");
		ASSERT_CONTAINS(json, "\"annotations\":{\"io.ctrpol.profile\":\"test\"}");
		snprintf(want, sizeof(want), "\"bundle\":\"%s\"",
			 strcmp(stages[i], "startContainer") ? c.bundle : "/");
		ASSERT_CONTAINS(json, want);
	}

	/*
	 * createRuntime (and prestart, at the same point): the init is in its
	 * final cgroup, still crun (the command not executed yet), in a mount
	 * namespace of its own; the hook itself runs on the host's side.
	 */
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s.json", c.out, stages[i]);
		slurp_ok(path, json, sizeof(json));
		pid = json_num(json, "pid");
		ASSERT_TRUE(pid > 1);
		ASSERT_CONTAINS(json, "\"status\":\"created\"");
		snprintf(path, sizeof(path), "%s/%s.info", c.out, stages[i]);
		slurp_ok(path, info, sizeof(info));
		ASSERT_CONTAINS(info, "init cgroup: 0::/" PARENT "/hooked\n");
		/* crun 1.8.1 runs as a copy of itself in a memfd (CVE-2019-5736). */
		ASSERT_CONTAINS(info, "init exe: /memfd:crun");
		ASSERT_TRUE(!strstr(info, "busybox"));
		ASSERT_CONTAINS(info, "hook cgroup: 0::/\n");
	}
	/* createContainer and startContainer hooks run in the container's cgroup. */
	for (i = 2; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s.info", c.out, stages[i]);
		slurp_ok(path, info, sizeof(info));
		ASSERT_CONTAINS(info, "hook cgroup: 0::/" PARENT "/hooked\n");
	}
	cleanup_parent();
}

/* A string attribute of event ev, or "" without it. */
static const char *ev_str(const struct nlattr *ev, int type)
{
	const struct nlattr *a = rawgenl_nested(ev, type);

	return a ? (const char *)a + NLA_HDRLEN : "";
}

/* A number attribute of event ev (1 to 8 bytes), or 0 without it. */
static uint64_t ev_num(const struct nlattr *ev, int type)
{
	const struct nlattr *a = rawgenl_nested(ev, type);
	uint64_t v = 0;

	if (a && a->nla_len - NLA_HDRLEN <= 8)
		memcpy(&v, (const char *)a + NLA_HDRLEN, a->nla_len - NLA_HDRLEN);
	return v;	/* little-endian: the low bytes are the value */
}

/*
 * The events of profile, until 1 s passes without one, printed as TAP
 * comments; returns how many were of mounts.
 */
static int drain_events(int fd, const char *profile)
{
	static const char *const classes[] = { "?", "file", "cap", "net", "mount", "peer", "kernel" };
	static const char *const mount_ops[] = { "mount", "bind", "move", "remount", "umount",
						 "pivot_root" };
	struct rawgenl_msg m;
	int mounts = 0;

	while (rawgenl_next(fd, &m, 1000) > 0) {
		const struct nlattr *ev = rawgenl_attr(&m, CTRPOL_A_EVENT);
		uint64_t cls, want;
		char ops[64] = "";
		int i;

		if (!ev || strcmp(ev_str(ev, CTRPOL_EV_PROFILE), profile))
			continue;
		cls = ev_num(ev, CTRPOL_EV_CLASS);
		want = ev_num(ev, CTRPOL_EV_REQUESTED);
		if (cls == CTRPOL_RULE_MOUNT) {
			mounts++;
			for (i = 0; i < 6; i++)
				if (want & (1ULL << i))
					snprintf(ops + strlen(ops), sizeof(ops) - strlen(ops), "%s%s",
						 *ops ? "," : "", mount_ops[i]);
		} else {
			snprintf(ops, sizeof(ops), "%#llx", (unsigned long long)want);
		}
		printf("#   %s %s %s %s%s%s by %s\n", cls < 7 ? classes[cls] : "?", ops,
		       ev_str(ev, CTRPOL_EV_FSTYPE), ev_str(ev, CTRPOL_EV_PATH),
		       *ev_str(ev, CTRPOL_EV_SOURCE) ? " from " : "", ev_str(ev, CTRPOL_EV_SOURCE),
		       ev_str(ev, CTRPOL_EV_COMM));
	}
	return mounts;
}

/*
 * Run container c with command cmd, confined by profile: named by the
 * annotation io.ctrpol.profile, attached by `ctrpol oci-hook` at createRuntime.
 */
static void run_attached(struct ctr *c, const char *profile, const char *const *cmd,
			 struct cmd_result *r)
{
	char note[96];
	const char *opts[] = {
		"--annotation", note, "--hook", "createRuntime /bin/ctrpol oci-hook", NULL
	};

	snprintf(note, sizeof(note), "io.ctrpol.profile=%s", profile);
	bundle(c, opts, cmd);
	crun(r, "run", "--bundle", c->bundle, c->name);
}

/* Load "profile NAME { RULES }" (attached by a hook later). */
static void load(const char *name, const char *rules)
{
	static char blob[RAWGENL_BUF - 512];
	size_t size = compile_profile(name, rules, blob, sizeof(blob));
	int err = request_load(blob, size, 0);

	if (err)
		FAIL("loading %s: %s", name, strerror(-err));
}

static void unload(const char *name)
{
	int err = request_unload(name);

	if (err)
		FAIL("unloading %s: %s", name, strerror(-err));
}

TEST(a_profile_attached_at_createRuntime_confines_the_command_from_its_exec)
{
	static const char *const write_cmd[] = {
		"sh", "-c", "echo x >/mnt/forbidden || echo refused", NULL
	};
	static const char *const cmd[] = { "sh", "-c", "echo ran", NULL };
	char path[160];
	struct cmd_result r;
	struct ctr c;

	/* Rules name paths as the container sees them. */
	load("crunfile", "default allow\ndeny write,create /mnt/forbidden");
	ctr_init(&c, "file");
	run_attached(&c, "crunfile", write_cmd, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_STREQ(r.out, "refused\n");
	ASSERT_CONTAINS(r.err, "Permission denied");
	out_file(&c, "forbidden", path, sizeof(path));
	ASSERT_TRUE(access(path, F_OK) && errno == ENOENT);
	unload("crunfile");

	/* The command's own execve is checked: it never runs one instruction. */
	load("crunexec", "default allow\ndeny exec /bin/busybox");
	ctr_init(&c, "exec");
	run_attached(&c, "crunexec", cmd, &r);
	printf("# crun run, exec of the command denied: exit %d:\n", r.status);
	comment("  ", r.err);
	ASSERT_TRUE(r.status != 0);
	ASSERT_STREQ(r.out, "");
	ASSERT_CONTAINS(r.err, "Permission denied");
	unload("crunexec");

	/* A hook that fails stops the container: attaching cannot fail open. */
	ctr_init(&c, "nohook");
	run_attached(&c, "no-such-profile", cmd, &r);
	printf("# crun run, the hook failing: exit %d:\n", r.status);
	comment("  ", r.err);
	ASSERT_TRUE(r.status != 0);
	ASSERT_STREQ(r.out, "");
	cleanup_parent();
}

/* s with the first "from" replaced by "to", into out. */
static void replace(char *out, size_t size, const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);

	if (!p)
		FAIL("no \"%s\" in:\n%s", from, s);
	snprintf(out, size, "%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
}

TEST(the_container_profile_from_the_oci_hook_leaves_crun_its_setup)
{
	static const char *const cmd[] = {
		"sh", "-c", "set -eu; echo ran; unshare -U true 2>/dev/null || echo no userns", NULL
	};
	char src[4096], tmp[4096];
	struct cmd_result r;
	struct ctr c;
	int fd, n;

	/* policies/container-default.ctp in complain mode: what does it see of crun's set-up? */
	slurp_ok("/etc/ctrpol/policies/container-default.ctp", src, sizeof(src));
	replace(tmp, sizeof(tmp), src, "profile container-default", "profile crunprobe");
	replace(src, sizeof(src), tmp, "mode enforce", "mode complain");
	/* Beside container-default.ctp, for its include. */
	put_file("/etc/ctrpol/policies/crunprobe.ctp", src, 0644);
	run_ctrpol("load", "/etc/ctrpol/policies/crunprobe.ctp", NULL, NULL);
	unlink("/etc/ctrpol/policies/crunprobe.ctp");

	fd = rawgenl_open();
	n = 16 << 20;
	ASSERT_EQ(setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &n, sizeof(n)), 0);
	ASSERT_EQ(rawgenl_join(fd, CTRPOL_GENL_NAME, CTRPOL_MCGRP_EVENTS), 0);
	ctr_init(&c, "probe");
	run_attached(&c, "crunprobe", cmd, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_STREQ(r.out, "ran\n");
	/* crun's 30-odd mounts and its pivot_root ran before the exec: none was judged. */
	ASSERT_EQ(drain_events(fd, "crunprobe"), 0);
	close(fd);
	run_ctrpol("unload", "crunprobe", NULL, NULL);

	/* Enforced: the container runs, and its user namespace is refused. */
	run_ctrpol("load", "/etc/ctrpol/policies/container-default.ctp", NULL, NULL);
	ctr_init(&c, "enforced");
	run_attached(&c, "container-default", cmd, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_STREQ(r.out, "ran\nno userns\n");
	run_ctrpol("unload", "container-default", NULL, NULL);
	cleanup_parent();
}

/*
 * Two containers under two profiles, sharing the host's pid and network
 * namespaces (hostPID and hostNetwork pods): only the profiles stand between
 * them, and between them and the host.
 */
TEST(two_containers_under_two_profiles_are_kept_from_each_other_and_the_host)
{
	static const char *const offline_cmd[] = {
		/* The connect is refused: the test reads why in /mnt/net. */
		"sh", "-c", "set -eu; wget -q -O /dev/null http://127.0.0.1:1/ 2>/mnt/net || true; "
		"touch /mnt/started; exec sleep 600", NULL
	};
	static const char *const probe_cmd[] = {
		"sh", "-c", "set -eu; "
		"kill -USR1 $B 2>/dev/null && echo signalled B || echo B out of reach; "
		"kill -0 1 2>/dev/null && echo signalled the host || echo the host out of reach; "
		"cat /proc/$B/environ >/dev/null 2>&1 && echo read B || echo B unreadable; "
		"kill -0 $$ && echo itself in reach", NULL
	};
	static const char *const offline_opts[] = {
		"--host-pid", "--host-network", "--annotation", "io.ctrpol.profile=offline",
		"--hook", "createRuntime /bin/ctrpol oci-hook", NULL
	};
	char env[32], path[160], buf[256];
	const char *const probe_opts[] = {
		"--host-pid", "--host-network", "--annotation",
		"io.ctrpol.profile=container-default", "--hook", "createRuntime /bin/ctrpol oci-hook",
		"--env", env, NULL
	};
	struct cmd_result r;
	struct ctr a, b;
	pid_t bpid;

	ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	run_ctrpol("load", "--dir", "/etc/ctrpol/policies", NULL);

	/* B: offline, started and left running; its own connect was refused. */
	ctr_init(&b, "offline");
	bundle(&b, offline_opts, offline_cmd);
	crun_ok(&r, "create", "--bundle", b.bundle, b.name);
	crun_ok(&r, "start", b.name, NULL, NULL);
	out_file(&b, "started", path, sizeof(path));
	wait_for(path);
	bpid = state_pid(&b, "running");
	out_file(&b, "net", path, sizeof(path));
	slurp_ok(path, buf, sizeof(buf));
	ASSERT_CONTAINS(buf, "Permission denied");

	/* A: container-default, B's pid in its environment. */
	ctr_init(&a, "probe2");
	snprintf(env, sizeof(env), "B=%d", bpid);
	bundle(&a, probe_opts, probe_cmd);
	crun(&r, "run", "--bundle", a.bundle, a.name);
	ASSERT_EQ(r.status, 0);
	ASSERT_STREQ(r.out, "B out of reach\nthe host out of reach\nB unreadable\nitself in reach\n");
	/* B is untouched, and the host reaches it. */
	ASSERT_EQ(state_pid(&b, "running"), bpid);
	ASSERT_EQ(kill(bpid, 0), 0);

	crun_ok(&r, "delete", "--force", b.name, NULL);
	ASSERT_EQ(waitpid(bpid, NULL, 0), bpid);
	run_ctrpol("unload", "batch", "container-default", "offline");
	run_ctrpol("unload", "web", NULL, NULL);
	cleanup_parent();
}

/*
 * A second createRuntime hook, after `ctrpol oci-hook`: list.sh DIR keeps
 * what the host sees once the hook is done, the init's cgroup and
 * `ctrpol list`, in DIR/init-cgroup and DIR/list.
 */
static const char list_script[] =
	"#!/bin/sh\n"
	"set -eu\n"
	"pid=$(sed -n 's/.*\"pid\": *\\([0-9]*\\).*/\\1/p')\n"
	"cat /proc/$pid/cgroup >$1/init-cgroup\n"
	"/bin/ctrpol list >$1/list\n";

/* rmdir every directory of cgroup path (under CGROUP_ROOT), the deepest first. */
static void remove_cgroup_path(const char *path)
{
	char dir[192];
	char *slash;

	snprintf(dir, sizeof(dir), CGROUP_ROOT "%s", path);
	while ((slash = strrchr(dir, '/')) && slash > dir + strlen(CGROUP_ROOT)) {
		if (rmdir(dir) && errno != ENOENT)
			FAIL("rmdir %s: %s", dir, strerror(errno));
		*slash = '\0';
	}
}

/* Whether `ctrpol list` text shows profile attached on exec at cgroup path. */
static bool listed_on_exec(const char *list, const char *profile, const char *path)
{
	const char *p, *end, *at;
	char line[512];
	size_t n;

	for (p = list; *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, '\n');
		snprintf(line, sizeof(line), "%.*s", (int)(end - p), p);
		at = strstr(line, path);
		n = strlen(line);
		if (at && at[strlen(path)] == ' ' && strstr(line, profile) &&
		    n > strlen("(on exec)") && !strcmp(line + n - strlen("(on exec)"), "(on exec)"))
			return true;
	}
	return false;
}

/*
 * The cgroup layouts an operator's runtimes make, as linux.cgroupsPath:
 * cgroupfs ones, and the paths that a systemd cgroup driver's scopes end up
 * at (made here by crun's cgroupfs manager: this guest has no systemd).
 */
static const struct layout {
	const char *runtime;
	const char *path;
} layouts[] = {
	{ "crun, cgroupfs", "/" PARENT "/plain" },
	{ "podman, systemd driver",
	  "/machine.slice/libpod-3f2a9c1e5b7d4f60a8e2c4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5.scope" },
	{ "kubelet and containerd, systemd driver",
	  "/kubepods.slice/kubepods-besteffort.slice/"
	  "kubepods-besteffort-pod0a1b2c3d_4e5f_6789_abcd_ef0123456789.slice/"
	  "cri-containerd-9c8b7a6f5e4d.scope" },
	{ "kubelet, cgroupfs driver",
	  "/kubepods/burstable/pod0a1b2c3d-4e5f-6789-abcd-ef0123456789/9c8b7a6f5e4d" },
};

TEST(the_oci_hook_confines_a_container_under_every_cgroup_layout)
{
	static const char *const cmd[] = {
		"sh", "-c", "echo x >/mnt/forbidden 2>/dev/null && echo wrote || echo refused", NULL
	};
	char script[160], list_hook[400], path[160], buf[2048], want[200];
	struct cmd_result r;
	struct ctr c;
	size_t i;
	int confined;

	load("crunpaths", "default allow\ndeny write,create /mnt/forbidden");
	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		/* Without the hook first, the control: the write goes through. */
		for (confined = 0; confined < 2; confined++) {
			const char *opts[] = {
				"--hook", list_hook, NULL, NULL, NULL, NULL, NULL
			};

			ctr_init(&c, confined ? "layout" : "control");
			snprintf(c.cgroup, sizeof(c.cgroup), "%s", layouts[i].path);
			out_file(&c, "list.sh", script, sizeof(script));
			put_file(script, list_script, 0755);
			out_file(&c, "forbidden", path, sizeof(path));
			unlink(path);
			if (confined) {
				/* Hooks of a stage run in order: ctrpol's, then list.sh. */
				opts[0] = "--annotation";
				opts[1] = "io.ctrpol.profile=crunpaths";
				opts[2] = "--hook";
				opts[3] = "createRuntime /bin/ctrpol oci-hook";
				opts[4] = "--hook";
				opts[5] = list_hook;
			}
			snprintf(list_hook, sizeof(list_hook), "createRuntime /bin/sh %s %s", script,
				 c.out);
			bundle(&c, opts, cmd);
			crun(&r, "run", "--bundle", c.bundle, c.name);
			printf("# %s%s: crun run: exit %d, %s", layouts[i].runtime,
			       confined ? "" : " (control)", r.status, r.out);
			ASSERT_EQ(r.status, 0);
			ASSERT_STREQ(r.out, confined ? "refused\n" : "wrote\n");
			ASSERT_EQ(access(path, F_OK) ? errno : 0, confined ? ENOENT : 0);

			/* The init was in the layout's cgroup, which had the profile. */
			out_file(&c, "init-cgroup", path, sizeof(path));
			slurp_ok(path, buf, sizeof(buf));
			snprintf(want, sizeof(want), "0::%s\n", layouts[i].path);
			ASSERT_STREQ(buf, want);
			out_file(&c, "list", path, sizeof(path));
			slurp_ok(path, buf, sizeof(buf));
			if (confined)
				comment("  ", buf);
			ASSERT_EQ(listed_on_exec(buf, "crunpaths", layouts[i].path), confined);

			/* crun removed the cgroup: no listing names it any more. */
			run_cmd((char *[]){ "ctrpol", "list", NULL }, AS_CALLER, &r);
			ASSERT_EQ(r.status, 0);
			ASSERT_TRUE(!strstr(r.out, layouts[i].path));
		}
		remove_cgroup_path(layouts[i].path);
	}
	unload("crunpaths");
}

/*
 * kill.sh WHEN: a createRuntime hook killed by SIGKILL, before `ctrpol
 * oci-hook` ran, or once it had attached (then `ctrpol list` is kept in
 * the directory given as $2).  One netlink request attaches: a kill at any
 * point of the hook leaves one of these two states.
 */
static const char kill_script[] =
	"#!/bin/sh\n"
	"set -eu\n"
	"if [ $1 = after ]; then\n"
	"	/bin/ctrpol oci-hook\n"
	"	/bin/ctrpol list >$2/list\n"
	"fi\n"
	"kill -KILL $$\n";

TEST(a_container_whose_oci_hook_is_killed_does_not_start)
{
	static const char *const cmd[] = { "sh", "-c", "touch /mnt/ran; echo ran", NULL };
	static const char *const when[] = { "before", "after" };
	char script[160], hook[400], path[256], buf[2048];
	const char *opts[] = {
		"--annotation", "io.ctrpol.profile=crunkill", "--hook", hook, NULL
	};
	struct cmd_result r;
	struct ctr c;
	size_t i;

	load("crunkill", "default allow");
	for (i = 0; i < 2; i++) {
		ctr_init(&c, when[i]);
		out_file(&c, "kill.sh", script, sizeof(script));
		put_file(script, kill_script, 0755);
		snprintf(hook, sizeof(hook), "createRuntime /bin/sh %s %s %s", script, when[i],
			 c.out);
		bundle(&c, opts, cmd);
		crun(&r, "run", "--bundle", c.bundle, c.name);
		printf("# the hook killed %s attaching: crun run: exit %d:\n", when[i], r.status);
		comment("  ", r.err);
		ASSERT_TRUE(r.status != 0);
		ASSERT_STREQ(r.out, "");
		/* The command never ran, confined or not. */
		out_file(&c, "ran", path, sizeof(path));
		ASSERT_TRUE(access(path, F_OK) && errno == ENOENT);
		if (i) {
			/* It had been attached when the hook died... */
			out_file(&c, "list", path, sizeof(path));
			slurp_ok(path, buf, sizeof(buf));
			ASSERT_TRUE(listed_on_exec(buf, "crunkill", c.cgroup));
		}
		/* ...and crun removed the cgroup: neither it nor an attachment is left. */
		snprintf(path, sizeof(path), CGROUP_ROOT "%s", c.cgroup);
		ASSERT_TRUE(access(path, F_OK) && errno == ENOENT);
		run_cmd((char *[]){ "ctrpol", "list", NULL }, AS_CALLER, &r);
		ASSERT_EQ(r.status, 0);
		ASSERT_TRUE(!strstr(r.out, c.cgroup));
	}
	unload("crunkill");
	cleanup_parent();
}
