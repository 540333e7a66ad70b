// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink messages of the tool, without a kernel: a load request split
 * into attribute-sized pieces, and replies checked against the ABI's types
 * with unknown attributes ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/genl.h>

#include "fake_genl.h"
#include "genl/genl_client.h"
#include "genl/kernel_changes.h"
#include "harness.h"

/* The attributes of a request or reply built here (after its genl header). */
#define for_each_attr(nla, msg, rem)                                          \
	nla_for_each_attr(nla, genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0), \
			  genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0), rem)

static const struct ctrpol_nl fake_nl = { .family = FAKE_FAMILY };

/* Rebuild the n blobs of sizes[] from a load request and check its pieces and flags. */
static void check_load_set(const size_t *sizes, size_t n, uint32_t flags, size_t want_chunks)
{
	struct kernel_blob blobs[4];
	unsigned char *blob, *joined;
	size_t i, off = 0, size = 0, chunks = 0;
	struct nl_msg *msg;
	struct nlattr *nla;
	int rem, nflags = 0;

	ASSERT_TRUE(n <= 4);
	for (i = 0; i < n; i++)
		size += sizes[i];
	blob = malloc(size);
	joined = calloc(1, size + 1);
	ASSERT_TRUE(blob && joined);
	for (i = 0; i < size; i++)
		blob[i] = (unsigned char)(i * 7 + i / 251);
	for (i = 0; i < n; off += sizes[i++])
		blobs[i] = (struct kernel_blob){ blob + off, sizes[i] };
	off = 0;
	msg = kernel_load_msg(&fake_nl, blobs, n, flags);
	ASSERT_TRUE(msg);
	ASSERT_EQ(nlmsg_hdr(msg)->nlmsg_type, FAKE_FAMILY);
	ASSERT_EQ(((struct genlmsghdr *)nlmsg_data(nlmsg_hdr(msg)))->cmd, CTRPOL_CMD_LOAD);
	for_each_attr(nla, msg, rem) {
		if (nla_type(nla) == CTRPOL_A_FLAGS) {
			ASSERT_EQ(nla_len(nla), 4);
			ASSERT_EQ(nla_get_u32(nla), flags);
			nflags++;
			continue;
		}
		ASSERT_EQ(nla_type(nla), CTRPOL_A_BLOB);
		ASSERT_TRUE(nla_len(nla) >= 1 && nla_len(nla) <= CTRPOL_BLOB_CHUNK_MAX);
		ASSERT_TRUE(off + nla_len(nla) <= size);
		memcpy(joined + off, nla_data(nla), nla_len(nla));
		off += nla_len(nla);
		chunks++;
	}
	ASSERT_EQ(rem, 0);
	ASSERT_EQ(off, size);
	ASSERT_EQ(chunks, want_chunks);
	ASSERT_EQ(nflags, flags ? 1 : 0);
	ASSERT_TRUE(!memcmp(blob, joined, size));
	nlmsg_free(msg);
	free(blob);
	free(joined);
}

static void check_load(size_t size, uint32_t flags, size_t want_chunks)
{
	check_load_set(&size, 1, flags, want_chunks);
}

TEST(small_blob_is_one_attribute)
{
	check_load(5975, 0, 1);
	check_load(CTRPOL_BLOB_CHUNK_MAX, CTRPOL_LOAD_REPLACE, 1);
}

TEST(larger_blob_is_split_in_order)
{
	check_load(CTRPOL_BLOB_CHUNK_MAX + 1, 0, 2);
	check_load(3 * CTRPOL_BLOB_CHUNK_MAX + 17, CTRPOL_LOAD_REPLACE, 4);
}

TEST(largest_blob_fits_one_request)
{
	size_t size = CTRPOL_MAX_BLOB_SIZE;

	check_load(size, CTRPOL_LOAD_REPLACE, (size + CTRPOL_BLOB_CHUNK_MAX - 1) /
		   CTRPOL_BLOB_CHUNK_MAX);
}

/* Each blob of a set starts a piece of its own, in order. */
TEST(a_set_of_blobs_is_one_request_in_order)
{
	const size_t sizes[] = { 96, CTRPOL_BLOB_CHUNK_MAX + 8, 1000 };

	check_load_set(sizes, 3, CTRPOL_LOAD_REPLACE, 4);
}

static struct nl_msg *reply(void)
{
	return fake_genl_msg(CTRPOL_CMD_LIST_PROFILES);
}

struct seen {
	int calls;
	char name[CTRPOL_NAME_MAX];
	uint32_t mode;
	uint64_t counters[CTRPOL_COUNTER_MAX + 1];
};

static int take(struct nlattr **attrs, void *arg)
{
	struct seen *s = arg;

	s->calls++;
	if (!attrs[CTRPOL_A_NAME])
		return -EBADMSG;
	nla_strlcpy(s->name, attrs[CTRPOL_A_NAME], sizeof(s->name));
	if (attrs[CTRPOL_A_MODE])
		s->mode = nla_get_u32(attrs[CTRPOL_A_MODE]);
	if (attrs[CTRPOL_A_COUNTERS])
		ctrpol_nl_counters(attrs[CTRPOL_A_COUNTERS], s->counters);
	return 0;
}

TEST(reply_with_unknown_attributes_and_counters_is_read)
{
	struct seen s = { 0 };
	struct nl_msg *msg = reply();
	struct nlattr *nest;

	ASSERT_EQ(nla_put_string(msg, CTRPOL_A_NAME, "web"), 0);
	ASSERT_EQ(nla_put_u32(msg, CTRPOL_A_MODE, CTRPOL_MODE_COMPLAIN), 0);
	ASSERT_EQ(nla_put_u32(msg, CTRPOL_A_MAX + 1, 7), 0);		/* from a newer kernel */
	ASSERT_EQ(nla_put(msg, CTRPOL_A_MAX + 9, 3, "abc"), 0);
	nest = nla_nest_start(msg, CTRPOL_A_COUNTERS);
	ASSERT_TRUE(nest);
	ASSERT_EQ(nla_put_u64(msg, CTRPOL_COUNTER_DENIED, 12), 0);
	ASSERT_EQ(nla_put_u64(msg, CTRPOL_COUNTER_MAX + 1, 99), 0);	/* unknown counter */
	ASSERT_EQ(nla_put_u32(msg, CTRPOL_COUNTER_ALLOWED, 5), 0);	/* wrong size: skipped */
	nla_nest_end(msg, nest);
	ASSERT_EQ(ctrpol_nl_parse(nlmsg_hdr(msg), take, &s), 0);
	ASSERT_EQ(s.calls, 1);
	ASSERT_TRUE(!strcmp(s.name, "web"));
	ASSERT_EQ(s.mode, CTRPOL_MODE_COMPLAIN);
	ASSERT_EQ(s.counters[CTRPOL_COUNTER_DENIED], 12);
	ASSERT_EQ(s.counters[CTRPOL_COUNTER_ALLOWED], 0);
	nlmsg_free(msg);
}

TEST(reply_with_a_missing_attribute_is_refused_by_its_reader)
{
	struct seen s = { 0 };
	struct nl_msg *msg = reply();

	ASSERT_EQ(nla_put_u32(msg, CTRPOL_A_MODE, CTRPOL_MODE_ENFORCE), 0);
	ASSERT_EQ(ctrpol_nl_parse(nlmsg_hdr(msg), take, &s), -EBADMSG);
	nlmsg_free(msg);
}

/* The parser refuses msg (then freed) before any reader sees it. */
static void assert_refused(struct nl_msg *msg)
{
	struct seen s = { 0 };

	ASSERT_EQ(ctrpol_nl_parse(nlmsg_hdr(msg), take, &s), -EBADMSG);
	ASSERT_EQ(s.calls, 0);
	nlmsg_free(msg);
}

TEST(reply_attributes_of_the_wrong_type_are_refused)
{
	static const char unterminated[3] = { 'w', 'e', 'b' };
	char toolong[CTRPOL_NAME_MAX + 1];
	struct nl_msg *msg;

	msg = reply();
	nla_put(msg, CTRPOL_A_NAME, sizeof(unterminated), unterminated);
	assert_refused(msg);

	memset(toolong, 'a', sizeof(toolong) - 1);
	toolong[sizeof(toolong) - 1] = '\0';
	msg = reply();
	nla_put_string(msg, CTRPOL_A_NAME, toolong);
	assert_refused(msg);

	msg = reply();
	nla_put_string(msg, CTRPOL_A_NAME, "web");
	nla_put_u16(msg, CTRPOL_A_MODE, 1);
	assert_refused(msg);

	msg = reply();
	nla_put_string(msg, CTRPOL_A_NAME, "web");
	nla_put_u32(msg, CTRPOL_A_CGROUP_ID, 1);
	assert_refused(msg);
}
