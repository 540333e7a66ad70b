// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: events.  Every field of what a denied open, exec, connect,
 * capability, mount and signal send to the multicast group; the audit record
 * of a denial; and a flood of denials: nothing lost below the rate limit,
 * every loss counted above it, and the system still answering meanwhile.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/ctrpol.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "attempts.h"
#include "confine.h"
#include "harness.h"
#include "loopback.h"
#include "rawgenl.h"

#define SECRET "/tmp/ev-secret"
#define PROGRAM "/tmp/ev-program"
#define MOUNTPOINT "/tmp/ev-mnt"
/* Where the guest keeps this program: a root to chroot into that has it. */
#define TEST_ROOT "/tests"

/* Who acted: the child in the container writes its pid here, shared with the test. */
static pid_t *actor;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void setup(void)
{
	if (!actor) {
		actor = mmap(NULL, sizeof(*actor), PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		ASSERT_TRUE(actor != MAP_FAILED);
	}
	put_file(SECRET, "secret\n", 0644);
	put_file(PROGRAM, "#!/bin/sh\n", 0755);
	mkdir(MOUNTPOINT, 0755);
}

/* A socket that receives every event, with room for a flood of them. */
static int events_socket(void)
{
	int fd = rawgenl_open(), size = 16 << 20;

	ASSERT_EQ(setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)), 0);
	ASSERT_EQ(rawgenl_join(fd, CTRPOL_GENL_NAME, CTRPOL_MCGRP_EVENTS), 0);
	return fd;
}

/* An attribute of an event: its payload, or NULL when the event lacks it. */
static const void *field(const struct nlattr *ev, int type, size_t *len)
{
	const struct nlattr *a = rawgenl_nested(ev, type);

	if (!a)
		return NULL;
	*len = a->nla_len - NLA_HDRLEN;
	return (const char *)a + NLA_HDRLEN;
}

static const char *str_field(const struct nlattr *ev, int type)
{
	size_t len;
	const char *s = field(ev, type, &len);

	if (s && (!len || s[len - 1]))
		FAIL("event attribute %d is not NUL-terminated", type);
	return s;
}

static bool has_field(const struct nlattr *ev, int type)
{
	size_t len;

	return field(ev, type, &len) != NULL;
}

/* A number, of whatever width the ABI gives it; the event must have it. */
static uint64_t num_field(const struct nlattr *ev, int type)
{
	uint64_t v64 = 0;
	uint32_t v32;
	uint16_t v16;
	size_t len;
	const void *p = field(ev, type, &len);

	if (!p)
		FAIL("the event lacks attribute %d", type);
	switch (len) {
	case 1:
		return *(const uint8_t *)p;
	case 2:
		memcpy(&v16, p, 2);
		return v16;
	case 4:
		memcpy(&v32, p, 4);
		return v32;
	case 8:
		memcpy(&v64, p, 8);
		return v64;
	}
	FAIL("event attribute %d has %zu bytes", type, len);
	return 0;
}

/* The next event of profile (others are skipped), into m; fails after 5 s without one. */
static const struct nlattr *next_event(int fd, struct rawgenl_msg *m, const char *profile)
{
	const struct nlattr *ev;
	int n;

	for (;;) {
		n = rawgenl_next(fd, m, 5000);
		if (n <= 0)
			FAIL("no event of profile %s: %s", profile, n ? strerror(-n) : "timeout");
		ev = rawgenl_attr(m, CTRPOL_A_EVENT);
		if (!ev)
			FAIL("a message of the events group without CTRPOL_A_EVENT");
		if (!strcmp(str_field(ev, CTRPOL_EV_PROFILE), profile))
			return ev;
	}
}

static void self(char *exe, size_t exe_size, char *comm, size_t comm_size)
{
	ssize_t n = readlink("/proc/self/exe", exe, exe_size - 1);
	FILE *f = fopen("/proc/self/comm", "r");

	ASSERT_TRUE(n > 0 && f);
	exe[n] = '\0';
	ASSERT_TRUE(fgets(comm, comm_size, f));
	comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

/* What every denial's event says of who did it, when, and under which profile. */
static void check_subject(const struct nlattr *ev, const struct confined *c, uint64_t before)
{
	char exe[256], comm[32], cgroup[160];

	self(exe, sizeof(exe), comm, sizeof(comm));
	snprintf(cgroup, sizeof(cgroup), "/%s", c->cgroup);
	ASSERT_TRUE(num_field(ev, CTRPOL_EV_TIME) >= before);
	ASSERT_TRUE(num_field(ev, CTRPOL_EV_TIME) <= now_ns());
	ASSERT_EQ(num_field(ev, CTRPOL_EV_VERDICT), CTRPOL_VERDICT_DENIED);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_PROFILE), c->name);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_CGROUP_ID), c->id);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_CGROUP_PATH), cgroup);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_PID), *actor);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_TGID), *actor);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_UID), 0);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_COMM), comm);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_EXE), exe);
	ASSERT_TRUE(!has_field(ev, CTRPOL_EV_SUPPRESSED));
}

static void check_perms(const struct nlattr *ev, int cls, uint64_t bits)
{
	ASSERT_EQ(num_field(ev, CTRPOL_EV_CLASS), cls);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_REQUESTED), bits);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_DENIED), bits);
}

static int result(int ret)
{
	return ret < 0 ? errno : 0;
}

static int act_open(const void *path)
{
	int fd;

	*actor = getpid();
	fd = open(path, O_RDONLY);
	if (fd >= 0)
		close(fd);
	return result(fd);
}

static int act_exec(const void *path)
{
	char *argv[] = { (char *)path, NULL };

	*actor = getpid();
	execv(path, argv);
	return errno;
}

static int act_connect(const void *unused)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(9) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)unused;
	*actor = getpid();
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return fd < 0 ? 198 : result(connect(fd, (struct sockaddr *)&sin, sizeof(sin)));
}

static int act_chown(const void *path)
{
	*actor = getpid();
	return result(chown(path, 1, -1));
}

static int act_mount(const void *path)
{
	*actor = getpid();
	return result(mount("ev-source", path, "tmpfs", 0, NULL));
}

/* Out of the container: into the root cgroup. */
static int act_escape(const void *unused)
{
	int fd;

	(void)unused;
	*actor = getpid();
	fd = open(CGROUP_ROOT "/cgroup.procs", O_WRONLY);
	if (fd >= 0)
		close(fd);
	return result(fd);
}

static int act_kill(const void *target)
{
	*actor = getpid();
	return attempt_kill(target);
}

/*
 * Run act(arg) in c's cgroup: it must fail with err, and send an event of
 * class cls denying bits, whose subject is checked.  Returns the event.
 */
static const struct nlattr *denial(int fd, struct rawgenl_msg *m, const struct confined *c,
				   int (*act)(const void *), const void *arg, int err, int cls,
				   uint64_t bits)
{
	uint64_t before = now_ns();
	const struct nlattr *ev;

	ASSERT_EQ(run_in(c->cgroup, AS_CALLER, act, arg), err);
	ev = next_event(fd, m, c->name);
	check_subject(ev, c, before);
	check_perms(ev, cls, bits);
	return ev;
}

TEST(each_denial_sends_an_event_with_every_field)
{
	struct rawgenl_msg m;
	const struct nlattr *ev;
	struct confined c;
	struct target host;
	uint32_t loopback = htonl(INADDR_LOOPBACK);
	int fd;

	setup();
	fd = events_socket();
	confine(&c, "ev-fields", "default allow\n"
		"deny read " SECRET "\ndeny exec " PROGRAM "\n"
		"deny net connect tcp port 9\ndeny cap chown\ndeny mount all");
	host = (struct target){ park_in(NULL), SIGUSR1 };

	ev = denial(fd, &m, &c, act_open, SECRET, EACCES, CTRPOL_RULE_FILE,
		    CTRPOL_FILE_READ);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_PATH), SECRET);

	ev = denial(fd, &m, &c, act_exec, PROGRAM, EACCES, CTRPOL_RULE_FILE,
		    CTRPOL_FILE_EXEC);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_PATH), PROGRAM);

	ev = denial(fd, &m, &c, act_connect, NULL, EACCES, CTRPOL_RULE_NET,
		    CTRPOL_NET_CONNECT);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_FAMILY), AF_INET);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_SOCK_TYPE), SOCK_STREAM);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_PROTOCOL), IPPROTO_TCP);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_ADDR), loopback);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_PORT), 9);

	ev = denial(fd, &m, &c, act_chown, SECRET, EPERM, CTRPOL_RULE_CAP,
		    1ULL << CAP_CHOWN);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_CAPABILITY), CAP_CHOWN);

	ev = denial(fd, &m, &c, act_mount, MOUNTPOINT, EACCES, CTRPOL_RULE_MOUNT,
		    CTRPOL_MOUNT_MOUNT);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_PATH), MOUNTPOINT);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_FSTYPE), "tmpfs");
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_SOURCE), "ev-source");

	ev = denial(fd, &m, &c, act_kill, &host, EPERM, CTRPOL_RULE_PEER,
		    CTRPOL_PEER_SIGNAL);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_PEER_PID), host.pid);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_SIGNAL), SIGUSR1);
	ASSERT_TRUE(!has_field(ev, CTRPOL_EV_PEER_PROFILE));

	/* No rule decides this one: the event says so. */
	ev = denial(fd, &m, &c, act_escape, NULL, EACCES, CTRPOL_RULE_FILE,
		    CTRPOL_FILE_WRITE);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_PATH), "/cgroup.procs");
	ASSERT_TRUE(has_field(ev, CTRPOL_EV_BOUNDARY));

	/* Each class counted its one denial, files their three. */
	ASSERT_EQ(profile_class_counter(c.name, CTRPOL_RULE_FILE, CTRPOL_COUNTER_DENIED), 3);
	ASSERT_EQ(profile_class_counter(c.name, CTRPOL_RULE_NET, CTRPOL_COUNTER_DENIED), 1);
	ASSERT_EQ(profile_class_counter(c.name, CTRPOL_RULE_CAP, CTRPOL_COUNTER_DENIED), 1);
	ASSERT_EQ(profile_class_counter(c.name, CTRPOL_RULE_MOUNT, CTRPOL_COUNTER_DENIED), 1);
	ASSERT_EQ(profile_class_counter(c.name, CTRPOL_RULE_PEER, CTRPOL_COUNTER_DENIED), 1);
	ASSERT_EQ(profile_class_counter(c.name, CTRPOL_RULE_KERNEL, CTRPOL_COUNTER_DENIED), 0);
	ASSERT_EQ(profile_counter(c.name, CTRPOL_COUNTER_EVENTS), 7);
	ASSERT_EQ(profile_counter(c.name, CTRPOL_COUNTER_DROPPED), 0);

	kill(host.pid, SIGKILL);
	waitpid(host.pid, NULL, 0);
	close(fd);
	unconfine(&c);
}

/* On an AF_INET6 TCP socket, bind (bind != NULL) to, or connect to, [::1]:port. */
static int act_inet6(const void *bind_port, const void *connect_port)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	*actor = getpid();
	if (fd < 0)
		return 198;
	sin6.sin6_port = htons(*(const int *)(bind_port ? bind_port : connect_port));
	return result(bind_port ? bind(fd, (struct sockaddr *)&sin6, sizeof(sin6)) :
		      connect(fd, (struct sockaddr *)&sin6, sizeof(sin6)));
}

static int act_bind6(const void *port)
{
	return act_inet6(port, NULL);
}

static int act_connect6(const void *port)
{
	return act_inet6(NULL, port);
}

/* The event's address is ::1 and its port port. */
static void check_inet6(const struct nlattr *ev, int port)
{
	const struct in6_addr loopback = IN6ADDR_LOOPBACK_INIT;
	const void *addr;
	size_t len;

	ASSERT_EQ(num_field(ev, CTRPOL_EV_FAMILY), AF_INET6);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_SOCK_TYPE), SOCK_STREAM);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_PROTOCOL), IPPROTO_TCP);
	addr = field(ev, CTRPOL_EV_ADDR, &len);
	ASSERT_TRUE(addr && len == sizeof(loopback) && !memcmp(addr, &loopback, len));
	ASSERT_EQ(num_field(ev, CTRPOL_EV_PORT), port);
}

TEST(ipv6_bind_and_connect_denials_send_their_address)
{
	int fd, denied_bind = 8089, denied_connect = 9, free_port = 8090;
	struct rawgenl_msg m;
	const struct nlattr *ev;
	struct confined c;

	setup();
	network_up();
	fd = events_socket();
	confine(&c, "ev-inet6", "default allow\n"
		"deny net bind inet6 tcp port 8089\ndeny net connect inet6 tcp port 9");
	ev = denial(fd, &m, &c, act_bind6, &denied_bind, EACCES, CTRPOL_RULE_NET,
		    CTRPOL_NET_BIND);
	check_inet6(ev, denied_bind);
	ev = denial(fd, &m, &c, act_connect6, &denied_connect, EACCES, CTRPOL_RULE_NET,
		    CTRPOL_NET_CONNECT);
	check_inet6(ev, denied_connect);
	/* The controls: another port binds, and nobody listening refuses the connect. */
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, act_bind6, &free_port), 0);
	ASSERT_EQ(run_in(NULL, AS_CALLER, act_connect6, &denied_connect), ECONNREFUSED);
	ASSERT_EQ(profile_class_counter(c.name, CTRPOL_RULE_NET, CTRPOL_COUNTER_DENIED), 2);
	ASSERT_EQ(profile_counter(c.name, CTRPOL_COUNTER_EVENTS), 2);
	close(fd);
	unconfine(&c);
}

/* Chrooted into the directory of this program, open path there. */
static int act_open_in_root(const void *path)
{
	if (chroot(TEST_ROOT) || chdir("/"))
		return errno;
	return act_open(path);
}

/*
 * The event is sent after the denied task went on, by a kernel thread
 * whose root is the host's: what it names must still be named from the
 * task's root.
 */
TEST(an_event_names_the_file_and_program_from_the_task_root)
{
	struct rawgenl_msg m;
	const struct nlattr *ev;
	struct confined c;
	int fd;

	setup();
	fd = events_socket();
	put_file(TEST_ROOT "/ev-root-secret", "secret\n", 0644);
	confine(&c, "ev-root", "default allow\ndeny read /ev-root-secret");
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, act_open_in_root, "/ev-root-secret"), EACCES);
	ev = next_event(fd, &m, c.name);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_PATH), "/ev-root-secret");
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_EXE), "/events_test");
	close(fd);
	unconfine(&c);
	unlink(TEST_ROOT "/ev-root-secret");
}

TEST(complain_mode_and_audit_rules_send_events_too)
{
	struct rawgenl_msg m;
	const struct nlattr *ev;
	struct confined c;
	int fd;

	setup();
	fd = events_socket();
	confine(&c, "ev-complain", "mode complain\ndefault allow\n"
		"deny read " SECRET "\naudit allow exec " PROGRAM);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, act_open, SECRET), 0);
	ev = next_event(fd, &m, c.name);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_VERDICT), CTRPOL_VERDICT_COMPLAINED);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_DENIED), CTRPOL_FILE_READ);

	/* Allowed: the empty script runs, and sh ends it with 0. */
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, act_exec, PROGRAM), 0);
	ev = next_event(fd, &m, c.name);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_VERDICT), CTRPOL_VERDICT_AUDITED);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_REQUESTED), CTRPOL_FILE_EXEC);
	ASSERT_EQ(num_field(ev, CTRPOL_EV_DENIED), 0);
	ASSERT_STREQ(str_field(ev, CTRPOL_EV_PATH), PROGRAM);
	close(fd);
	unconfine(&c);
}

/* Send an AUDIT_SET of status s on the audit socket fd, and check its ack. */
static void audit_set(int fd, const struct audit_status *s)
{
	struct {
		struct nlmsghdr nlh;
		struct audit_status s;
	} req = {
		.nlh = {
			.nlmsg_len = sizeof(req),
			.nlmsg_type = AUDIT_SET,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		},
		.s = *s,
	};
	struct rawgenl_msg ack;
	const struct nlmsgerr *e;

	ASSERT_EQ(send(fd, &req, sizeof(req), 0), sizeof(req));
	do {
		ASSERT_EQ(rawgenl_next(fd, &ack, 5000), 1);
	} while (ack.nlh.nlmsg_type != NLMSG_ERROR);
	e = NLMSG_DATA(&ack.nlh);
	ASSERT_EQ(e->error, 0);
}

TEST(a_denial_is_an_audit_record_while_audit_is_on)
{
	struct audit_status on = {
		.mask = AUDIT_STATUS_ENABLED | AUDIT_STATUS_PID, .enabled = 1, .pid = getpid(),
	};
	struct audit_status off = { .mask = AUDIT_STATUS_ENABLED | AUDIT_STATUS_PID };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	static struct rawgenl_msg m;
	char text[1024], expect[256];
	struct confined c;
	size_t len;

	ASSERT_TRUE(fd >= 0);
	setup();
	confine(&c, "ev-audit", "default allow\ndeny read " SECRET);
	/* We become the audit daemon: records come to this socket instead of the kernel log. */
	audit_set(fd, &on);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, act_open, SECRET), EACCES);
	do {
		ASSERT_EQ(rawgenl_next(fd, &m, 5000), 1);
	} while (m.nlh.nlmsg_type != CTRPOL_AUDIT_EVENT);
	audit_set(fd, &off);
	close(fd);

	len = m.nlh.nlmsg_len - NLMSG_HDRLEN;
	if (len >= sizeof(text))
		len = sizeof(text) - 1;
	memcpy(text, NLMSG_DATA(&m.nlh), len);
	text[len] = '\0';
	ASSERT_CONTAINS(text, "ctrpol=denied class=file requested=0x1 denied=0x1 "
		"profile=\"ev-audit\" path=\"" SECRET "\"");
	snprintf(expect, sizeof(expect), " cgroup_id=%llu cgroup=\"/%s\" pid=%d tgid=%d uid=0 ",
		 (unsigned long long)c.id, c.cgroup, *actor, *actor);
	ASSERT_CONTAINS(text, expect);
	ASSERT_CONTAINS(text, "comm=\"events_test\"");
	unconfine(&c);
}

static int act_open_many(const void *count)
{
	int i, n = *(const int *)count;

	for (i = 0; i < n; i++)
		if (act_open(SECRET) != EACCES)
			return 1;
	return 0;
}

/* The events of one profile received, and the drops they reported. */
struct tally {
	const char *profile;
	uint64_t received, suppressed;
};

/*
 * Receive the events that come within timeout_ms of each other, counting
 * those of the n profiles of t.  0 takes only what is queued.
 */
static void receive(int fd, struct tally *t, int n, int timeout_ms)
{
	struct rawgenl_msg m;
	const struct nlattr *ev;
	int got, i;

	while ((got = rawgenl_next(fd, &m, timeout_ms)) == 1) {
		ev = rawgenl_attr(&m, CTRPOL_A_EVENT);
		ASSERT_TRUE(ev);
		for (i = 0; i < n; i++) {
			if (strcmp(str_field(ev, CTRPOL_EV_PROFILE), t[i].profile))
				continue;
			t[i].received++;
			if (has_field(ev, CTRPOL_EV_SUPPRESSED))
				t[i].suppressed += num_field(ev, CTRPOL_EV_SUPPRESSED);
		}
	}
	if (got < 0)
		FAIL("receiving events: %s", strerror(-got));
}

/* Receive events until none comes for a second. */
static void drain(int fd, struct tally *t, int n)
{
	receive(fd, t, n, 1000);
}

/*
 * What a flooder and the test share: the flooder denies itself opens until
 * told to stop, counting them.  The flood stops when it has proved its point
 * (events were dropped, and an event after the loss reported it), not after
 * a fixed count: a kernel slower than the limit (the debug kernel under TCG)
 * would otherwise stay under it and prove nothing.
 */
struct flood {
	volatile int stop;
	volatile long denials;
};

/* Past this many denials without a drop the limit is not working. */
#define FLOOD_MAX 1000000

static int act_flood(const void *arg)
{
	struct flood *f = (struct flood *)arg;

	while (!f->stop && f->denials < FLOOD_MAX) {
		if (act_open(SECRET) != EACCES)
			return 1;
		f->denials++;
	}
	return 0;
}

TEST(a_flood_of_denials_is_limited_counted_and_harmless)
{
	uint32_t rate = status_u32(CTRPOL_A_EVENT_RATE), burst = status_u32(CTRPOL_A_EVENT_BURST);
	uint64_t sent, dropped, start, seconds, total;
	int fd, requests = 0, status, few = 3;
	struct tally t[2] = { { "ev-flood", 0, 0 }, { "ev-quiet", 0, 0 } };
	struct confined c, quiet;
	struct flood *flood;
	bool quiet_done = false;
	pid_t flooder;

	setup();
	fd = events_socket();
	confine(&c, "ev-flood", "default allow\ndeny read " SECRET);
	confine(&quiet, "ev-quiet", "default allow\ndeny read " SECRET);
	flood = mmap(NULL, sizeof(*flood), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		     -1, 0);
	ASSERT_TRUE(flood != MAP_FAILED);

	/* A burst as large as the limit allows: every event arrives, none is dropped. */
	start = now_ns();
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, act_open_many, &burst), 0);
	drain(fd, t, 1);
	ASSERT_EQ(t[0].received, burst);
	ASSERT_EQ(t[0].suppressed, 0);
	ASSERT_EQ(profile_counter(c.name, CTRPOL_COUNTER_DROPPED), 0);

	/*
	 * A flood far above it, while the host keeps asking the LSM and opening
	 * files, and another profile, once the flood is being dropped, denies a few.
	 */
	fflush(stdout);
	flooder = fork();
	if (flooder == 0)
		_exit(run_in(c.cgroup, AS_CALLER, act_flood, flood));
	do {
		ASSERT_TRUE(status_u32(CTRPOL_A_NPROFILES) >= 2);
		ASSERT_EQ(act_open("/proc/self/status"), 0);
		receive(fd, t, 2, 0);
		if (t[0].suppressed && !quiet_done) {
			ASSERT_EQ(run_in(quiet.cgroup, AS_CALLER, act_open_many, &few), 0);
			quiet_done = true;
		}
		if (quiet_done)
			flood->stop = 1;
		requests++;
	} while (waitpid(flooder, &status, WNOHANG) == 0);
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	drain(fd, t, 2);
	seconds = (now_ns() - start) / 1000000000 + 1;
	total = burst + flood->denials;

	/* Every denial was either sent or counted as dropped; every one sent arrived. */
	sent = profile_counter(c.name, CTRPOL_COUNTER_EVENTS);
	dropped = profile_counter(c.name, CTRPOL_COUNTER_DROPPED);
	printf("# flood: %ld denials, %llu events sent, %llu dropped, in about %llu s\n",
	       flood->denials, (unsigned long long)sent, (unsigned long long)dropped,
	       (unsigned long long)seconds);
	ASSERT_EQ(profile_counter(c.name, CTRPOL_COUNTER_DENIED), total);
	ASSERT_EQ(sent + dropped, total);
	ASSERT_EQ(t[0].received, sent);
	/* The limit held, and the events after a loss said how much was lost. */
	ASSERT_TRUE(sent <= burst + rate * seconds);
	ASSERT_TRUE(dropped > 0);
	ASSERT_TRUE(t[0].suppressed > 0 && t[0].suppressed <= dropped);
	ASSERT_TRUE(requests > 0);
	/* The flood's limit is its own: the other profile lost none of its events. */
	ASSERT_TRUE(quiet_done);
	ASSERT_EQ(t[1].received, few);
	ASSERT_EQ(t[1].suppressed, 0);
	ASSERT_EQ(profile_counter(quiet.name, CTRPOL_COUNTER_DROPPED), 0);
	munmap(flood, sizeof(*flood));
	close(fd);
	unconfine(&quiet);
	unconfine(&c);
}
