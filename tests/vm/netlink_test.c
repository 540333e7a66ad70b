// SPDX-License-Identifier: GPL-2.0
/* In the guest: the ctrpol netlink family, through ctrpol and byte by byte. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"
#include "rawgenl.h"
#include "release.h"
#include <linux/ctrpol.h>

#define NOBODY 65534

static int family(int fd)
{
	int id = rawgenl_family(fd, CTRPOL_GENL_NAME);

	if (id < 0)
		FAIL("family %s does not resolve: %s", CTRPOL_GENL_NAME, strerror(-id));
	return id;
}

static int get_status(int fd, struct rawgenl_msg *reply)
{
	struct rawgenl_msg req;

	rawgenl_start(&req, family(fd), CTRPOL_CMD_GET_STATUS, CTRPOL_GENL_VERSION);
	return rawgenl_xfer(fd, &req, req.nlh.nlmsg_len, reply);
}

static uint64_t counter(int type)
{
	struct rawgenl_msg reply;
	const struct nlattr *nest, *c;
	int fd = rawgenl_open();

	ASSERT_EQ(get_status(fd, &reply), 0);
	close(fd);
	nest = rawgenl_attr(&reply, CTRPOL_A_COUNTERS);
	ASSERT_TRUE(nest != NULL);
	c = rawgenl_nested(nest, type);
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(c->nla_len, NLA_HDRLEN + sizeof(uint64_t));
	return *(const uint64_t *)((const char *)c + NLA_HDRLEN);
}

/* Run a status request as nobody on fd (opened by the caller, as root or not). */
static int status_as_nobody(int fd)
{
	int wstatus, err;
	pid_t pid = fork();

	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		become_user(NOBODY);
		if (fd < 0)
			fd = rawgenl_open();
		err = get_status(fd, NULL);
		_exit(err == -EPERM ? 0 : 1);
	}
	ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
	return WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
}

TEST(status_reply_carries_release_and_abi)
{
	struct rawgenl_msg reply;
	const struct nlattr *abi, *rel;
	int fd = rawgenl_open();

	ASSERT_EQ(get_status(fd, &reply), 0);
	abi = rawgenl_attr(&reply, CTRPOL_A_ABI_VERSION);
	rel = rawgenl_attr(&reply, CTRPOL_A_VERSION);
	ASSERT_TRUE(abi && rel);
	ASSERT_EQ(*(const uint32_t *)((const char *)abi + NLA_HDRLEN), CTRPOL_ABI_VERSION);
	ASSERT_TRUE(!strcmp((const char *)rel + NLA_HDRLEN, CTRPOL_RELEASE));
}

TEST(ctrpol_status_as_root)
{
	struct cmd_result r;
	uint64_t before = counter(CTRPOL_COUNTER_REQUESTS);

	run_cmd((char *[]){ "ctrpol", "status", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.out, "active, release " CTRPOL_RELEASE ", ABI 1");
	ASSERT_CONTAINS(r.out, "netlink requests:");
	/* ctrpol's two requests (the status, the profiles) and ours after them were counted. */
	ASSERT_EQ(counter(CTRPOL_COUNTER_REQUESTS), before + 3);
}

TEST(ctrpol_version_as_root)
{
	struct cmd_result r;

	run_cmd((char *[]){ "ctrpol", "version", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.out, "ctrpol tool " CTRPOL_RELEASE " (ABI 1)");
	ASSERT_CONTAINS(r.out, "ctrpol LSM  " CTRPOL_RELEASE " (ABI 1)");
}

TEST(unprivileged_ctrpol_is_told_the_missing_capability)
{
	struct cmd_result r;

	run_cmd((char *[]){ "ctrpol", "status", NULL }, NOBODY, &r);
	ASSERT_EQ(r.status, 4);
	ASSERT_CONTAINS(r.err, "ctrpol status: permission denied: CAP_NET_ADMIN");
	ASSERT_EQ(r.out[0], '\0');
}

TEST(unprivileged_request_gets_eperm_and_is_counted)
{
	uint64_t before = counter(CTRPOL_COUNTER_REFUSED);

	ASSERT_TRUE(status_as_nobody(-1));
	ASSERT_EQ(counter(CTRPOL_COUNTER_REFUSED), before + 1);
}

TEST(socket_opened_by_root_carries_no_privilege)
{
	int fd = rawgenl_open();

	ASSERT_TRUE(status_as_nobody(fd));
	close(fd);
}

/* A request of the status command, then a lie or a surprise in it. */
struct malformed {
	const char *what;
	int want;
	void (*make)(struct rawgenl_msg *m, size_t *len);
};

static void unknown_attribute(struct rawgenl_msg *m, size_t *len)
{
	uint32_t v = 1;

	rawgenl_put(m, CTRPOL_A_MAX + 1, &v, sizeof(v));
	*len = m->nlh.nlmsg_len;
}

static void reply_only_attribute(struct rawgenl_msg *m, size_t *len)
{
	rawgenl_put(m, CTRPOL_A_VERSION, "9.9.9", 6);
	*len = m->nlh.nlmsg_len;
}

static void attribute_past_the_end(struct rawgenl_msg *m, size_t *len)
{
	uint32_t v = 1;

	rawgenl_put(m, CTRPOL_A_ABI_VERSION, &v, sizeof(v))->nla_len = 200;
	*len = m->nlh.nlmsg_len;
}

static void attribute_shorter_than_its_header(struct rawgenl_msg *m, size_t *len)
{
	rawgenl_put(m, CTRPOL_A_ABI_VERSION, "\0\0\0", 4)->nla_len = 2;
	*len = m->nlh.nlmsg_len;
}

static void nested_garbage(struct rawgenl_msg *m, size_t *len)
{
	rawgenl_put(m, CTRPOL_A_COUNTERS, "\xff\xff\xff\xff\xff\xff\xff\xff", 8);
	*len = m->nlh.nlmsg_len;
}

static void truncated_genl_header(struct rawgenl_msg *m, size_t *len)
{
	m->nlh.nlmsg_len = NLMSG_HDRLEN + 2;
	*len = m->nlh.nlmsg_len;
}

static void reserved_field_set(struct rawgenl_msg *m, size_t *len)
{
	((struct genlmsghdr *)NLMSG_DATA(&m->nlh))->reserved = 1;
	*len = m->nlh.nlmsg_len;
}

static void unknown_command(struct rawgenl_msg *m, size_t *len)
{
	((struct genlmsghdr *)NLMSG_DATA(&m->nlh))->cmd = CTRPOL_CMD_MAX + 1;
	*len = m->nlh.nlmsg_len;
}

static void unspec_command(struct rawgenl_msg *m, size_t *len)
{
	((struct genlmsghdr *)NLMSG_DATA(&m->nlh))->cmd = CTRPOL_CMD_UNSPEC;
	*len = m->nlh.nlmsg_len;
}

static void event_command(struct rawgenl_msg *m, size_t *len)
{
	((struct genlmsghdr *)NLMSG_DATA(&m->nlh))->cmd = CTRPOL_CMD_EVENT;
	*len = m->nlh.nlmsg_len;
}

static void attach_with_an_unknown_flag(struct rawgenl_msg *m, size_t *len)
{
	uint64_t cgid = 1;
	uint32_t flags = CTRPOL_ATTACH_ALL + 1;

	((struct genlmsghdr *)NLMSG_DATA(&m->nlh))->cmd = CTRPOL_CMD_ATTACH;
	rawgenl_put(m, CTRPOL_A_CGROUP_ID, &cgid, sizeof(cgid));
	rawgenl_put(m, CTRPOL_A_NAME, "web", 4);
	rawgenl_put(m, CTRPOL_A_FLAGS, &flags, sizeof(flags));
	*len = m->nlh.nlmsg_len;
}

TEST(malformed_requests_are_refused_and_the_family_keeps_working)
{
	static const struct malformed cases[] = {
		{ "unknown attribute type", -EINVAL, unknown_attribute },
		{ "attribute of the reply sent in a request", -EINVAL, reply_only_attribute },
		{ "attribute length past the message", -EINVAL, attribute_past_the_end },
		{ "attribute length under its header", -EINVAL, attribute_shorter_than_its_header },
		{ "nested garbage", -EINVAL, nested_garbage },
		{ "truncated genl header", -EINVAL, truncated_genl_header },
		{ "genlmsghdr.reserved set", -EINVAL, reserved_field_set },
		{ "unknown command", -EOPNOTSUPP, unknown_command },
		{ "command 0", -EOPNOTSUPP, unspec_command },
		{ "the event command, never a request", -EOPNOTSUPP, event_command },
		{ "attach with an unknown flag", -EINVAL, attach_with_an_unknown_flag },
	};
	struct rawgenl_msg m, reply;
	int fd = rawgenl_open(), id = family(fd), bad = 0, err;
	size_t i, len;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rawgenl_start(&m, id, CTRPOL_CMD_GET_STATUS, CTRPOL_GENL_VERSION);
		cases[i].make(&m, &len);
		err = rawgenl_xfer(fd, &m, len, NULL);
		if (err != cases[i].want) {
			printf("# %s: got %d (%s), want %d\n", cases[i].what, err,
			       strerror(-err), cases[i].want);
			bad++;
		}
	}
	ASSERT_EQ(bad, 0);
	ASSERT_EQ(get_status(fd, &reply), 0);
	ASSERT_TRUE(rawgenl_attr(&reply, CTRPOL_A_ABI_VERSION) != NULL);
}

struct listed {
	const char *name;
	int32_t nattachments;	/* -1: not listed */
};

static void attachments_of(const struct rawgenl_msg *reply, void *arg)
{
	const struct nlattr *name = rawgenl_attr(reply, CTRPOL_A_NAME);
	const struct nlattr *n = rawgenl_attr(reply, CTRPOL_A_NATTACHMENTS);
	struct listed *l = arg;

	if (name && n && !strcmp((const char *)name + NLA_HDRLEN, l->name))
		memcpy(&l->nattachments, (const char *)n + NLA_HDRLEN, sizeof(l->nattachments));
}

/*
 * The profile listing has no pre_doit to drop the attachments of removed
 * cgroups: it used to count them when it was the first command after the
 * rmdir (found by nlfuzz_test).
 */
TEST(profile_listing_first_after_rmdir_counts_no_removed_attachment)
{
	static char blob[4096];
	size_t size = compile_profile("gone-listed", "allow read /x", blob, sizeof(blob));
	struct listed l = { "gone-listed", -1 };
	struct rawgenl_msg req;
	int fd = rawgenl_open();

	ASSERT_EQ(request_load(blob, size, 0), 0);
	ASSERT_EQ(request_attach(cgroup_create("gone-listed"), "gone-listed"), 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/gone-listed"), 0);
	rawgenl_start(&req, family(fd), CTRPOL_CMD_LIST_PROFILES, CTRPOL_GENL_VERSION);
	ASSERT_EQ(rawgenl_dump(fd, &req, attachments_of, &l), 0);
	close(fd);
	ASSERT_EQ(l.nattachments, 0);
	ASSERT_EQ(request_unload("gone-listed"), 0);
}

/*
 * Only the commands that report attachments drop those of removed cgroups
 * before they run; the others must answer as if they were gone all the same.
 */
TEST(commands_first_after_rmdir_answer_as_if_its_attachment_were_gone)
{
	static char blob[4096];
	size_t size = compile_profile("gone-cmds", "allow read /x", blob, sizeof(blob));
	uint64_t id;

	ASSERT_EQ(request_load(blob, size, 0), 0);
	id = cgroup_create("gone-cmds");
	ASSERT_EQ(request_attach(id, "gone-cmds"), 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/gone-cmds"), 0);
	ASSERT_EQ(request_detach(id), -ENOENT);

	id = cgroup_create("gone-cmds");
	ASSERT_EQ(request_attach(id, "gone-cmds"), 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/gone-cmds"), 0);
	ASSERT_EQ(request_attach(id, "gone-cmds"), -ENOENT);

	id = cgroup_create("gone-cmds");
	ASSERT_EQ(request_attach(id, "gone-cmds"), 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/gone-cmds"), 0);
	ASSERT_EQ(request_unload("gone-cmds"), 0);
}
