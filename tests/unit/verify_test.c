// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's verifier (kernel/shared/policy_verify.c) on a hand-built blob
 * (kernel/tests/verify_cases.c, which the KUnit suite runs too): valid as
 * built, and refused with the right reason after each single corruption,
 * every truncation included.  Blobs are copied into buffers of their exact
 * size, so ASan reports any read past the end.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "verify_cases.h"

/* The fixture's blob in a malloc'd buffer of exactly its size. */
static void *fixture_blob(const struct ctrpol_fixture *f, bool provenance, size_t *size)
{
	static uint64_t buf[CTRPOL_FIXTURE_MAX / 8];
	void *blob;

	*size = ctrpol_fixture_blob(f, provenance, buf);
	blob = malloc(*size);
	ASSERT_TRUE(blob != NULL);
	memcpy(blob, buf, *size);
	return blob;
}

static const char *refusal(const void *blob, size_t size)
{
	struct ctrpol_blob_view view;
	const char *why = NULL;

	if (!ctrpol_blob_verify(blob, size, &view, &why))
		return NULL;
	ASSERT_TRUE(why != NULL);
	return why;
}

/* The fixture as a blob, which must verify; v points into it. */
static void *verified_blob(struct ctrpol_fixture *f, bool provenance,
			   struct ctrpol_blob_view *v)
{
	const char *why;
	size_t size;
	void *blob = fixture_blob(f, provenance, &size);

	if (ctrpol_blob_verify(blob, size, v, &why))
		FAIL("the fixture fails verification: %s", why);
	return blob;
}

TEST(fixture_is_valid_and_matches)
{
	struct ctrpol_blob_view v;
	struct ctrpol_fixture f;
	void *blob;

	ctrpol_fixture_init(&f);
	blob = verified_blob(&f, true, &v);
	ASSERT_TRUE(!strcmp(v.profile->name, "web"));
	ASSERT_EQ(v.nnet, 1);
	ASSERT_EQ(v.npeers, 1);
	ASSERT_TRUE(v.provenance != NULL);
	ASSERT_EQ(ctrpol_dfa_match(&v.files, "aaa", 3), 1);
	ASSERT_EQ(ctrpol_dfa_match(&v.files, "", 0), 1);
	ASSERT_EQ(ctrpol_dfa_match(&v.files, "ab", 2), 0);
	ASSERT_EQ(le32toh(v.mounts.perms[1].allow), CTRPOL_MOUNT_BIND);
	free(blob);
}

TEST(a_state_default_takes_the_bytes_it_owns_no_slot_for)
{
	struct ctrpol_blob_view v;
	struct ctrpol_fixture f;
	void *blob;

	ctrpol_fixture_init(&f);
	f.files.def[1] = htole32(1);	/* state 1: 'a' by its slot, any other byte by default */
	blob = verified_blob(&f, true, &v);
	ASSERT_EQ(ctrpol_dfa_match(&v.files, "ab/c", 4), 1);
	ASSERT_EQ(ctrpol_dfa_match(&v.mounts, "ab", 2), 0);
	free(blob);
}

TEST(provenance_is_optional)
{
	struct ctrpol_blob_view v;
	struct ctrpol_fixture f;
	void *blob;

	ctrpol_fixture_init(&f);
	blob = verified_blob(&f, false, &v);
	ASSERT_TRUE(v.provenance == NULL);
	free(blob);
}

TEST(every_content_corruption_is_refused_with_its_reason)
{
	static uint64_t buf[CTRPOL_FIXTURE_MAX / 8];
	const char *why, *wrong;
	struct ctrpol_fixture f;
	size_t i;

	for (i = 0; i < ctrpol_ncontent_cases; i++) {
		wrong = ctrpol_content_case_run(&ctrpol_content_cases[i], &f, buf, &why);
		if (wrong)
			FAIL("%s: %s (%s), not for \"%s\"", ctrpol_content_cases[i].name, wrong,
			     why ? why : "-", ctrpol_content_cases[i].why);
	}
}

TEST(every_layout_corruption_is_refused_with_its_reason)
{
	static uint64_t buf[CTRPOL_FIXTURE_MAX / 8];
	const char *why, *wrong;
	struct ctrpol_fixture f;
	size_t i;

	for (i = 0; i < ctrpol_nlayout_cases; i++) {
		wrong = ctrpol_layout_case_run(&ctrpol_layout_cases[i], &f, buf, &why);
		if (wrong)
			FAIL("%s: %s (%s), not for \"%s\"", ctrpol_layout_cases[i].name, wrong,
			     why ? why : "-", ctrpol_layout_cases[i].why);
	}
}

TEST(nonzero_padding_between_sections_is_refused)
{
	struct ctrpol_blob_section *dir;
	struct ctrpol_fixture f;
	unsigned char *blob;
	size_t size, end;

	ctrpol_fixture_init(&f);
	blob = fixture_blob(&f, true, &size);
	dir = (void *)(blob + sizeof(struct ctrpol_blob_header));
	for (end = 0; end < 7; end++)
		if ((le32toh(dir[end].offset) + le32toh(dir[end].size)) % 8)
			break;
	ASSERT_TRUE(end < 7);
	blob[le32toh(dir[end].offset) + le32toh(dir[end].size)] = 1;
	ctrpol_fixture_reseal(blob, size);
	ASSERT_CONTAINS(refusal(blob, size), "padding");
	free(blob);
}

TEST(a_flipped_bit_breaks_the_checksum)
{
	struct ctrpol_fixture f;
	unsigned char *blob;
	size_t size;

	ctrpol_fixture_init(&f);
	blob = fixture_blob(&f, true, &size);
	blob[size / 2] ^= 0x10;
	ASSERT_CONTAINS(refusal(blob, size), "checksum");
	free(blob);
}

TEST(every_truncation_is_refused)
{
	struct ctrpol_fixture f;
	unsigned char *blob, *cut;
	size_t size, len;

	ctrpol_fixture_init(&f);
	blob = fixture_blob(&f, true, &size);
	for (len = 0; len < size; len++) {
		cut = malloc(len ? len : 1);
		memcpy(cut, blob, len);
		/* Make the header agree with the cut, so each later check is reached. */
		if (len >= sizeof(struct ctrpol_blob_header)) {
			((struct ctrpol_blob_header *)cut)->size = htole32(len);
			ctrpol_fixture_reseal(cut, len);
		}
		if (!refusal(cut, len))
			FAIL("a blob cut to %zu of %zu bytes is accepted", len, size);
		free(cut);
	}
	free(blob);
}

TEST(trailing_bytes_are_refused)
{
	struct ctrpol_fixture f;
	unsigned char *blob;
	size_t size;

	ctrpol_fixture_init(&f);
	blob = fixture_blob(&f, true, &size);
	blob = realloc(blob, size + 8);
	memset(blob + size, 0, 8);
	((struct ctrpol_blob_header *)blob)->size = htole32(size + 8);
	ctrpol_fixture_reseal(blob, size + 8);
	ASSERT_CONTAINS(refusal(blob, size + 8), "after the last section");
	free(blob);
}

TEST(misaligned_blob_is_refused)
{
	struct ctrpol_fixture f;
	unsigned char *blob, *copy;
	size_t size;

	ctrpol_fixture_init(&f);
	blob = fixture_blob(&f, true, &size);
	copy = malloc(size + 4);
	memcpy(copy + 4, blob, size);
	ASSERT_CONTAINS(refusal(copy + 4, size), "aligned");
	free(copy);
	free(blob);
}

static struct ctrpol_net_query query(uint16_t op, const char *addr, uint16_t port)
{
	struct ctrpol_net_query q = { .op = op, .type = 1, .protocol = 6, .port = port };

	q.has_addr = addr != NULL;
	q.family = addr && strchr(addr, ':') ? AF_INET6 : AF_INET;
	if (addr && inet_pton(q.family, addr, q.addr) != 1)
		FAIL("bad test address %s", addr);
	return q;
}

TEST(net_rule_matches_family_protocol_prefix_and_ports)
{
	struct ctrpol_fixture f;
	struct ctrpol_net_query q;
	const struct ctrpol_net_rule *r = &f.net.r[0];

	ctrpol_fixture_init(&f);
	q = query(CTRPOL_NET_CONNECT, "10.255.255.255", 443);
	ASSERT_TRUE(ctrpol_net_match(r, &q));
	q = query(CTRPOL_NET_CONNECT, "11.0.0.0", 443);
	ASSERT_TRUE(!ctrpol_net_match(r, &q));
	q = query(CTRPOL_NET_CONNECT, "10.0.0.1", 444);
	ASSERT_TRUE(!ctrpol_net_match(r, &q));
	q = query(CTRPOL_NET_BIND, "10.0.0.1", 443);
	ASSERT_TRUE(!ctrpol_net_match(r, &q));
	q = query(CTRPOL_NET_CONNECT, "10.0.0.1", 443);
	q.protocol = 17;
	ASSERT_TRUE(!ctrpol_net_match(r, &q));
	q = query(CTRPOL_NET_CONNECT, NULL, 0);
	ASSERT_TRUE(!ctrpol_net_match(r, &q));
}

TEST(net_rule_ipv6_prefix_within_a_byte)
{
	struct ctrpol_net_rule r = {
		.ops = htole16(CTRPOL_NET_CONNECT | CTRPOL_NET_SEND), .family = AF_INET6,
		.prefix = 33, .port_max = htole16(0xffff),
	};
	struct ctrpol_net_query q;

	inet_pton(AF_INET6, "2001:db8::", r.addr);
	q = query(CTRPOL_NET_SEND, "2001:db8:7fff::1", 53);
	ASSERT_TRUE(ctrpol_net_match(&r, &q));
	q = query(CTRPOL_NET_SEND, "2001:db8:8000::1", 53);
	ASSERT_TRUE(!ctrpol_net_match(&r, &q));
	q = query(CTRPOL_NET_SEND, "32.1.13.184", 53);	/* 2001:0db8 as IPv4 bytes */
	ASSERT_TRUE(!ctrpol_net_match(&r, &q));
}

TEST(net_rule_without_restrictions_names_any_socket_of_its_family)
{
	struct ctrpol_net_rule r = {
		.ops = htole16(CTRPOL_NET_CREATE), .family = AF_UNIX, .port_max = htole16(0xffff),
	};
	struct ctrpol_net_query q = { .op = CTRPOL_NET_CREATE, .family = AF_UNIX, .type = 2 };

	ASSERT_TRUE(ctrpol_net_match(&r, &q));
	q.family = AF_INET;
	ASSERT_TRUE(!ctrpol_net_match(&r, &q));
}

/* What ctrpol explain and the hooks decide: every rule naming the operation, in any order. */
TEST(net_decision_combines_every_rule_that_names_the_operation)
{
	struct ctrpol_net_rule rules[3] = {
		{ .ops = htole16(CTRPOL_NET_CONNECT), .port_max = htole16(0xffff) },
		{ .ops = htole16(CTRPOL_NET_CONNECT), .flags = CTRPOL_RULE_DENY | CTRPOL_RULE_AUDIT,
		  .family = AF_INET, .prefix = 8, .port_max = htole16(0xffff) },
		{ .ops = htole16(CTRPOL_NET_BIND), .flags = CTRPOL_RULE_AUDIT,
		  .port_max = htole16(0xffff) },
	};
	struct ctrpol_blob_view v = { .net = rules, .nnet = 3 };
	struct ctrpol_rules_verdict nv;
	struct ctrpol_net_query q;

	inet_pton(AF_INET, "10.0.0.0", rules[1].addr);
	q = query(CTRPOL_NET_CONNECT, "10.1.2.3", 443);
	ctrpol_net_decide(&v, &q, &nv);
	ASSERT_TRUE(nv.allow && nv.deny && nv.audit);
	q = query(CTRPOL_NET_CONNECT, "192.0.2.1", 443);
	ctrpol_net_decide(&v, &q, &nv);
	ASSERT_TRUE(nv.allow && !nv.deny && !nv.audit);
	q = query(CTRPOL_NET_LISTEN, "192.0.2.1", 443);
	ctrpol_net_decide(&v, &q, &nv);
	ASSERT_TRUE(!nv.allow && !nv.deny && !nv.audit);
	q = query(CTRPOL_NET_BIND, NULL, 0);
	ctrpol_net_decide(&v, &q, &nv);
	ASSERT_TRUE(nv.allow && !nv.deny && nv.audit);
}

TEST(net_v4_mapped_address_is_the_ipv4_one)
{
	static const uint8_t v4[4] = { 10, 1, 2, 3 };
	struct ctrpol_net_query q = { .op = CTRPOL_NET_CONNECT, .family = AF_INET6 };
	uint8_t addr[16];

	inet_pton(AF_INET6, "::ffff:10.1.2.3", addr);
	ctrpol_net_set_addr(&q, AF_INET6, addr, 443);
	ASSERT_EQ(q.family, AF_INET);
	ASSERT_TRUE(q.has_addr && q.port == 443 && !memcmp(q.addr, v4, 4));
	inet_pton(AF_INET6, "::10.1.2.3", addr);	/* v4-compatible: not mapped */
	q.family = AF_INET6;
	ctrpol_net_set_addr(&q, AF_INET6, addr, 443);
	ASSERT_EQ(q.family, AF_INET6);
	ASSERT_TRUE(!memcmp(q.addr, addr, 16));
	q.family = AF_INET6;	/* an IPv4 sockaddr on an IPv6 socket */
	ctrpol_net_set_addr(&q, AF_INET, v4, 53);
	ASSERT_EQ(q.family, AF_INET);
	ASSERT_TRUE(q.port == 53 && !memcmp(q.addr, v4, 4) && !q.addr[4]);
}

TEST(checksum_is_the_ieee_crc32)
{
	/* The check value of CRC-32/ISO-HDLC, which the kernel's crc32_le(~0, ...) ^ ~0 computes. */
	ASSERT_EQ(ctrpol_crc32("123456789", 9), 0xcbf43926);
	ASSERT_EQ(ctrpol_crc32("", 0), 0);
}
