// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's verifier (kernel/shared/policy_verify.c) on a hand-built blob:
 * valid as built, and refused with the right reason after each single
 * corruption, every truncation included.  Blobs live in buffers of their
 * exact size, so ASan reports any read past the end.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/blob_writer.h"
#include "policy.h"

/*
 * A DFA with one byte class besides the rest: "a"* is readable, anything else
 * dead.  Its third, unused permission set leaves the section 4 bytes short
 * of a multiple of 8, so padding follows it.
 */
struct tiny_dfa {
	struct ctrpol_dfa h;
	struct ctrpol_perms perms[3];
	__le32 accept[2], base[2], def[2], next[2], check[2];
};

struct fixture {
	struct ctrpol_profile_section profile;
	struct tiny_dfa files, mounts;
	struct ctrpol_caps caps;
	struct {
		struct ctrpol_rule_table h;
		struct ctrpol_net_rule r[1];
	} net;
	struct {
		struct ctrpol_rule_table h;
		struct ctrpol_peer_rule r[1];
	} peers;
	struct ctrpol_kernel kernel;
	struct {
		struct ctrpol_provenance h;
		struct ctrpol_rule_origin o[1];
		char strtab[8];
	} prov;
};

static void tiny_dfa_init(struct tiny_dfa *d, uint32_t perm)
{
	memset(d, 0, sizeof(*d));
	d->h.nstates = htole32(2);
	d->h.ntrans = htole32(2);
	d->h.nperms = htole32(3);
	d->h.nclasses = htole16(2);
	d->h.classes['a'] = 1;
	d->perms[1].allow = htole32(perm);
	d->accept[1] = htole32(1);
	d->next[1] = htole32(1);	/* state 1, class 1 -> state 1 */
	d->check[1] = htole32(1);
}

static void fixture_init(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	strcpy(f->profile.name, "web");
	f->profile.mode = CTRPOL_MODE_ENFORCE;
	f->profile.default_action = CTRPOL_DEFAULT_DENY;
	tiny_dfa_init(&f->files, CTRPOL_FILE_READ);
	tiny_dfa_init(&f->mounts, CTRPOL_MOUNT_BIND);
	f->caps.allow = htole64(1ULL << 10);
	f->net.h.nrules = htole32(1);
	f->net.r[0] = (struct ctrpol_net_rule){
		.ops = htole16(CTRPOL_NET_CONNECT), .flags = CTRPOL_NET_PROTOCOL,
		.family = AF_INET, .type = 1, .prefix = 8, .protocol = htole16(6),
		.port_min = htole16(443), .port_max = htole16(443), .addr = { 10 },
	};
	f->peers.h.nrules = htole32(1);
	f->peers.r[0].ops = CTRPOL_PEER_SIGNAL;
	f->peers.r[0].signals = htole64(1ULL << (SIGTERM - 1));
	strcpy(f->peers.r[0].peer, "monitor");
	f->kernel.deny = htole32(CTRPOL_KERNEL_BPF);
	f->prov.h.nrules = htole32(1);
	f->prov.h.strtab_size = htole32(sizeof(f->prov.strtab));
	f->prov.o[0].kind = CTRPOL_RULE_FILE;
	f->prov.o[0].target = htole32(2);
	memcpy(f->prov.strtab, "x\0/a*\0\0", 8);
}

/* The sections of f that every blob has, in their order. */
static void fixture_required(const struct fixture *f, struct blob_writer *w)
{
	blob_add(w, CTRPOL_SEC_PROFILE, &f->profile, sizeof(f->profile));
	blob_add(w, CTRPOL_SEC_FILE_DFA, &f->files, sizeof(f->files));
	blob_add(w, CTRPOL_SEC_CAPS, &f->caps, sizeof(f->caps));
	blob_add(w, CTRPOL_SEC_NET, &f->net, sizeof(f->net));
	blob_add(w, CTRPOL_SEC_MOUNT_DFA, &f->mounts, sizeof(f->mounts));
	blob_add(w, CTRPOL_SEC_PEERS, &f->peers, sizeof(f->peers));
	blob_add(w, CTRPOL_SEC_KERNEL, &f->kernel, sizeof(f->kernel));
}

/* The blob of f, in a malloc'd buffer of exactly its size. */
static void *fixture_blob(const struct fixture *f, size_t *size)
{
	struct blob_writer w = { .n = 0 };
	const char *err;
	void *blob;

	fixture_required(f, &w);
	blob_add(&w, CTRPOL_SEC_PROVENANCE, &f->prov, sizeof(f->prov));
	if (blob_finish(&w, &blob, size, &err))
		FAIL("blob_finish: %s", err);
	return blob;
}

/* After editing the bytes of a blob: the checksum that makes the edit count. */
static void reseal(void *blob, size_t size)
{
	struct ctrpol_blob_header *h = blob;

	h->crc32 = htole32(ctrpol_crc32(h + 1, size - sizeof(*h)));
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

/* Fail unless the blob is refused for a reason that mentions want. */
static void expect_refused(const char *name, const void *blob, size_t size, const char *want)
{
	const char *why = refusal(blob, size);

	if (!why)
		FAIL("%s: accepted", name);
	if (!strstr(why, want))
		FAIL("%s: refused with \"%s\", not for \"%s\"", name, why, want);
}

/* The fixture as a blob, which must verify; v points into it. */
static void *verified_blob(struct fixture *f, struct ctrpol_blob_view *v)
{
	const char *why;
	size_t size;
	void *blob = fixture_blob(f, &size);

	if (ctrpol_blob_verify(blob, size, v, &why))
		FAIL("the fixture fails verification: %s", why);
	return blob;
}

TEST(fixture_is_valid_and_matches)
{
	struct ctrpol_blob_view v;
	struct fixture f;
	void *blob;

	fixture_init(&f);
	blob = verified_blob(&f, &v);
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
	struct fixture f;
	void *blob;

	fixture_init(&f);
	f.files.def[1] = htole32(1);	/* state 1: 'a' by its slot, any other byte by default */
	blob = verified_blob(&f, &v);
	ASSERT_EQ(ctrpol_dfa_match(&v.files, "ab/c", 4), 1);
	ASSERT_EQ(ctrpol_dfa_match(&v.mounts, "ab", 2), 0);
	free(blob);
}

TEST(provenance_is_optional)
{
	struct blob_writer w = { .n = 0 };
	struct ctrpol_blob_view v;
	struct fixture f;
	const char *why;
	void *blob;
	size_t size;

	fixture_init(&f);
	fixture_required(&f, &w);
	ASSERT_EQ(blob_finish(&w, &blob, &size, &why), 0);
	ASSERT_EQ(ctrpol_blob_verify(blob, size, &v, &why), 0);
	ASSERT_TRUE(v.provenance == NULL);
	free(blob);
}

/* One corruption of the sections' contents, and the reason it must be refused with. */
struct content_case {
	const char *name;
	void (*corrupt)(struct fixture *f);
	const char *why;
};

#define CONTENT_CASE(id, reason, ...)					\
	static void corrupt_##id(struct fixture *f) { __VA_ARGS__; }	\
	static const struct content_case case_##id = { #id, corrupt_##id, reason }

CONTENT_CASE(name_empty, "profile name", f->profile.name[0] = 0);
CONTENT_CASE(name_bad_char, "profile name", f->profile.name[1] = '/');
CONTENT_CASE(name_unterminated, "profile name", memset(f->profile.name, 'a', CTRPOL_NAME_MAX));
CONTENT_CASE(name_junk_after_nul, "profile name", f->profile.name[10] = 'x');
CONTENT_CASE(mode_zero, "mode", f->profile.mode = 0);
CONTENT_CASE(default_three, "default", f->profile.default_action = 3);
CONTENT_CASE(profile_reserved, "reserved", f->profile.reserved[5] = 1);
CONTENT_CASE(dfa_one_state, "state count", f->files.h.nstates = htole32(1));
CONTENT_CASE(dfa_no_perms, "permission set count", f->files.h.nperms = 0);
CONTENT_CASE(dfa_no_classes, "class count", f->files.h.nclasses = 0);
CONTENT_CASE(dfa_reserved, "reserved", f->files.h.reserved = htole16(1));
CONTENT_CASE(dfa_counts_vs_size, "does not match", f->files.h.ntrans = htole32(1));
CONTENT_CASE(dfa_class_range, "byte class out of range", f->files.h.classes[200] = 2);
CONTENT_CASE(dfa_perms0, "set 0", f->files.perms[0].audit = htole32(1));
CONTENT_CASE(dfa_unknown_perm, "unknown bits", f->files.perms[1].deny = htole32(1U << 10));
CONTENT_CASE(mount_file_perm, "unknown bits",
	     f->mounts.perms[1].allow = htole32(CTRPOL_FILE_SETATTR));
CONTENT_CASE(dfa_dead_accepts, "dead state", f->files.accept[0] = htole32(1));
CONTENT_CASE(dfa_accept_range, "permission set out of range", f->files.accept[1] = htole32(3));
CONTENT_CASE(dfa_base_range, "past the table", f->files.base[1] = htole32(1));
CONTENT_CASE(dfa_dead_default, "dead state has a default", f->files.def[0] = htole32(1));
CONTENT_CASE(dfa_default_range, "default transition to a state out of range",
	     f->mounts.def[1] = htole32(2));
CONTENT_CASE(dfa_next_range, "state out of range", f->files.next[1] = htole32(2));
CONTENT_CASE(dfa_check_range, "state out of range", f->mounts.check[0] = htole32(7));
CONTENT_CASE(dfa_unused_slot, "unused transition", f->files.next[0] = htole32(1));
CONTENT_CASE(caps_unknown, "unknown capability",
	     f->caps.deny = htole64(1ULL << (CTRPOL_CAP_LAST + 1)));
CONTENT_CASE(net_count, "does not match", f->net.h.nrules = htole32(2));
CONTENT_CASE(net_limit, "limit", f->net.h.nrules = htole32(CTRPOL_MAX_NET_RULES + 1));
CONTENT_CASE(net_table_reserved, "reserved", f->net.h.reserved = htole32(1));
CONTENT_CASE(net_no_ops, "operations", f->net.r[0].ops = 0);
CONTENT_CASE(net_unknown_op, "operations", f->net.r[0].ops = htole16(1U << 5));
CONTENT_CASE(net_flags, "flags", f->net.r[0].flags |= 1U << 3);
CONTENT_CASE(net_family, "family", f->net.r[0].family = CTRPOL_NET_FAMILY_MAX + 1);
CONTENT_CASE(net_type, "socket type", f->net.r[0].type = 7);
CONTENT_CASE(net_protocol_flag, "protocol",
	     f->net.r[0].flags &= ~CTRPOL_NET_PROTOCOL);
CONTENT_CASE(net_reserved, "reserved", f->net.r[0].reserved = htole32(1));
CONTENT_CASE(net_ports_reversed, "reversed", f->net.r[0].port_min = htole16(444));
CONTENT_CASE(net_prefix_v4, "prefix", f->net.r[0].prefix = 33);
CONTENT_CASE(net_host_bits, "after its prefix", f->net.r[0].addr[1] = 1);
CONTENT_CASE(net_host_bits_mid_byte, "after its prefix",
	     f->net.r[0].prefix = 9; f->net.r[0].addr[1] = 0x40);
CONTENT_CASE(net_v4_tail, "after its prefix", f->net.r[0].addr[15] = 1);
CONTENT_CASE(net_port_on_create, "socket creation",
	     f->net.r[0].ops = htole16(CTRPOL_NET_CREATE); f->net.r[0].prefix = 0;
	     f->net.r[0].addr[0] = 0);
CONTENT_CASE(net_port_on_unix, "non-IP",
	     f->net.r[0].family = AF_UNIX; f->net.r[0].prefix = 0; f->net.r[0].addr[0] = 0);
CONTENT_CASE(net_prefix_any_family, "prefix", f->net.r[0].family = 0);
CONTENT_CASE(peer_count, "does not match", f->peers.h.nrules = htole32(0));
CONTENT_CASE(peer_no_ops, "operations", f->peers.r[0].ops = 0);
CONTENT_CASE(peer_flags, "flags", f->peers.r[0].flags = 1U << 3);
CONTENT_CASE(peer_reserved, "reserved", f->peers.r[0].reserved[0] = 1);
CONTENT_CASE(peer_no_signals, "signals", f->peers.r[0].signals = 0);
CONTENT_CASE(peer_signals_without_op, "signals", f->peers.r[0].ops = CTRPOL_PEER_READ);
CONTENT_CASE(peer_name, "name", f->peers.r[0].peer[0] = ' ');
CONTENT_CASE(peer_unconfined_named, "name", f->peers.r[0].flags = CTRPOL_PEER_UNCONFINED);
CONTENT_CASE(kernel_unknown, "unknown bits", f->kernel.audit = htole32(1U << 9));
CONTENT_CASE(kernel_reserved, "reserved", f->kernel.reserved = htole32(1));
CONTENT_CASE(prov_count, "does not match", f->prov.h.nrules = htole32(2));
CONTENT_CASE(prov_strtab_nul, "NUL", f->prov.strtab[7] = 'x');
CONTENT_CASE(prov_kind, "kind", f->prov.o[0].kind = CTRPOL_RULE_KERNEL + 1);
CONTENT_CASE(prov_flags, "flags", f->prov.o[0].flags = 4);
CONTENT_CASE(prov_target, "offset", f->prov.o[0].target = htole32(8));
CONTENT_CASE(prov_file, "offset", f->prov.o[0].file = htole32(100));

static const struct content_case *const content_cases[] = {
	&case_name_empty, &case_name_bad_char, &case_name_unterminated, &case_name_junk_after_nul,
	&case_mode_zero, &case_default_three, &case_profile_reserved, &case_dfa_one_state,
	&case_dfa_no_perms, &case_dfa_no_classes, &case_dfa_reserved, &case_dfa_counts_vs_size,
	&case_dfa_class_range, &case_dfa_perms0, &case_dfa_unknown_perm, &case_mount_file_perm,
	&case_dfa_dead_accepts, &case_dfa_accept_range, &case_dfa_base_range,
	&case_dfa_dead_default, &case_dfa_default_range,
	&case_dfa_next_range, &case_dfa_check_range, &case_dfa_unused_slot, &case_caps_unknown,
	&case_net_count, &case_net_limit, &case_net_table_reserved, &case_net_no_ops,
	&case_net_unknown_op, &case_net_flags, &case_net_family, &case_net_type,
	&case_net_protocol_flag, &case_net_reserved, &case_net_ports_reversed,
	&case_net_prefix_v4, &case_net_host_bits, &case_net_host_bits_mid_byte, &case_net_v4_tail,
	&case_net_port_on_create, &case_net_port_on_unix, &case_net_prefix_any_family,
	&case_peer_count, &case_peer_no_ops, &case_peer_flags, &case_peer_reserved,
	&case_peer_no_signals, &case_peer_signals_without_op, &case_peer_name,
	&case_peer_unconfined_named, &case_kernel_unknown, &case_kernel_reserved,
	&case_prov_count, &case_prov_strtab_nul, &case_prov_kind, &case_prov_flags,
	&case_prov_target, &case_prov_file,
};

TEST(every_content_corruption_is_refused_with_its_reason)
{
	size_t i, size;

	for (i = 0; i < sizeof(content_cases) / sizeof(content_cases[0]); i++) {
		const struct content_case *c = content_cases[i];
		struct fixture f;
		void *blob;

		fixture_init(&f);
		c->corrupt(&f);
		blob = fixture_blob(&f, &size);
		expect_refused(c->name, blob, size, c->why);
		free(blob);
	}
}

/* Header and layout corruptions act on the bytes; each is resealed unless it tests the seal. */
struct layout_case {
	const char *name;
	size_t off;		/* byte to change */
	unsigned char value;
	const char *why;
};

#define DIR(i, field) (sizeof(struct ctrpol_blob_header) + \
		       (i) * sizeof(struct ctrpol_blob_section) + \
		       offsetof(struct ctrpol_blob_section, field))

static const struct layout_case layout_cases[] = {
	{ "magic", 0, 'X', "magic" },
	{ "abi", 4, 99, "ABI" },
	{ "nsections_6", 6, 6, "number of sections" },
	{ "nsections_9", 6, 9, "number of sections" },
	{ "size_field", 8, 1, "size field" },
	{ "section_type", DIR(2, type), CTRPOL_SEC_NET, "out of order" },
	{ "section_reserved", DIR(0, reserved), 1, "reserved" },
	{ "section_offset", DIR(1, offset), 8, "does not start" },
	{ "section_size_short", DIR(0, size), 64, "wrong size" },
	{ "section_size_past_end", DIR(7, size) + 2, 1, "past the blob" },
};

TEST(every_layout_corruption_is_refused_with_its_reason)
{
	size_t i, size;

	for (i = 0; i < sizeof(layout_cases) / sizeof(layout_cases[0]); i++) {
		const struct layout_case *c = &layout_cases[i];
		struct fixture f;
		unsigned char *blob;

		fixture_init(&f);
		blob = fixture_blob(&f, &size);
		blob[c->off] = c->value;
		reseal(blob, size);
		expect_refused(c->name, blob, size, c->why);
		free(blob);
	}
}

TEST(nonzero_padding_between_sections_is_refused)
{
	struct ctrpol_blob_section *dir;
	struct fixture f;
	unsigned char *blob;
	size_t size, end;

	fixture_init(&f);
	blob = fixture_blob(&f, &size);
	dir = (void *)(blob + sizeof(struct ctrpol_blob_header));
	for (end = 0; end < 7; end++)
		if ((le32toh(dir[end].offset) + le32toh(dir[end].size)) % 8)
			break;
	ASSERT_TRUE(end < 7);
	blob[le32toh(dir[end].offset) + le32toh(dir[end].size)] = 1;
	reseal(blob, size);
	ASSERT_CONTAINS(refusal(blob, size), "padding");
	free(blob);
}

TEST(a_flipped_bit_breaks_the_checksum)
{
	struct fixture f;
	unsigned char *blob;
	size_t size;

	fixture_init(&f);
	blob = fixture_blob(&f, &size);
	blob[size / 2] ^= 0x10;
	ASSERT_CONTAINS(refusal(blob, size), "checksum");
	free(blob);
}

TEST(every_truncation_is_refused)
{
	struct fixture f;
	unsigned char *blob, *cut;
	size_t size, len;

	fixture_init(&f);
	blob = fixture_blob(&f, &size);
	for (len = 0; len < size; len++) {
		cut = malloc(len ? len : 1);
		memcpy(cut, blob, len);
		/* Make the header agree with the cut, so each later check is reached. */
		if (len >= sizeof(struct ctrpol_blob_header)) {
			((struct ctrpol_blob_header *)cut)->size = htole32(len);
			reseal(cut, len);
		}
		if (!refusal(cut, len))
			FAIL("a blob cut to %zu of %zu bytes is accepted", len, size);
		free(cut);
	}
	free(blob);
}

TEST(trailing_bytes_are_refused)
{
	struct fixture f;
	unsigned char *blob;
	size_t size;

	fixture_init(&f);
	blob = fixture_blob(&f, &size);
	blob = realloc(blob, size + 8);
	memset(blob + size, 0, 8);
	((struct ctrpol_blob_header *)blob)->size = htole32(size + 8);
	reseal(blob, size + 8);
	ASSERT_CONTAINS(refusal(blob, size + 8), "after the last section");
	free(blob);
}

TEST(misaligned_blob_is_refused)
{
	struct fixture f;
	unsigned char *blob, *copy;
	size_t size;

	fixture_init(&f);
	blob = fixture_blob(&f, &size);
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
	struct fixture f;
	struct ctrpol_net_query q;
	const struct ctrpol_net_rule *r = &f.net.r[0];

	fixture_init(&f);
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

TEST(checksum_is_the_ieee_crc32)
{
	/* The check value of CRC-32/ISO-HDLC, which the kernel's crc32_le(~0, ...) ^ ~0 computes. */
	ASSERT_EQ(ctrpol_crc32("123456789", 9), 0xcbf43926);
	ASSERT_EQ(ctrpol_crc32("", 0), 0);
}
