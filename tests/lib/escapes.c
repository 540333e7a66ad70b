// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <unistd.h>

#include "attempts.h"
#include "escapes.h"

static int mount_proc(const void *arg)
{
	(void)arg;
	mkdir("/tmp/esc-proc", 0755);
	if (mount("proc", "/tmp/esc-proc", "proc", 0, NULL))
		return errno;
	umount2("/tmp/esc-proc", MNT_DETACH);
	return 0;
}

static int load_module(const void *arg)
{
	/* Unconfined the kernel reads the image and rejects it: not EPERM. */
	return attempt_init_module(arg) == EPERM ? EPERM : 0;
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

const struct escape escapes_alone[] = {
	{ "mount procfs elsewhere", mount_proc, NULL },
	{ "write /proc/sys/kernel/core_pattern", attempt_open_write, "/proc/sys/kernel/core_pattern" },
	{ "write /proc/sysrq-trigger", attempt_open_write, "/proc/sysrq-trigger" },
	{ "load a kernel module", load_module, NULL },
	{ "open a raw socket", raw_socket, NULL },
	{ "open a packet socket", packet_socket, NULL },
	{ "create a user namespace", attempt_userns, NULL },
	{ "call bpf()", attempt_bpf, NULL },
};

const size_t escapes_alone_count = sizeof(escapes_alone) / sizeof(escapes_alone[0]);
