// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's test cases: see verify_cases.h.  Plain C on the shared
 * compat layer, so the kernel and user space run exactly these.
 */
#include "blob_layout.h"
#include "verify_cases.h"

static void tiny_dfa_init(struct ctrpol_tiny_dfa *d, u32 perm)
{
	memset(d, 0, sizeof(*d));
	d->h.nstates = cpu_to_le32(2);
	d->h.ntrans = cpu_to_le32(2);
	d->h.nperms = cpu_to_le32(3);
	d->h.nclasses = cpu_to_le16(2);
	d->h.classes['a'] = 1;
	d->perms[1].allow = cpu_to_le32(perm);
	d->accept[1] = cpu_to_le32(1);
	d->next[1] = cpu_to_le32(1);	/* state 1, class 1 -> state 1 */
	d->check[1] = cpu_to_le32(1);
}

/**
 * ctrpol_fixture_init() - a valid fixture
 * @f: filled with one of each section, each rule valid
 */
void ctrpol_fixture_init(struct ctrpol_fixture *f)
{
	memset(f, 0, sizeof(*f));
	memcpy(f->profile.name, "web", 4);
	f->profile.mode = CTRPOL_MODE_ENFORCE;
	f->profile.default_action = CTRPOL_DEFAULT_DENY;
	tiny_dfa_init(&f->files, CTRPOL_FILE_READ);
	tiny_dfa_init(&f->mounts, CTRPOL_MOUNT_BIND);
	f->caps.allow = cpu_to_le64(1ULL << 10);
	f->net.h.nrules = cpu_to_le32(1);
	f->net.r[0].ops = cpu_to_le16(CTRPOL_NET_CONNECT);
	f->net.r[0].flags = CTRPOL_NET_PROTOCOL;
	f->net.r[0].family = AF_INET;
	f->net.r[0].type = 1;		/* SOCK_STREAM */
	f->net.r[0].prefix = 8;
	f->net.r[0].protocol = cpu_to_le16(6);	/* IPPROTO_TCP */
	f->net.r[0].port_min = cpu_to_le16(443);
	f->net.r[0].port_max = cpu_to_le16(443);
	f->net.r[0].addr[0] = 10;
	f->peers.h.nrules = cpu_to_le32(1);
	f->peers.r[0].ops = CTRPOL_PEER_SIGNAL;
	f->peers.r[0].signals = cpu_to_le64(1ULL << (15 - 1));	/* SIGTERM */
	memcpy(f->peers.r[0].peer, "monitor", 8);
	f->kernel.deny = cpu_to_le32(CTRPOL_KERNEL_BPF);
	f->prov.h.nrules = cpu_to_le32(1);
	f->prov.h.strtab_size = cpu_to_le32(sizeof(f->prov.strtab));
	f->prov.o[0].kind = CTRPOL_RULE_FILE;
	f->prov.o[0].target = cpu_to_le32(2);
	memcpy(f->prov.strtab, "x\0/a*\0\0", 8);
}

/**
 * ctrpol_fixture_blob() - lay the fixture out as a blob
 * @f: the fixture
 * @provenance: whether to add the optional PROVENANCE section
 * @out: %CTRPOL_FIXTURE_MAX bytes, 8-aligned
 *
 * Return: the blob's size.
 */
size_t ctrpol_fixture_blob(const struct ctrpol_fixture *f, bool provenance, void *out)
{
	struct ctrpol_blob_parts parts = { .n = 0 };

	ctrpol_blob_add(&parts, CTRPOL_SEC_PROFILE, &f->profile, sizeof(f->profile));
	ctrpol_blob_add(&parts, CTRPOL_SEC_FILE_DFA, &f->files, sizeof(f->files));
	ctrpol_blob_add(&parts, CTRPOL_SEC_CAPS, &f->caps, sizeof(f->caps));
	ctrpol_blob_add(&parts, CTRPOL_SEC_NET, &f->net, sizeof(f->net));
	ctrpol_blob_add(&parts, CTRPOL_SEC_MOUNT_DFA, &f->mounts, sizeof(f->mounts));
	ctrpol_blob_add(&parts, CTRPOL_SEC_PEERS, &f->peers, sizeof(f->peers));
	ctrpol_blob_add(&parts, CTRPOL_SEC_KERNEL, &f->kernel, sizeof(f->kernel));
	if (provenance)
		ctrpol_blob_add(&parts, CTRPOL_SEC_PROVENANCE, &f->prov, sizeof(f->prov));
	memset(out, 0, CTRPOL_FIXTURE_MAX);
	ctrpol_blob_layout(&parts, out);
	return ctrpol_blob_size(&parts);
}

/**
 * ctrpol_fixture_reseal() - the checksum that makes an edit of a blob count
 * @blob: a blob whose bytes were changed after the header
 * @size: its size
 */
void ctrpol_fixture_reseal(void *blob, size_t size)
{
	struct ctrpol_blob_header *h = blob;

	h->crc32 = cpu_to_le32(ctrpol_crc32(h + 1, size - sizeof(*h)));
}

static void corrupt_name_empty(struct ctrpol_fixture *f)
{
	f->profile.name[0] = 0;
}

static void corrupt_name_bad_char(struct ctrpol_fixture *f)
{
	f->profile.name[1] = '/';
}

static void corrupt_name_unterminated(struct ctrpol_fixture *f)
{
	memset(f->profile.name, 'a', CTRPOL_NAME_MAX);
}

static void corrupt_name_junk_after_nul(struct ctrpol_fixture *f)
{
	f->profile.name[10] = 'x';
}

static void corrupt_mode_zero(struct ctrpol_fixture *f)
{
	f->profile.mode = 0;
}

static void corrupt_default_three(struct ctrpol_fixture *f)
{
	f->profile.default_action = 3;
}

static void corrupt_profile_reserved(struct ctrpol_fixture *f)
{
	f->profile.reserved[5] = 1;
}

static void corrupt_dfa_one_state(struct ctrpol_fixture *f)
{
	f->files.h.nstates = cpu_to_le32(1);
}

static void corrupt_dfa_no_perms(struct ctrpol_fixture *f)
{
	f->files.h.nperms = 0;
}

static void corrupt_dfa_no_classes(struct ctrpol_fixture *f)
{
	f->files.h.nclasses = 0;
}

static void corrupt_dfa_reserved(struct ctrpol_fixture *f)
{
	f->files.h.reserved = cpu_to_le16(1);
}

static void corrupt_dfa_counts_vs_size(struct ctrpol_fixture *f)
{
	f->files.h.ntrans = cpu_to_le32(1);
}

static void corrupt_dfa_class_range(struct ctrpol_fixture *f)
{
	f->files.h.classes[200] = 2;
}

static void corrupt_dfa_perms0(struct ctrpol_fixture *f)
{
	f->files.perms[0].audit = cpu_to_le32(1);
}

static void corrupt_dfa_unknown_perm(struct ctrpol_fixture *f)
{
	f->files.perms[1].deny = cpu_to_le32(1U << 10);
}

static void corrupt_mount_file_perm(struct ctrpol_fixture *f)
{
	f->mounts.perms[1].allow = cpu_to_le32(CTRPOL_FILE_SETATTR);
}

static void corrupt_dfa_dead_accepts(struct ctrpol_fixture *f)
{
	f->files.accept[0] = cpu_to_le32(1);
}

static void corrupt_dfa_accept_range(struct ctrpol_fixture *f)
{
	f->files.accept[1] = cpu_to_le32(3);
}

static void corrupt_dfa_base_range(struct ctrpol_fixture *f)
{
	f->files.base[1] = cpu_to_le32(1);
}

static void corrupt_dfa_dead_default(struct ctrpol_fixture *f)
{
	f->files.def[0] = cpu_to_le32(1);
}

static void corrupt_dfa_default_range(struct ctrpol_fixture *f)
{
	f->mounts.def[1] = cpu_to_le32(2);
}

static void corrupt_dfa_next_range(struct ctrpol_fixture *f)
{
	f->files.next[1] = cpu_to_le32(2);
}

static void corrupt_dfa_check_range(struct ctrpol_fixture *f)
{
	f->mounts.check[0] = cpu_to_le32(7);
}

static void corrupt_dfa_unused_slot(struct ctrpol_fixture *f)
{
	f->files.next[0] = cpu_to_le32(1);
}

static void corrupt_caps_unknown(struct ctrpol_fixture *f)
{
	f->caps.deny = cpu_to_le64(1ULL << (CTRPOL_CAP_LAST + 1));
}

static void corrupt_net_count(struct ctrpol_fixture *f)
{
	f->net.h.nrules = cpu_to_le32(2);
}

static void corrupt_net_limit(struct ctrpol_fixture *f)
{
	f->net.h.nrules = cpu_to_le32(CTRPOL_MAX_NET_RULES + 1);
}

static void corrupt_net_table_reserved(struct ctrpol_fixture *f)
{
	f->net.h.reserved = cpu_to_le32(1);
}

static void corrupt_net_no_ops(struct ctrpol_fixture *f)
{
	f->net.r[0].ops = 0;
}

static void corrupt_net_unknown_op(struct ctrpol_fixture *f)
{
	f->net.r[0].ops = cpu_to_le16(1U << 5);
}

static void corrupt_net_flags(struct ctrpol_fixture *f)
{
	f->net.r[0].flags |= 1U << 3;
}

static void corrupt_net_family(struct ctrpol_fixture *f)
{
	f->net.r[0].family = CTRPOL_NET_FAMILY_MAX + 1;
}

static void corrupt_net_type(struct ctrpol_fixture *f)
{
	f->net.r[0].type = 7;
}

static void corrupt_net_protocol_flag(struct ctrpol_fixture *f)
{
	f->net.r[0].flags &= ~CTRPOL_NET_PROTOCOL;
}

static void corrupt_net_reserved(struct ctrpol_fixture *f)
{
	f->net.r[0].reserved = cpu_to_le32(1);
}

static void corrupt_net_ports_reversed(struct ctrpol_fixture *f)
{
	f->net.r[0].port_min = cpu_to_le16(444);
}

static void corrupt_net_prefix_v4(struct ctrpol_fixture *f)
{
	f->net.r[0].prefix = 33;
}

static void corrupt_net_host_bits(struct ctrpol_fixture *f)
{
	f->net.r[0].addr[1] = 1;
}

static void corrupt_net_host_bits_mid_byte(struct ctrpol_fixture *f)
{
	f->net.r[0].prefix = 9;
	f->net.r[0].addr[1] = 0x40;
}

static void corrupt_net_v4_tail(struct ctrpol_fixture *f)
{
	f->net.r[0].addr[15] = 1;
}

static void corrupt_net_port_on_create(struct ctrpol_fixture *f)
{
	f->net.r[0].ops = cpu_to_le16(CTRPOL_NET_CREATE);
	f->net.r[0].prefix = 0;
	f->net.r[0].addr[0] = 0;
}

static void corrupt_net_port_on_unix(struct ctrpol_fixture *f)
{
	f->net.r[0].family = AF_UNIX;
	f->net.r[0].prefix = 0;
	f->net.r[0].addr[0] = 0;
}

static void corrupt_net_prefix_any_family(struct ctrpol_fixture *f)
{
	f->net.r[0].family = 0;
}

static void corrupt_peer_count(struct ctrpol_fixture *f)
{
	f->peers.h.nrules = cpu_to_le32(0);
}

static void corrupt_peer_no_ops(struct ctrpol_fixture *f)
{
	f->peers.r[0].ops = 0;
}

static void corrupt_peer_flags(struct ctrpol_fixture *f)
{
	f->peers.r[0].flags = 1U << 3;
}

static void corrupt_peer_reserved(struct ctrpol_fixture *f)
{
	f->peers.r[0].reserved[0] = 1;
}

static void corrupt_peer_no_signals(struct ctrpol_fixture *f)
{
	f->peers.r[0].signals = 0;
}

static void corrupt_peer_signals_without_op(struct ctrpol_fixture *f)
{
	f->peers.r[0].ops = CTRPOL_PEER_READ;
}

static void corrupt_peer_name(struct ctrpol_fixture *f)
{
	f->peers.r[0].peer[0] = ' ';
}

static void corrupt_peer_unconfined_named(struct ctrpol_fixture *f)
{
	f->peers.r[0].flags = CTRPOL_PEER_UNCONFINED;
}

static void corrupt_kernel_unknown(struct ctrpol_fixture *f)
{
	f->kernel.audit = cpu_to_le32(1U << 9);
}

static void corrupt_kernel_reserved(struct ctrpol_fixture *f)
{
	f->kernel.reserved = cpu_to_le32(1);
}

static void corrupt_prov_count(struct ctrpol_fixture *f)
{
	f->prov.h.nrules = cpu_to_le32(2);
}

static void corrupt_prov_strtab_nul(struct ctrpol_fixture *f)
{
	f->prov.strtab[7] = 'x';
}

static void corrupt_prov_kind(struct ctrpol_fixture *f)
{
	f->prov.o[0].kind = CTRPOL_RULE_KERNEL + 1;
}

static void corrupt_prov_flags(struct ctrpol_fixture *f)
{
	f->prov.o[0].flags = 4;
}

static void corrupt_prov_target(struct ctrpol_fixture *f)
{
	f->prov.o[0].target = cpu_to_le32(8);
}

static void corrupt_prov_file(struct ctrpol_fixture *f)
{
	f->prov.o[0].file = cpu_to_le32(100);
}

const struct ctrpol_content_case ctrpol_content_cases[] = {
	{ "name_empty", corrupt_name_empty, "profile name" },
	{ "name_bad_char", corrupt_name_bad_char, "profile name" },
	{ "name_unterminated", corrupt_name_unterminated, "profile name" },
	{ "name_junk_after_nul", corrupt_name_junk_after_nul, "profile name" },
	{ "mode_zero", corrupt_mode_zero, "mode" },
	{ "default_three", corrupt_default_three, "default" },
	{ "profile_reserved", corrupt_profile_reserved, "reserved" },
	{ "dfa_one_state", corrupt_dfa_one_state, "state count" },
	{ "dfa_no_perms", corrupt_dfa_no_perms, "permission set count" },
	{ "dfa_no_classes", corrupt_dfa_no_classes, "class count" },
	{ "dfa_reserved", corrupt_dfa_reserved, "reserved" },
	{ "dfa_counts_vs_size", corrupt_dfa_counts_vs_size, "does not match" },
	{ "dfa_class_range", corrupt_dfa_class_range, "byte class out of range" },
	{ "dfa_perms0", corrupt_dfa_perms0, "set 0" },
	{ "dfa_unknown_perm", corrupt_dfa_unknown_perm, "unknown bits" },
	{ "mount_file_perm", corrupt_mount_file_perm, "unknown bits" },
	{ "dfa_dead_accepts", corrupt_dfa_dead_accepts, "dead state" },
	{ "dfa_accept_range", corrupt_dfa_accept_range, "permission set out of range" },
	{ "dfa_base_range", corrupt_dfa_base_range, "past the table" },
	{ "dfa_dead_default", corrupt_dfa_dead_default, "dead state has a default" },
	{ "dfa_default_range", corrupt_dfa_default_range,
	  "default transition to a state out of range" },
	{ "dfa_next_range", corrupt_dfa_next_range, "state out of range" },
	{ "dfa_check_range", corrupt_dfa_check_range, "state out of range" },
	{ "dfa_unused_slot", corrupt_dfa_unused_slot, "unused transition" },
	{ "caps_unknown", corrupt_caps_unknown, "unknown capability" },
	{ "net_count", corrupt_net_count, "does not match" },
	{ "net_limit", corrupt_net_limit, "limit" },
	{ "net_table_reserved", corrupt_net_table_reserved, "reserved" },
	{ "net_no_ops", corrupt_net_no_ops, "operations" },
	{ "net_unknown_op", corrupt_net_unknown_op, "operations" },
	{ "net_flags", corrupt_net_flags, "flags" },
	{ "net_family", corrupt_net_family, "family" },
	{ "net_type", corrupt_net_type, "socket type" },
	{ "net_protocol_flag", corrupt_net_protocol_flag, "protocol" },
	{ "net_reserved", corrupt_net_reserved, "reserved" },
	{ "net_ports_reversed", corrupt_net_ports_reversed, "reversed" },
	{ "net_prefix_v4", corrupt_net_prefix_v4, "prefix" },
	{ "net_host_bits", corrupt_net_host_bits, "after its prefix" },
	{ "net_host_bits_mid_byte", corrupt_net_host_bits_mid_byte, "after its prefix" },
	{ "net_v4_tail", corrupt_net_v4_tail, "after its prefix" },
	{ "net_port_on_create", corrupt_net_port_on_create, "socket creation" },
	{ "net_port_on_unix", corrupt_net_port_on_unix, "non-IP" },
	{ "net_prefix_any_family", corrupt_net_prefix_any_family, "prefix" },
	{ "peer_count", corrupt_peer_count, "does not match" },
	{ "peer_no_ops", corrupt_peer_no_ops, "operations" },
	{ "peer_flags", corrupt_peer_flags, "flags" },
	{ "peer_reserved", corrupt_peer_reserved, "reserved" },
	{ "peer_no_signals", corrupt_peer_no_signals, "signals" },
	{ "peer_signals_without_op", corrupt_peer_signals_without_op, "signals" },
	{ "peer_name", corrupt_peer_name, "name" },
	{ "peer_unconfined_named", corrupt_peer_unconfined_named, "name" },
	{ "kernel_unknown", corrupt_kernel_unknown, "unknown bits" },
	{ "kernel_reserved", corrupt_kernel_reserved, "reserved" },
	{ "prov_count", corrupt_prov_count, "does not match" },
	{ "prov_strtab_nul", corrupt_prov_strtab_nul, "NUL" },
	{ "prov_kind", corrupt_prov_kind, "kind" },
	{ "prov_flags", corrupt_prov_flags, "flags" },
	{ "prov_target", corrupt_prov_target, "offset" },
	{ "prov_file", corrupt_prov_file, "offset" },
};

const size_t ctrpol_ncontent_cases = ARRAY_SIZE(ctrpol_content_cases);

#define DIR(i, field) (sizeof(struct ctrpol_blob_header) + \
		       (i) * sizeof(struct ctrpol_blob_section) + \
		       offsetof(struct ctrpol_blob_section, field))

const struct ctrpol_layout_case ctrpol_layout_cases[] = {
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

const size_t ctrpol_nlayout_cases = ARRAY_SIZE(ctrpol_layout_cases);

/* NULL when the blob is refused for a reason that mentions want; else what went wrong. */
static const char *refused_for(const void *blob, size_t size, const char *want, const char **why)
{
	struct ctrpol_blob_view view;

	*why = NULL;
	if (!ctrpol_blob_verify(blob, size, &view, why))
		return "accepted";
	return strstr(*why, want) ? NULL : "refused for another reason";
}

/**
 * ctrpol_content_case_run() - corrupt a fresh fixture as @c says, and verify it
 * @c: the case
 * @f: room for the fixture (about 1 KiB: too much for a kernel stack frame)
 * @buf: %CTRPOL_FIXTURE_MAX bytes, 8-aligned
 * @why: set to the verifier's reason, if it refused the blob
 *
 * Return: NULL when the blob is refused for the case's reason, else what
 * went wrong.
 */
const char *ctrpol_content_case_run(const struct ctrpol_content_case *c,
				    struct ctrpol_fixture *f, void *buf, const char **why)
{
	size_t size;

	ctrpol_fixture_init(f);
	c->corrupt(f);
	size = ctrpol_fixture_blob(f, true, buf);
	return refused_for(buf, size, c->why, why);
}

/**
 * ctrpol_layout_case_run() - change one byte of a fresh fixture's blob, reseal, verify
 * @c: the case
 * @f: room for the fixture
 * @buf: %CTRPOL_FIXTURE_MAX bytes, 8-aligned
 * @why: set to the verifier's reason, if it refused the blob
 *
 * Return: NULL when the blob is refused for the case's reason, else what
 * went wrong.
 */
const char *ctrpol_layout_case_run(const struct ctrpol_layout_case *c,
				   struct ctrpol_fixture *f, void *buf, const char **why)
{
	size_t size;

	ctrpol_fixture_init(f);
	size = ctrpol_fixture_blob(f, true, buf);
	((u8 *)buf)[c->off] = c->value;
	ctrpol_fixture_reseal(buf, size);
	return refused_for(buf, size, c->why, why);
}
