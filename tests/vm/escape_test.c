// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: the escape suite.  Root in a cgroup confined by the shipped
 * default container profile (policies/container.ctp) tries each classic way
 * out of a container; each must fail there and work for unconfined root,
 * so that a failure is the profile's doing, not the test's.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/bpf.h>

#include "confine.h"
#include "harness.h"

#define POLICY "/etc/ctrpol/policies/container.ctp"

static pid_t host_task, other_task;	/* outside the container */

static int ret_errno(long ret)
{
	return ret < 0 ? errno : 0;
}

static int mount_proc(const void *arg)
{
	(void)arg;
	mkdir("/tmp/esc-proc", 0755);
	if (mount("proc", "/tmp/esc-proc", "proc", 0, NULL))
		return errno;
	umount2("/tmp/esc-proc", MNT_DETACH);
	return 0;
}

/* Open a file for writing, without writing: the access is what counts. */
static int open_write(const void *path)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int core_pattern(const void *arg)
{
	(void)arg;
	return open_write("/proc/sys/kernel/core_pattern");
}

static int sysrq_trigger(const void *arg)
{
	(void)arg;
	return open_write("/proc/sysrq-trigger");
}

static int release_agent(const void *arg)
{
	(void)arg;
	return open_write("/tmp/esc-cg1/release_agent");
}

static int load_module(const void *arg)
{
	static const char junk[64] = "not a module";

	(void)arg;
	/* Unconfined the kernel reads the image and rejects it: not EPERM. */
	return syscall(__NR_init_module, junk, sizeof(junk), "") && errno == EPERM ? EPERM : 0;
}

static int raw_socket(const void *arg)
{
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	(void)arg;
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int packet_socket(const void *arg)
{
	int fd = socket(AF_PACKET, SOCK_RAW, 0);

	(void)arg;
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int signal_host(const void *arg)
{
	(void)arg;
	return ret_errno(kill(host_task, SIGUSR1));
}

static int ptrace_host(const void *arg)
{
	(void)arg;
	if (ptrace(PTRACE_ATTACH, host_task, NULL, NULL))
		return errno;
	waitpid(host_task, NULL, __WALL);
	ptrace(PTRACE_DETACH, host_task, NULL, NULL);
	return 0;
}

static int other_environ(const void *arg)
{
	char path[64];
	int fd;

	(void)arg;
	snprintf(path, sizeof(path), "/proc/%d/environ", other_task);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int user_namespace(const void *arg)
{
	(void)arg;
	return ret_errno(unshare(CLONE_NEWUSER));
}

static int call_bpf(const void *arg)
{
	union bpf_attr attr = { .map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4,
				.value_size = 4, .max_entries = 1 };

	(void)arg;
	return ret_errno(syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr)));
}

static const struct escape {
	const char *name;
	int (*attempt)(const void *arg);
} escapes[] = {
	{ "mount procfs elsewhere", mount_proc },
	{ "write /proc/sys/kernel/core_pattern", core_pattern },
	{ "write /proc/sysrq-trigger", sysrq_trigger },
	{ "write a cgroup v1 release_agent", release_agent },
	{ "load a kernel module", load_module },
	{ "open a raw socket", raw_socket },
	{ "open a packet socket", packet_socket },
	{ "signal a host process", signal_host },
	{ "ptrace a host process", ptrace_host },
	{ "read another container's /proc/PID/environ", other_environ },
	{ "create a user namespace", user_namespace },
	{ "call bpf()", call_bpf },
};

TEST(every_escape_fails_under_the_default_container_profile)
{
	unsigned int failed = 0;
	size_t i;

	mkdir("/tmp/esc-cg1", 0755);
	if (mount("cgroup", "/tmp/esc-cg1", "cgroup", 0, "none,name=escape"))
		FAIL("mounting a cgroup v1 hierarchy: %s", strerror(errno));
	cgroup_create("escape");
	cgroup_create("escape-other");
	run_ctrpol("load", POLICY, NULL, NULL);
	run_ctrpol("attach", "container", "--cgroup", CGROUP_ROOT "/escape");
	host_task = park_in(NULL);
	other_task = park_in("escape-other");
	run_ctrpol("attach", "container", "--cgroup", CGROUP_ROOT "/escape-other");
	for (i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
		int confined = run_in("escape", AS_CALLER, escapes[i].attempt, NULL);
		int unconfined = run_in(NULL, AS_CALLER, escapes[i].attempt, NULL);

		if (!confined || unconfined) {
			printf("# %s: confined %s, unconfined %s\n", escapes[i].name,
			       confined ? strerror(confined) : "WORKED",
			       unconfined ? strerror(unconfined) : "works");
			failed++;
		}
	}
	kill(host_task, SIGKILL);
	kill(other_task, SIGKILL);
	waitpid(host_task, NULL, 0);
	waitpid(other_task, NULL, 0);
	run_ctrpol("detach", "--cgroup", CGROUP_ROOT "/escape", NULL);
	run_ctrpol("detach", "--cgroup", CGROUP_ROOT "/escape-other", NULL);
	run_ctrpol("unload", "container", NULL, NULL);
	umount2("/tmp/esc-cg1", MNT_DETACH);
	if (failed)
		FAIL("%u of %zu escapes are not stopped as they should be", failed,
		     sizeof(escapes) / sizeof(escapes[0]));
}
