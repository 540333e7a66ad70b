// SPDX-License-Identifier: GPL-2.0
/*
 * The counters in the kernel's replies, decoded without a kernel: events
 * sent and dropped and the rate limit in the status reply, and each
 * profile's counters class by class in its LIST_PROFILES message.
 */
#include <errno.h>
#include <string.h>

#include "fake_genl.h"
#include "genl/kernel_lists.h"
#include "genl/kernel_status.h"
#include "harness.h"

static void put_counter(struct nl_msg *msg, int type, uint64_t v)
{
	ASSERT_EQ(nla_put_u64(msg, type, v), 0);
}

static struct nl_msg *status_reply(void)
{
	struct nl_msg *msg = fake_genl_msg(CTRPOL_CMD_GET_STATUS);
	struct nlattr *nest;

	ASSERT_EQ(nla_put_string(msg, CTRPOL_A_VERSION, "0.1.0"), 0);
	ASSERT_EQ(nla_put_u32(msg, CTRPOL_A_ABI_VERSION, CTRPOL_ABI_VERSION), 0);
	nest = nla_nest_start(msg, CTRPOL_A_COUNTERS);
	ASSERT_TRUE(nest);
	put_counter(msg, CTRPOL_COUNTER_REQUESTS, 7);
	put_counter(msg, CTRPOL_COUNTER_EVENTS, 12);
	put_counter(msg, CTRPOL_COUNTER_DROPPED, 3);
	nla_nest_end(msg, nest);
	return msg;
}

/* msg (then freed) decoded by fn into out; returns what decoding returned. */
static int decode(struct nl_msg *msg, ctrpol_reply_fn fn, void *out)
{
	int err = ctrpol_nl_parse(nlmsg_hdr(msg), fn, out);

	nlmsg_free(msg);
	return err;
}

TEST(status_carries_events_and_the_rate_limit)
{
	struct kernel_status ks = { 0 };
	struct nl_msg *msg = status_reply();

	ASSERT_EQ(nla_put_u32(msg, CTRPOL_A_EVENT_RATE, 200), 0);
	ASSERT_EQ(nla_put_u32(msg, CTRPOL_A_EVENT_BURST, 1000), 0);
	ASSERT_EQ(decode(msg, kernel_status_parse, &ks), 0);
	ASSERT_EQ(ks.counters[CTRPOL_COUNTER_REQUESTS], 7);
	ASSERT_EQ(ks.counters[CTRPOL_COUNTER_EVENTS], 12);
	ASSERT_EQ(ks.counters[CTRPOL_COUNTER_DROPPED], 3);
	ASSERT_TRUE(ks.has_event_limit);
	ASSERT_EQ(ks.event_rate, 200);
	ASSERT_EQ(ks.event_burst, 1000);
}

TEST(status_of_a_kernel_without_events_has_no_limit)
{
	struct kernel_status ks = { 0 };

	ASSERT_EQ(decode(status_reply(), kernel_status_parse, &ks), 0);
	ASSERT_TRUE(!ks.has_event_limit);
}

TEST(status_with_a_limit_of_the_wrong_size_is_refused)
{
	struct kernel_status ks = { 0 };
	struct nl_msg *msg = status_reply();

	ASSERT_EQ(nla_put_u64(msg, CTRPOL_A_EVENT_RATE, 200), 0);
	ASSERT_EQ(nla_put_u32(msg, CTRPOL_A_EVENT_BURST, 1000), 0);
	ASSERT_EQ(decode(msg, kernel_status_parse, &ks), -EBADMSG);

	msg = status_reply();
	ASSERT_EQ(nla_put_u16(msg, CTRPOL_A_EVENT_BURST, 1000), 0);
	ASSERT_EQ(decode(msg, kernel_status_parse, &ks), -EBADMSG);
}

static int read_profile(struct nlattr **attrs, void *arg)
{
	return kernel_profile_parse(attrs, arg);
}

/* A LIST_PROFILES message of "web", its class counters nest open. */
static struct nl_msg *profile_msg(struct nlattr **classes)
{
	struct nl_msg *msg = fake_genl_msg(CTRPOL_CMD_LIST_PROFILES);
	struct nlattr *nest;

	ASSERT_EQ(nla_put_string(msg, CTRPOL_A_NAME, "web"), 0);
	nest = nla_nest_start(msg, CTRPOL_A_COUNTERS);
	ASSERT_TRUE(nest);
	put_counter(msg, CTRPOL_COUNTER_ALLOWED, 120);
	put_counter(msg, CTRPOL_COUNTER_EVENTS, 12);
	put_counter(msg, CTRPOL_COUNTER_DROPPED, 1);
	nla_nest_end(msg, nest);
	*classes = nla_nest_start(msg, CTRPOL_A_CLASS_COUNTERS);
	ASSERT_TRUE(*classes);
	return msg;
}

/* One class's nest of counters: allowed, denied, complained. */
static void put_class(struct nl_msg *msg, int kind, uint64_t allowed, uint64_t denied,
		      uint64_t complained)
{
	struct nlattr *nest = nla_nest_start(msg, kind);

	ASSERT_TRUE(nest);
	put_counter(msg, CTRPOL_COUNTER_ALLOWED, allowed);
	put_counter(msg, CTRPOL_COUNTER_DENIED, denied);
	put_counter(msg, CTRPOL_COUNTER_COMPLAINED, complained);
	nla_nest_end(msg, nest);
}

TEST(profile_counters_by_class_are_read_and_new_classes_skipped)
{
	struct kernel_profile p;
	struct nlattr *classes;
	struct nl_msg *msg = profile_msg(&classes);

	put_class(msg, CTRPOL_RULE_FILE, 100, 3, 0);
	put_class(msg, CTRPOL_RULE_KERNEL, 0, 2, 5);
	put_class(msg, CTRPOL_RULE_KIND_MAX + 1, 9, 9, 9);	/* from a newer kernel */
	put_class(msg, 0, 8, 8, 8);
	nla_nest_end(msg, classes);
	ASSERT_EQ(decode(msg, read_profile, &p), 0);
	ASSERT_TRUE(!strcmp(p.name, "web"));
	ASSERT_EQ(p.counters[CTRPOL_COUNTER_ALLOWED], 120);
	ASSERT_EQ(p.counters[CTRPOL_COUNTER_EVENTS], 12);
	ASSERT_EQ(p.counters[CTRPOL_COUNTER_DROPPED], 1);
	ASSERT_EQ(p.class_counters[CTRPOL_RULE_FILE][CTRPOL_COUNTER_ALLOWED], 100);
	ASSERT_EQ(p.class_counters[CTRPOL_RULE_FILE][CTRPOL_COUNTER_DENIED], 3);
	ASSERT_EQ(p.class_counters[CTRPOL_RULE_KERNEL][CTRPOL_COUNTER_DENIED], 2);
	ASSERT_EQ(p.class_counters[CTRPOL_RULE_KERNEL][CTRPOL_COUNTER_COMPLAINED], 5);
	ASSERT_EQ(p.class_counters[CTRPOL_RULE_NET][CTRPOL_COUNTER_ALLOWED], 0);
	ASSERT_EQ(p.class_counters[0][CTRPOL_COUNTER_ALLOWED], 0);
}

TEST(profile_of_a_kernel_without_class_counters_has_zeros)
{
	struct nl_msg *msg = fake_genl_msg(CTRPOL_CMD_LIST_PROFILES);
	struct kernel_profile p;
	unsigned int kind;

	ASSERT_EQ(nla_put_string(msg, CTRPOL_A_NAME, "web"), 0);
	memset(&p, 0xff, sizeof(p));
	ASSERT_EQ(decode(msg, read_profile, &p), 0);
	for (kind = 0; kind <= CTRPOL_RULE_KIND_MAX; kind++)
		ASSERT_EQ(p.class_counters[kind][CTRPOL_COUNTER_DENIED], 0);
}

TEST(class_counters_that_are_not_whole_attributes_are_refused)
{
	struct kernel_profile p;
	struct nlattr *classes;
	struct nl_msg *msg = profile_msg(&classes);

	/* A class holding three bytes: no attribute fits in them. */
	ASSERT_EQ(nla_put(msg, CTRPOL_RULE_NET, 3, "abc"), 0);
	nla_nest_end(msg, classes);
	ASSERT_EQ(decode(msg, read_profile, &p), -EBADMSG);

	msg = profile_msg(&classes);
	put_class(msg, CTRPOL_RULE_FILE, 1, 2, 3);
	/* Two bytes after the last class, inside the nest. */
	ASSERT_TRUE(nlmsg_reserve(msg, 2, 1));
	nla_nest_end(msg, classes);
	ASSERT_EQ(decode(msg, read_profile, &p), -EBADMSG);
}

TEST(class_counters_of_the_wrong_type_are_refused)
{
	struct kernel_profile p;
	struct nl_msg *msg = fake_genl_msg(CTRPOL_CMD_LIST_PROFILES);

	ASSERT_EQ(nla_put_string(msg, CTRPOL_A_NAME, "web"), 0);
	ASSERT_EQ(nla_put_u8(msg, CTRPOL_A_CLASS_COUNTERS, 1), 0);
	/* A nest of one byte cannot be checked as one: what it holds is refused. */
	ASSERT_EQ(decode(msg, read_profile, &p), -EBADMSG);
}
