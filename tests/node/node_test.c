// SPDX-License-Identifier: GPL-2.0
/*
 * On the node (make check-node): Debian 12 booted by systemd on the node
 * kernel, ctrpol installed as an operator installs it.  Containers are
 * started the normal way, by podman with crun and runc under both cgroup
 * managers, and the escape probe (escape_probe.c) inside each says what got
 * out.  A container carrying the annotation must have every escape refused,
 * the same container without it must have every one work (--privileged
 * turns podman's own defences off, so that what is refused is ctrpol's
 * doing).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escapes.h"
#include "harness.h"

#define PROBE_IMAGE "localhost/ctrpol-probe"
#define PROBE "/usr/local/libexec/ctrpol-tests/escape_probe"
#define ESCAPES ((int)escapes_alone_count)

static void run(struct cmd_result *r, const char *cmd)
{
	char *const argv[] = { "sh", "-c", (char *)cmd, NULL };

	run_cmd(argv, AS_CALLER, r);
}

static void run_ok(struct cmd_result *r, const char *cmd)
{
	run(r, cmd);
	if (r->status)
		FAIL("'%s' exited %d:\n%s%s", cmd, r->status, r->out, r->err);
}

/* A systemd property of a unit, e.g. "ActiveState": its value, in buf. */
static const char *unit_property(const char *unit, const char *prop, char *buf, size_t size)
{
	struct cmd_result r;
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "systemctl show --value -p %s %s", prop, unit);
	run_ok(&r, cmd);
	r.out[strcspn(r.out, "\n")] = '\0';
	snprintf(buf, size, "%.*s", (int)size - 1, r.out);
	return buf;
}

/* The probe as a local image: its binary, static, in an otherwise empty root. */
static void probe_image(void)
{
	struct cmd_result r;

	run(&r, "podman image exists " PROBE_IMAGE);
	if (!r.status)
		return;
	run_ok(&r, "rm -rf /tmp/probe-root && mkdir -p /tmp/probe-root/tmp && "
		   "cp " PROBE " /tmp/probe-root/probe && "
		   "tar -C /tmp/probe-root -cf /tmp/probe.tar . && "
		   "podman import -q /tmp/probe.tar " PROBE_IMAGE);
}

/* What the probe's report (text, changed) says: escapes that worked and were refused. */
struct report {
	int worked, refused;
};

static struct report count_report(char *text, bool show)
{
	struct report rep = { 0, 0 };
	char *line, *save;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (show)
			printf("#   %s\n", line);
		rep.worked += !strncmp(line, "worked ", 7);
		rep.refused += !strncmp(line, "refused ", 8);
	}
	return rep;
}

/* Run cmd, which runs the probe in a container: how many escapes worked. */
static int escapes_that_worked(const char *cmd)
{
	struct cmd_result r;
	struct report rep;

	run_ok(&r, cmd);
	printf("# %s:\n", cmd);
	rep = count_report(r.out, true);
	if (rep.worked + rep.refused != ESCAPES)
		FAIL("the probe reported %d escapes of %d", rep.worked + rep.refused, ESCAPES);
	return rep.worked;
}

/*
 * Run the probe in a privileged podman container with runtime and cgroup
 * manager, annotated with profile unless it is NULL: how many escapes worked.
 */
static int probe_in_podman(const char *runtime, const char *manager, const char *profile)
{
	char cmd[512], annotation[128] = "";

	probe_image();
	if (profile)
		snprintf(annotation, sizeof(annotation), "--annotation io.ctrpol.profile=%s", profile);
	snprintf(cmd, sizeof(cmd), "podman --runtime %s --cgroup-manager %s run --rm --privileged "
		 "--network none %s " PROBE_IMAGE " /probe", runtime, manager, annotation);
	return escapes_that_worked(cmd);
}

/* How a suite's runtime starts the probe: its runtime, and podman's cgroup manager. */
struct runtime {
	int (*probe)(const struct runtime *rt, const char *profile);
	const char *runtime, *manager;
};

/*
 * The probe started by rt without a profile has every escape work (else the
 * control proves nothing), with container-default none; the container's
 * removal takes its cgroup and so its attachment.
 */
static void confines(const struct runtime *rt)
{
	struct cmd_result r;
	int worked;

	worked = rt->probe(rt, NULL);
	if (worked != ESCAPES)
		FAIL("without the hook's annotation only %d of %d escapes work: the control proves "
		     "nothing", worked, ESCAPES);
	worked = rt->probe(rt, "container-default");
	if (worked)
		FAIL("with io.ctrpol.profile=container-default, %d of %d escapes work", worked,
		     ESCAPES);
	run_ok(&r, "ctrpol list");
	ASSERT_CONTAINS(r.out, "no cgroup has a profile attached");
}

static int podman_probe(const struct runtime *rt, const char *profile)
{
	return probe_in_podman(rt->runtime, rt->manager, profile);
}

static void podman_confines(const char *runtime, const char *manager)
{
	const struct runtime rt = { podman_probe, runtime, manager };

	confines(&rt);
}

/* Every capability of this kernel's ABI, for a spec that keeps them all. */
#define ALL_CAPS "\"CAP_CHOWN\",\"CAP_DAC_OVERRIDE\",\"CAP_DAC_READ_SEARCH\",\"CAP_FOWNER\"," \
	"\"CAP_FSETID\",\"CAP_KILL\",\"CAP_SETGID\",\"CAP_SETUID\",\"CAP_SETPCAP\"," \
	"\"CAP_LINUX_IMMUTABLE\",\"CAP_NET_BIND_SERVICE\",\"CAP_NET_BROADCAST\",\"CAP_NET_ADMIN\"," \
	"\"CAP_NET_RAW\",\"CAP_IPC_LOCK\",\"CAP_IPC_OWNER\",\"CAP_SYS_MODULE\",\"CAP_SYS_RAWIO\"," \
	"\"CAP_SYS_CHROOT\",\"CAP_SYS_PTRACE\",\"CAP_SYS_PACCT\",\"CAP_SYS_ADMIN\",\"CAP_SYS_BOOT\"," \
	"\"CAP_SYS_NICE\",\"CAP_SYS_RESOURCE\",\"CAP_SYS_TIME\",\"CAP_SYS_TTY_CONFIG\",\"CAP_MKNOD\"," \
	"\"CAP_LEASE\",\"CAP_AUDIT_WRITE\",\"CAP_AUDIT_CONTROL\",\"CAP_SETFCAP\",\"CAP_MAC_OVERRIDE\"," \
	"\"CAP_MAC_ADMIN\",\"CAP_SYSLOG\",\"CAP_WAKE_ALARM\",\"CAP_BLOCK_SUSPEND\",\"CAP_AUDIT_READ\"," \
	"\"CAP_PERFMON\",\"CAP_BPF\",\"CAP_CHECKPOINT_RESTORE\""

/*
 * Run the probe with containerd's ctr and runc, from a runtime spec written
 * here as a runtime's user would: every capability, no seccomp, no AppArmor,
 * writable /proc/sys, and, when profile is not NULL, the hook and the
 * annotation.  Returns how many escapes worked.
 */
static int probe_in_ctr(const struct runtime *rt, const char *profile)
{
	static unsigned int n;
	char hook[512] = "", cmd[512];
	FILE *f;

	probe_image();
	if (profile)
		snprintf(hook, sizeof(hook), "\"hooks\": { \"createRuntime\": [ { "
			 "\"path\": \"/usr/local/sbin/ctrpol\", \"args\": [\"ctrpol\", \"oci-hook\"] } ] }, "
			 "\"annotations\": { \"io.ctrpol.profile\": \"%s\" }, ", profile);
	f = fopen("/tmp/ctr-spec.json", "w");
	if (!f)
		FAIL("writing /tmp/ctr-spec.json: %m");
	fprintf(f, "{ \"ociVersion\": \"1.0.2\", %s"
		"\"process\": { \"args\": [\"/probe\"], \"cwd\": \"/\", \"env\": [\"PATH=/\"], "
		"\"user\": { \"uid\": 0, \"gid\": 0 }, \"capabilities\": { "
		"\"bounding\": [" ALL_CAPS "], \"effective\": [" ALL_CAPS "], "
		"\"permitted\": [" ALL_CAPS "] } }, "
		"\"root\": { \"path\": \"/tmp/probe-root\" }, \"hostname\": \"probe\", "
		"\"mounts\": [ { \"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\" }, "
		"{ \"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\" }, "
		"{ \"destination\": \"/sys\", \"type\": \"sysfs\", \"source\": \"sysfs\" } ], "
		"\"linux\": { \"namespaces\": [ { \"type\": \"pid\" }, { \"type\": \"ipc\" }, "
		"{ \"type\": \"uts\" }, { \"type\": \"mount\" }, { \"type\": \"network\" } ] } }\n", hook);
	fclose(f);
	/* With --config, the spec names the root: only the container's id follows. */
	snprintf(cmd, sizeof(cmd), "ctr run --rm --runtime io.containerd.%s.v2 "
		 "--config /tmp/ctr-spec.json probe-%u", rt->runtime, n++);
	return escapes_that_worked(cmd);
}

TEST(the_node_reaches_multi_user_with_no_failed_unit)
{
	struct cmd_result r, failed;

	run(&r, "systemctl is-system-running --wait");
	run(&failed, "systemctl --failed --no-legend --plain");
	if (r.status || strcmp(r.out, "running\n"))
		FAIL("the system is %s, failed units:\n%s", r.out, failed.out);
	ASSERT_STREQ(failed.out, "");
}

TEST(ctrpol_load_service_loaded_every_profile_before_containerd_started)
{
	char state[64], result[64], loaded[64], started[64];
	struct cmd_result r;

	ASSERT_STREQ(unit_property("ctrpol-load.service", "ActiveState", state, sizeof(state)),
		     "active");
	ASSERT_STREQ(unit_property("ctrpol-load.service", "Result", result, sizeof(result)),
		     "success");
	run_ok(&r, "ctrpol list");
	ASSERT_CONTAINS(r.out, "container-default");
	ASSERT_CONTAINS(r.out, "web");
	unit_property("ctrpol-load.service", "ExecMainExitTimestampMonotonic", loaded,
		      sizeof(loaded));
	unit_property("containerd.service", "ExecMainStartTimestampMonotonic", started,
		      sizeof(started));
	if (!strtoull(loaded, NULL, 10) || strtoull(loaded, NULL, 10) >= strtoull(started, NULL, 10))
		FAIL("ctrpol-load.service ended at %s us, containerd started at %s us", loaded,
		     started);
}

TEST(podman_with_crun_and_the_systemd_driver_confines_an_annotated_container)
{
	podman_confines("crun", "systemd");
}

TEST(podman_with_crun_and_the_cgroupfs_driver_confines_an_annotated_container)
{
	podman_confines("crun", "cgroupfs");
}

TEST(podman_with_runc_and_the_systemd_driver_confines_an_annotated_container)
{
	podman_confines("runc", "systemd");
}

TEST(podman_with_runc_and_the_cgroupfs_driver_confines_an_annotated_container)
{
	podman_confines("runc", "cgroupfs");
}

TEST(containerd_with_runc_confines_a_container_whose_spec_carries_the_hook)
{
	const struct runtime rt = { probe_in_ctr, "runc", NULL };

	confines(&rt);
}

#define MONITOR_OUT "/tmp/monitor.json"

/* The whole of MONITOR_OUT, in a static buffer ("" before it has anything). */
static const char *monitor_said(void)
{
	static char text[1 << 16];

	read_text(MONITOR_OUT, text, sizeof(text));
	return text;
}

TEST(monitor_json_shows_a_podman_containers_denials_with_its_systemd_scope)
{
	static const char *const wants[] = {
		"\"profile\":\"container-default\"", "\"cgroup\":\"/machine.slice/libpod-",
		"\"comm\":\"probe\"", "\"verdict\":\"denied\"",
	};
	int status, tries;
	size_t i;
	pid_t pid;

	pid = fork_child();
	if (!pid) {
		int fd = open(MONITOR_OUT, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(120);
		execlp("ctrpol", "ctrpol", "monitor", "--json", "--profile", "container-default",
		       (char *)NULL);
		_exit(121);
	}
	/* The first container may start before the monitor joined: run until it shows one. */
	for (tries = 0; tries < 5 && !strstr(monitor_said(), "\"comm\":\"probe\""); tries++)
		if (probe_in_podman("crun", "systemd", "container-default"))
			FAIL("escapes worked in the confined container");
	ASSERT_EQ(kill(pid, SIGTERM), 0);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	printf("# %.*s\n", (int)strcspn(monitor_said(), "\n"), monitor_said());
	for (i = 0; i < sizeof(wants) / sizeof(wants[0]); i++)
		ASSERT_CONTAINS(monitor_said(), wants[i]);
}

TEST(a_profile_that_does_not_compile_fails_the_unit_visibly_and_its_containers_do_not_start)
{
	struct cmd_result r;
	FILE *f = fopen("/etc/ctrpol/zz-broken.ctp", "w");

	if (!f)
		FAIL("writing /etc/ctrpol/zz-broken.ctp: %m");
	fputs("profile broken {\n    mode enforce\n    default allow\n    allow bogus /x\n}\n", f);
	fclose(f);
	run(&r, "systemctl restart ctrpol-load.service");
	ASSERT_TRUE(r.status != 0);
	run(&r, "systemctl is-failed ctrpol-load.service");
	ASSERT_STREQ(r.out, "failed\n");
	run_ok(&r, "journalctl -b -u ctrpol-load.service --no-pager -o cat");
	ASSERT_CONTAINS(r.out, "/etc/ctrpol/zz-broken.ctp:4:11: error: unknown permission 'bogus'");
	/* Its containers fail closed: the hook refuses, the command never runs. */
	probe_image();
	run(&r, "podman run --rm --privileged --network none --annotation io.ctrpol.profile=broken "
		PROBE_IMAGE " /probe");
	printf("# podman: exit %d\n%s", r.status, r.err);
	ASSERT_TRUE(r.status != 0);
	if (strstr(r.out, "given "))
		FAIL("the container's command ran:\n%s", r.out);
	unlink("/etc/ctrpol/zz-broken.ctp");
	run_ok(&r, "systemctl reset-failed ctrpol-load.service");
}

/* What the held container's log says, over all its runs. */
static struct report held_report(void)
{
	struct cmd_result r;

	run_ok(&r, "podman logs held");
	return count_report(r.out, false);
}

static bool held_reported(const void *runs)
{
	struct report rep = held_report();

	return rep.worked + rep.refused >= *(const int *)runs * ESCAPES;
}

TEST(podman_restart_keeps_a_container_confined_and_rm_leaves_no_attachment)
{
	static const int once = 1, twice = 2;
	struct cmd_result r;
	struct report rep;

	probe_image();
	run_ok(&r, "podman run -d --name held --privileged --network none "
		   "--annotation io.ctrpol.profile=container-default " PROBE_IMAGE " /probe hold");
	wait_until(held_reported, &once, 120, "the held container's first report");
	run_ok(&r, "ctrpol list");
	ASSERT_CONTAINS(r.out, "/machine.slice/libpod-");
	run_ok(&r, "podman restart held");
	wait_until(held_reported, &twice, 120, "the held container's report after its restart");
	rep = held_report();
	ASSERT_EQ(rep.worked, 0);
	ASSERT_EQ(rep.refused, 2 * ESCAPES);
	run_ok(&r, "podman rm -f held");
	run_ok(&r, "ctrpol list");
	ASSERT_CONTAINS(r.out, "no cgroup has a profile attached");
}
