// SPDX-License-Identifier: GPL-2.0
/* extack_message() on well-formed, truncated and hostile netlink error messages. */
#include <errno.h>
#include <string.h>

#include "genl/extack.h"
#include "harness.h"

/* An NLMSG_ERROR message built by hand, as the kernel would lay it out. */
struct errmsg {
	union {
		struct nlmsghdr nlh;
		unsigned char bytes[512];
	};
	size_t len;
};

static struct errmsg *start(struct errmsg *m, unsigned short flags, size_t echoed)
{
	struct nlmsgerr *e;

	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_type = NLMSG_ERROR;
	m->nlh.nlmsg_flags = flags;
	e = NLMSG_DATA(&m->nlh);
	e->error = -EINVAL;
	e->msg.nlmsg_len = sizeof(e->msg) + echoed;
	m->len = NLMSG_HDRLEN + sizeof(*e) + NLMSG_ALIGN(echoed);
	m->nlh.nlmsg_len = m->len;
	return m;
}

static void put(struct errmsg *m, unsigned short type, const void *data, size_t len)
{
	struct nlattr *nla = (struct nlattr *)(m->bytes + m->len);

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy((char *)nla + NLA_HDRLEN, data, len);
	m->len += NLA_ALIGN(nla->nla_len);
	m->nlh.nlmsg_len = m->len;
}

static const char *parse(const struct errmsg *m, char *buf, size_t size)
{
	extack_message(&m->nlh, m->len, buf, size);
	return buf;
}

TEST(message_of_a_capped_ack)
{
	struct errmsg m;
	char buf[64];

	start(&m, NLM_F_ACK_TLVS | NLM_F_CAPPED, 0);
	put(&m, NLMSGERR_ATTR_MSG, "Unsupported attribute", 22);
	ASSERT_TRUE(!strcmp(parse(&m, buf, sizeof(buf)), "Unsupported attribute"));
}

TEST(message_after_an_echoed_request_and_other_attributes)
{
	struct errmsg m;
	unsigned int offs = 20;
	char buf[64];

	start(&m, NLM_F_ACK_TLVS, 13);
	put(&m, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
	put(&m, NLMSGERR_ATTR_MSG, "bad", 4);
	ASSERT_TRUE(!strcmp(parse(&m, buf, sizeof(buf)), "bad"));
}

TEST(no_tlv_flag_means_no_message)
{
	struct errmsg m;
	char buf[64] = "stale";

	start(&m, NLM_F_CAPPED, 0);
	put(&m, NLMSGERR_ATTR_MSG, "ignored", 8);
	ASSERT_EQ(parse(&m, buf, sizeof(buf))[0], '\0');
}

TEST(attribute_running_past_the_message_is_ignored)
{
	struct errmsg m;
	char buf[64];

	start(&m, NLM_F_ACK_TLVS | NLM_F_CAPPED, 0);
	put(&m, NLMSGERR_ATTR_MSG, "truncated", 10);
	m.len -= 8;
	m.nlh.nlmsg_len = m.len;
	ASSERT_EQ(parse(&m, buf, sizeof(buf))[0], '\0');
}

TEST(zero_length_attribute_does_not_loop)
{
	struct errmsg m;
	char buf[64];

	start(&m, NLM_F_ACK_TLVS | NLM_F_CAPPED, 0);
	put(&m, NLMSGERR_ATTR_OFFS, "", 0);
	((struct nlattr *)(m.bytes + m.len - NLA_HDRLEN))->nla_len = 0;
	put(&m, NLMSGERR_ATTR_MSG, "unreached", 10);
	ASSERT_EQ(parse(&m, buf, sizeof(buf))[0], '\0');
}

TEST(header_claiming_more_than_received_is_ignored)
{
	struct errmsg m;
	char buf[64];

	start(&m, NLM_F_ACK_TLVS | NLM_F_CAPPED, 0);
	put(&m, NLMSGERR_ATTR_MSG, "x", 2);
	ASSERT_EQ((extack_message(&m.nlh, m.len - 1, buf, sizeof(buf)), buf[0]), '\0');
}

TEST(echoed_request_longer_than_the_message_is_ignored)
{
	struct errmsg m;
	char buf[64];

	start(&m, NLM_F_ACK_TLVS, 0);
	put(&m, NLMSGERR_ATTR_MSG, "x", 2);
	((struct nlmsgerr *)NLMSG_DATA(&m.nlh))->msg.nlmsg_len = 4096;
	ASSERT_EQ(parse(&m, buf, sizeof(buf))[0], '\0');
}

TEST(unterminated_or_long_message_is_cut_to_the_buffer)
{
	struct errmsg m;
	char buf[5];

	start(&m, NLM_F_ACK_TLVS | NLM_F_CAPPED, 0);
	put(&m, NLMSGERR_ATTR_MSG, "abcdefgh", 8);
	ASSERT_TRUE(!strcmp(parse(&m, buf, sizeof(buf)), "abcd"));
}

/* The NLMSG_DONE ending a dump: the dump's errno, then the same TLVs. */
static struct errmsg *start_done(struct errmsg *m, unsigned short flags, int error)
{
	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_type = NLMSG_DONE;
	m->nlh.nlmsg_flags = NLM_F_MULTI | flags;
	memcpy(NLMSG_DATA(&m->nlh), &error, sizeof(error));
	m->len = NLMSG_HDRLEN + sizeof(error);
	m->nlh.nlmsg_len = m->len;
	return m;
}

TEST(message_of_a_failed_dump)
{
	struct errmsg m;
	char buf[64];

	start_done(&m, NLM_F_ACK_TLVS, -EPERM);
	put(&m, NLMSGERR_ATTR_MSG, "CAP_NET_ADMIN is required", 26);
	ASSERT_TRUE(!strcmp(parse(&m, buf, sizeof(buf)), "CAP_NET_ADMIN is required"));
}

TEST(done_without_tlvs_has_no_message)
{
	struct errmsg m;
	char buf[64] = "stale";

	start_done(&m, 0, 0);
	ASSERT_EQ(parse(&m, buf, sizeof(buf))[0], '\0');
	/* Shorter than its errno: nothing is read past it. */
	start_done(&m, NLM_F_ACK_TLVS, -EIO);
	m.len = NLMSG_HDRLEN + 2;
	m.nlh.nlmsg_len = m.len;
	ASSERT_EQ(parse(&m, buf, sizeof(buf))[0], '\0');
}
