// SPDX-License-Identifier: GPL-2.0
/*
 * event_decode() on events built as the kernel sends them: one of each
 * class read whole, attributes this tool does not know passed over, and
 * malformed ones (wrong sizes, missing attributes, bad addresses) refused.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "events/event.h"
#include "fake_genl.h"
#include "harness.h"

#define TIME_NS 1795664498123456789ULL
#define NONE (-1)

/* An event message under construction: its CTRPOL_A_EVENT nest is open. */
struct built {
	struct nl_msg *msg;
	struct nlattr *nest;
};

/* The attributes every event has, but omit (NONE: none left out), for cat in /ctr/a. */
static struct built begin_as(uint8_t cmd, uint8_t cls, uint64_t requested, int omit)
{
	struct built b = { .msg = fake_genl_msg(cmd) };

	b.nest = nla_nest_start(b.msg, CTRPOL_A_EVENT);
	ASSERT_TRUE(b.nest);
	if (omit != CTRPOL_EV_TIME)
		ASSERT_EQ(nla_put_u64(b.msg, CTRPOL_EV_TIME, TIME_NS), 0);
	if (omit != CTRPOL_EV_VERDICT)
		ASSERT_EQ(nla_put_u8(b.msg, CTRPOL_EV_VERDICT, CTRPOL_VERDICT_DENIED), 0);
	if (omit != CTRPOL_EV_CLASS)
		ASSERT_EQ(nla_put_u8(b.msg, CTRPOL_EV_CLASS, cls), 0);
	if (omit != CTRPOL_EV_REQUESTED)
		ASSERT_EQ(nla_put_u64(b.msg, CTRPOL_EV_REQUESTED, requested), 0);
	ASSERT_EQ(nla_put_u64(b.msg, CTRPOL_EV_DENIED, requested), 0);
	if (omit != CTRPOL_EV_PROFILE)
		ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_PROFILE, "web"), 0);
	if (omit != CTRPOL_EV_CGROUP_ID)
		ASSERT_EQ(nla_put_u64(b.msg, CTRPOL_EV_CGROUP_ID, 1234), 0);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_CGROUP_PATH, "/ctr/a"), 0);
	if (omit != CTRPOL_EV_PID)
		ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_PID, 124), 0);
	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_TGID, 123), 0);
	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_UID, 1000), 0);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_COMM, "cat"), 0);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_EXE, "/bin/busybox"), 0);
	return b;
}

static struct built begin(uint8_t cls, uint64_t requested)
{
	return begin_as(CTRPOL_CMD_EVENT, cls, requested, NONE);
}

/* Close the nest and decode; the strings of ev live as long as b.msg. */
static int decode(struct built *b, struct ctrpol_event *ev)
{
	nla_nest_end(b->msg, b->nest);
	return event_decode(nlmsg_hdr(b->msg), ev);
}

/* b is refused, whatever it held. */
static void assert_refused(struct built b)
{
	struct ctrpol_event ev;

	ASSERT_EQ(decode(&b, &ev), -EBADMSG);
	nlmsg_free(b.msg);
}

TEST(file_event_is_read_whole)
{
	struct built b = begin(CTRPOL_RULE_FILE, CTRPOL_FILE_READ);
	struct ctrpol_event ev;

	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_PATH, "/etc/shadow"), 0);
	ASSERT_EQ(nla_put_u64(b.msg, CTRPOL_EV_SUPPRESSED, 17), 0);
	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_EQ(ev.time_ns, TIME_NS);
	ASSERT_EQ(ev.verdict, CTRPOL_VERDICT_DENIED);
	ASSERT_EQ(ev.cls, CTRPOL_RULE_FILE);
	ASSERT_EQ(ev.requested, CTRPOL_FILE_READ);
	ASSERT_EQ(ev.denied, CTRPOL_FILE_READ);
	ASSERT_STREQ(ev.profile, "web");
	ASSERT_EQ(ev.cgroup_id, 1234);
	ASSERT_STREQ(ev.cgroup_path, "/ctr/a");
	ASSERT_EQ(ev.pid, 124);
	ASSERT_EQ(ev.tgid, 123);
	ASSERT_EQ(ev.uid, 1000);
	ASSERT_STREQ(ev.comm, "cat");
	ASSERT_STREQ(ev.exe, "/bin/busybox");
	ASSERT_STREQ(ev.path, "/etc/shadow");
	ASSERT_EQ(ev.fstype, NULL);
	ASSERT_TRUE(!ev.has_capability && !ev.has_peer && !ev.has_signal);
	ASSERT_EQ(ev.addr_len, 0);
	ASSERT_EQ(ev.suppressed, 17);
	nlmsg_free(b.msg);
}

TEST(cap_event_is_read_whole)
{
	struct built b = begin(CTRPOL_RULE_CAP, 1ULL << 21);
	struct ctrpol_event ev;

	ASSERT_EQ(nla_put_u8(b.msg, CTRPOL_EV_CAPABILITY, 21), 0);
	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_TRUE(ev.has_capability);
	ASSERT_EQ(ev.capability, 21);
	ASSERT_EQ(ev.requested, 1ULL << 21);
	ASSERT_EQ(ev.path, NULL);
	nlmsg_free(b.msg);
}

TEST(net_event_is_read_whole)
{
	static const unsigned char v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	struct built b = begin(CTRPOL_RULE_NET, CTRPOL_NET_CONNECT);
	struct ctrpol_event ev;

	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_FAMILY, AF_INET6), 0);
	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_SOCK_TYPE, SOCK_STREAM), 0);
	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_PROTOCOL, 6), 0);
	ASSERT_EQ(nla_put(b.msg, CTRPOL_EV_ADDR, sizeof(v6), v6), 0);
	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_PORT, 443), 0);
	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_EQ(ev.family, AF_INET6);
	ASSERT_EQ(ev.sock_type, SOCK_STREAM);
	ASSERT_EQ(ev.protocol, 6);
	ASSERT_EQ(ev.addr_len, 16);
	ASSERT_TRUE(!memcmp(ev.addr, v6, 16));
	ASSERT_EQ(ev.port, 443);
	nlmsg_free(b.msg);
}

TEST(net_event_without_an_address_has_none)
{
	struct built b = begin(CTRPOL_RULE_NET, CTRPOL_NET_CREATE);
	struct ctrpol_event ev;

	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_FAMILY, AF_INET), 0);
	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_SOCK_TYPE, SOCK_RAW), 0);
	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_EQ(ev.family, AF_INET);
	ASSERT_EQ(ev.addr_len, 0);
	ASSERT_EQ(ev.port, 0);
	nlmsg_free(b.msg);
}

TEST(mount_event_is_read_whole)
{
	struct built b = begin(CTRPOL_RULE_MOUNT, CTRPOL_MOUNT_MOUNT);
	struct ctrpol_event ev;

	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_FSTYPE, "fuse.sshfs"), 0);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_PATH, "/mnt"), 0);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_SOURCE, "me@host:/srv"), 0);
	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_STREQ(ev.fstype, "fuse.sshfs");
	ASSERT_STREQ(ev.path, "/mnt");
	ASSERT_STREQ(ev.source, "me@host:/srv");
	nlmsg_free(b.msg);
}

TEST(peer_event_is_read_whole)
{
	struct built b = begin(CTRPOL_RULE_PEER, CTRPOL_PEER_SIGNAL);
	struct ctrpol_event ev;

	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_PEER_PID, 1), 0);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_PEER_PROFILE, "db"), 0);
	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_SIGNAL, 0), 0);
	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_TRUE(ev.has_peer);
	ASSERT_EQ(ev.peer_pid, 1);
	ASSERT_STREQ(ev.peer_profile, "db");
	/* Signal 0 is a signal: it probes that the task exists. */
	ASSERT_TRUE(ev.has_signal);
	ASSERT_EQ(ev.signal, 0);
	nlmsg_free(b.msg);
}

TEST(empty_strings_are_what_the_kernel_could_not_spell)
{
	struct built b = begin_as(CTRPOL_CMD_EVENT, CTRPOL_RULE_MOUNT, CTRPOL_MOUNT_MOUNT, NONE);
	struct ctrpol_event ev;

	/* The cgroup path again, empty: the last of an attribute counts. */
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_CGROUP_PATH, ""), 0);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_FSTYPE, ""), 0);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_SOURCE, ""), 0);
	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_EQ(ev.cgroup_path, NULL);
	ASSERT_EQ(ev.source, NULL);
	/* But a filesystem type that is no valid name is "", not unknown. */
	ASSERT_STREQ(ev.fstype, "");
	nlmsg_free(b.msg);
}

TEST(kernel_event_of_an_unconfined_peerless_task_is_read)
{
	struct built b = begin(CTRPOL_RULE_KERNEL, CTRPOL_KERNEL_BPF | CTRPOL_PRIV_ROOT);
	struct ctrpol_event ev;

	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_EQ(ev.requested, CTRPOL_KERNEL_BPF | CTRPOL_PRIV_ROOT);
	ASSERT_EQ(ev.peer_profile, NULL);
	nlmsg_free(b.msg);
}

TEST(what_this_tool_does_not_know_is_passed_over)
{
	struct built b = begin(42, 1ULL << 63);
	struct ctrpol_event ev;

	/* A newer kernel's attributes, and a verdict and class this tool has no name for. */
	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_MAX + 1, 7), 0);
	ASSERT_EQ(nla_put(b.msg, CTRPOL_EV_MAX + 9, 3, "abc"), 0);
	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_PAD, 0), 0);
	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_EQ(ev.cls, 42);
	ASSERT_EQ(ev.requested, 1ULL << 63);
	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_A_MAX + 1, 7), 0);
	ASSERT_EQ(event_decode(nlmsg_hdr(b.msg), &ev), 0);
	nlmsg_free(b.msg);
}

TEST(an_event_without_an_attribute_every_event_has_is_refused)
{
	static const int required[] = {
		CTRPOL_EV_TIME, CTRPOL_EV_VERDICT, CTRPOL_EV_CLASS, CTRPOL_EV_REQUESTED,
		CTRPOL_EV_PROFILE, CTRPOL_EV_CGROUP_ID, CTRPOL_EV_PID,
	};
	size_t i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		assert_refused(begin_as(CTRPOL_CMD_EVENT, CTRPOL_RULE_FILE, 1, required[i]));
}

TEST(numbers_of_the_wrong_size_are_refused)
{
	struct built b;

	b = begin_as(CTRPOL_CMD_EVENT, CTRPOL_RULE_FILE, 1, CTRPOL_EV_TIME);
	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_TIME, 1), 0);
	assert_refused(b);

	b = begin_as(CTRPOL_CMD_EVENT, CTRPOL_RULE_FILE, 1, CTRPOL_EV_VERDICT);
	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_VERDICT, CTRPOL_VERDICT_DENIED), 0);
	assert_refused(b);

	b = begin_as(CTRPOL_CMD_EVENT, CTRPOL_RULE_FILE, 1, CTRPOL_EV_PID);
	ASSERT_EQ(nla_put_u64(b.msg, CTRPOL_EV_PID, 1), 0);
	assert_refused(b);

	b = begin(CTRPOL_RULE_NET, CTRPOL_NET_BIND);
	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_PORT, 80), 0);
	assert_refused(b);

	b = begin(CTRPOL_RULE_CAP, 1);
	ASSERT_EQ(nla_put_u32(b.msg, CTRPOL_EV_CAPABILITY, 0), 0);
	assert_refused(b);
}

TEST(strings_unterminated_or_past_their_bound_are_refused)
{
	char name[CTRPOL_NAME_MAX + 1], path[CTRPOL_MAX_PATH + 1];
	struct built b;

	b = begin(CTRPOL_RULE_FILE, 1);
	ASSERT_EQ(nla_put(b.msg, CTRPOL_EV_COMM, 3, "cat"), 0);
	assert_refused(b);

	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	b = begin_as(CTRPOL_CMD_EVENT, CTRPOL_RULE_FILE, 1, CTRPOL_EV_PROFILE);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_PROFILE, name), 0);
	assert_refused(b);

	b = begin(CTRPOL_RULE_PEER, CTRPOL_PEER_TRACE);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_PEER_PROFILE, name), 0);
	assert_refused(b);

	memset(path, 's', 256);
	path[256] = '\0';
	b = begin(CTRPOL_RULE_MOUNT, CTRPOL_MOUNT_BIND);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_SOURCE, path), 0);
	assert_refused(b);

	memset(path, 'p', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	b = begin(CTRPOL_RULE_FILE, 1);
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_PATH, path), 0);
	assert_refused(b);
}

TEST(a_path_as_long_as_the_abi_allows_is_read)
{
	char path[CTRPOL_MAX_PATH];
	struct built b = begin(CTRPOL_RULE_FILE, 1);
	struct ctrpol_event ev;

	memset(path, 'p', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	ASSERT_EQ(nla_put_string(b.msg, CTRPOL_EV_PATH, path), 0);
	ASSERT_EQ(decode(&b, &ev), 0);
	ASSERT_EQ(strlen(ev.path), CTRPOL_MAX_PATH - 1);
	nlmsg_free(b.msg);
}

/* A NET event of family with an address of len bytes. */
static struct built net_with_address(uint16_t family, int len)
{
	static const unsigned char addr[17];
	struct built b = begin(CTRPOL_RULE_NET, CTRPOL_NET_CONNECT);

	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_FAMILY, family), 0);
	ASSERT_EQ(nla_put(b.msg, CTRPOL_EV_ADDR, len, addr), 0);
	return b;
}

TEST(addresses_not_of_their_family_are_refused)
{
	assert_refused(net_with_address(AF_INET, 16));
	assert_refused(net_with_address(AF_INET6, 4));
	assert_refused(net_with_address(AF_INET, 5));
	assert_refused(net_with_address(AF_INET6, 17));
	assert_refused(net_with_address(AF_UNIX, 4));
	assert_refused(net_with_address(AF_INET, 0));
}

TEST(families_and_types_beyond_a_byte_are_refused)
{
	struct built b;

	b = begin(CTRPOL_RULE_NET, CTRPOL_NET_CREATE);
	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_FAMILY, 256), 0);
	assert_refused(b);

	b = begin(CTRPOL_RULE_NET, CTRPOL_NET_CREATE);
	/* A type with SOCK_NONBLOCK in it. */
	ASSERT_EQ(nla_put_u16(b.msg, CTRPOL_EV_SOCK_TYPE, 0x800 | SOCK_STREAM), 0);
	assert_refused(b);
}

TEST(what_is_not_an_event_is_refused)
{
	struct built b = begin_as(CTRPOL_CMD_GET_STATUS, CTRPOL_RULE_FILE, 1, NONE);
	struct nl_msg *msg;

	assert_refused(b);

	msg = fake_genl_msg(CTRPOL_CMD_EVENT);
	ASSERT_EQ(event_decode(nlmsg_hdr(msg), &(struct ctrpol_event){ 0 }), -EBADMSG);
	nlmsg_free(msg);

	/* Two stray bytes after the attributes of the nest. */
	b = begin(CTRPOL_RULE_FILE, 1);
	ASSERT_TRUE(nlmsg_reserve(b.msg, 2, 1));
	assert_refused(b);

	msg = fake_genl_msg(CTRPOL_CMD_EVENT);
	ASSERT_EQ(nla_put_u32(msg, CTRPOL_A_EVENT, 1), 0);
	ASSERT_EQ(event_decode(nlmsg_hdr(msg), &(struct ctrpol_event){ 0 }), -EBADMSG);
	nlmsg_free(msg);
}
