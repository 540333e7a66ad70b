// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/klog.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>

#include "attempts.h"

static int err_of(long ret)
{
	return ret < 0 ? errno : 0;
}

int attempt_kill(const void *target)
{
	const struct target *t = target;

	return err_of(kill(t->pid, t->sig));
}

int attempt_ptrace_attach(const void *target)
{
	const struct target *t = target;

	if (ptrace(PTRACE_ATTACH, t->pid, NULL, NULL))
		return errno;
	waitpid(t->pid, NULL, __WALL);
	ptrace(PTRACE_DETACH, t->pid, NULL, NULL);
	return 0;
}

int attempt_read_environ(const void *target)
{
	const struct target *t = target;
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/environ", t->pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

int attempt_bpf(const void *unused)
{
	union bpf_attr attr = { .map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4,
				.value_size = 4, .max_entries = 1 };

	(void)unused;
	return err_of(syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr)));
}

int attempt_perf(const void *unused)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_SOFTWARE, .size = sizeof(attr),
					.config = PERF_COUNT_SW_TASK_CLOCK, .disabled = 1,
					.exclude_kernel = 1 };

	(void)unused;
	return err_of(syscall(__NR_perf_event_open, &attr, 0, -1, -1, 0));
}

int attempt_userns(const void *unused)
{
	(void)unused;
	return err_of(unshare(CLONE_NEWUSER));
}

int attempt_keyctl(const void *unused)
{
	(void)unused;
	return err_of(syscall(__NR_add_key, "user", "ctrpol", "v", 1, KEY_SPEC_PROCESS_KEYRING));
}

int attempt_syslog(const void *unused)
{
	(void)unused;
	return err_of(klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0));
}

int attempt_init_module(const void *unused)
{
	static const char junk[64] = "not an ELF file";

	(void)unused;
	return err_of(syscall(__NR_init_module, junk, sizeof(junk), ""));
}

int attempt_open_write(const void *path)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}
