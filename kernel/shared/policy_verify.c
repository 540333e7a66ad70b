// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier: every byte of a blob is checked here, once, before the kernel
 * (or the tool) reads it, so that the hooks can then index it without
 * checks.  The same source is built into the kernel, the tool and the
 * fuzzers: what the fuzzers prove about it holds for the kernel.
 *
 * Each check returns what is wrong, or NULL.  Arithmetic on sizes is done in
 * u64 on counts already bounded by the blob size (at most
 * CTRPOL_MAX_BLOB_SIZE), so no product can wrap.
 */
#include "policy.h"

static bool all_zero(const void *p, size_t n)
{
	const u8 *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

/* [A-Za-z0-9._-]+, NUL-terminated inside the field and zero-padded after. */
static bool valid_name(const char name[CTRPOL_NAME_MAX])
{
	size_t len = strnlen(name, CTRPOL_NAME_MAX), i;

	if (!len || len == CTRPOL_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return all_zero(name + len, CTRPOL_NAME_MAX - len);
}

static const char *verify_profile(const void *sec, size_t size, struct ctrpol_blob_view *view)
{
	const struct ctrpol_profile_section *p = sec;

	if (size != sizeof(*p))
		return "profile section has the wrong size";
	if (!valid_name(p->name))
		return "profile name is empty, unterminated, not [A-Za-z0-9._-] or not zero-padded";
	if (p->mode != CTRPOL_MODE_ENFORCE && p->mode != CTRPOL_MODE_COMPLAIN)
		return "profile mode is neither enforce nor complain";
	if (p->default_action != CTRPOL_DEFAULT_DENY && p->default_action != CTRPOL_DEFAULT_ALLOW)
		return "profile default is neither deny nor allow";
	if (!all_zero(p->reserved, sizeof(p->reserved)))
		return "profile reserved bytes are not zero";
	view->profile = p;
	return NULL;
}

static const char *verify_dfa_header(const struct ctrpol_dfa *h, size_t size)
{
	u32 nstates = le32_to_cpu(h->nstates), nperms = le32_to_cpu(h->nperms);
	u32 nclasses = le16_to_cpu(h->nclasses);
	unsigned int c;

	if (nstates < 2 || nstates > CTRPOL_MAX_DFA_STATES)
		return "DFA state count is out of range";
	if (nperms < 1 || nperms > CTRPOL_MAX_DFA_PERMS)
		return "DFA permission set count is out of range";
	if (nclasses < 1 || nclasses > 256)
		return "DFA byte class count is out of range";
	if (h->reserved)
		return "DFA reserved field is not zero";
	if ((u64)size != sizeof(*h) + (u64)nperms * sizeof(struct ctrpol_perms) +
			 (u64)nstates * 12 + (u64)le32_to_cpu(h->ntrans) * 8)
		return "DFA section size does not match its counts";
	for (c = 0; c < 256; c++)
		if (h->classes[c] >= nclasses)
			return "DFA byte class out of range";
	return NULL;
}

/* The arrays, once the header proved they fit the section exactly. */
static const char *verify_dfa_arrays(const struct ctrpol_dfa_view *v, u32 perm_mask)
{
	u32 nstates = le32_to_cpu(v->hdr->nstates), ntrans = le32_to_cpu(v->hdr->ntrans);
	u32 nperms = le32_to_cpu(v->hdr->nperms), nclasses = le16_to_cpu(v->hdr->nclasses);
	u32 i;

	if (!all_zero(&v->perms[0], sizeof(v->perms[0])))
		return "DFA permission set 0 is not empty";
	for (i = 0; i < nperms; i++)
		if ((le32_to_cpu(v->perms[i].allow) | le32_to_cpu(v->perms[i].deny) |
		     le32_to_cpu(v->perms[i].audit)) & ~perm_mask)
			return "DFA permission set has unknown bits";
	if (v->accept[0])
		return "DFA dead state accepts";
	if (v->def[0])
		return "DFA dead state has a default transition";
	for (i = 0; i < nstates; i++) {
		if (le32_to_cpu(v->accept[i]) >= nperms)
			return "DFA accepting state names a permission set out of range";
		if ((u64)le32_to_cpu(v->base[i]) + nclasses > ntrans)
			return "DFA state's transitions run past the table";
		if (le32_to_cpu(v->def[i]) >= nstates)
			return "DFA default transition to a state out of range";
	}
	for (i = 0; i < ntrans; i++) {
		u32 next = le32_to_cpu(v->next[i]), check = le32_to_cpu(v->check[i]);

		if (next >= nstates || check >= nstates)
			return "DFA transition to a state out of range";
		if (!check && next)
			return "DFA unused transition slot is not zero";
	}
	return NULL;
}

int ctrpol_dfa_verify(const void *sec, size_t size, u32 perm_mask, struct ctrpol_dfa_view *view,
		      const char **why)
{
	const struct ctrpol_dfa *h = sec;

	*why = size < sizeof(*h) ? "DFA section is shorter than its header" :
				   verify_dfa_header(h, size);
	if (*why)
		return -EINVAL;
	view->hdr = h;
	view->perms = (const void *)(h + 1);
	view->accept = (const void *)(view->perms + le32_to_cpu(h->nperms));
	view->base = view->accept + le32_to_cpu(h->nstates);
	view->def = view->base + le32_to_cpu(h->nstates);
	view->next = view->def + le32_to_cpu(h->nstates);
	view->check = view->next + le32_to_cpu(h->ntrans);
	*why = verify_dfa_arrays(view, perm_mask);
	return *why ? -EINVAL : 0;
}

static const char *verify_file_dfa(const void *sec, size_t size, struct ctrpol_blob_view *view)
{
	const char *why;

	return ctrpol_dfa_verify(sec, size, CTRPOL_FILE_ALL, &view->files, &why) ? why : NULL;
}

static const char *verify_mount_dfa(const void *sec, size_t size, struct ctrpol_blob_view *view)
{
	const char *why;

	return ctrpol_dfa_verify(sec, size, CTRPOL_MOUNT_ALL, &view->mounts, &why) ? why : NULL;
}

static const char *verify_caps(const void *sec, size_t size, struct ctrpol_blob_view *view)
{
	const struct ctrpol_caps *c = sec;

	if (size != sizeof(*c))
		return "capability section has the wrong size";
	if ((le64_to_cpu(c->allow) | le64_to_cpu(c->deny) | le64_to_cpu(c->audit)) &
	    ~CTRPOL_CAP_ALL)
		return "capability set names an unknown capability";
	view->caps = c;
	return NULL;
}

/* Whether the bits of addr after its first prefix bits are all zero. */
static bool host_bits_zero(const u8 addr[16], unsigned int prefix)
{
	if (prefix % 8 && (addr[prefix / 8] & (0xff >> (prefix % 8))))
		return false;
	return all_zero(addr + (prefix + 7) / 8, 16 - (prefix + 7) / 8);
}

static const char *verify_net_rule(const struct ctrpol_net_rule *r)
{
	u16 ops = le16_to_cpu(r->ops);
	u16 pmin = le16_to_cpu(r->port_min), pmax = le16_to_cpu(r->port_max);
	unsigned int max_prefix = r->family == AF_INET ? 32 : r->family == AF_INET6 ? 128 : 0;
	bool restricts = r->prefix || pmin || pmax != 0xffff;

	if (!ops || ops & ~CTRPOL_NET_ALL)
		return "network rule has no or unknown operations";
	if (r->flags & ~(CTRPOL_RULE_DENY | CTRPOL_RULE_AUDIT | CTRPOL_NET_PROTOCOL))
		return "network rule has unknown flags";
	if (r->family > CTRPOL_NET_FAMILY_MAX)
		return "network rule names an unknown address family";
	if (r->type > 6 && r->type != 10)
		return "network rule names an unknown socket type";
	if (!(r->flags & CTRPOL_NET_PROTOCOL) && r->protocol)
		return "network rule has a protocol without its flag";
	if (r->reserved)
		return "network rule reserved field is not zero";
	if (pmin > pmax)
		return "network rule port range is reversed";
	if (r->prefix > max_prefix)
		return "network rule address prefix is too long for its family";
	if (!host_bits_zero(r->addr, r->prefix))
		return "network rule address has bits set after its prefix";
	if (restricts && ((r->family && !max_prefix) || (ops & CTRPOL_NET_CREATE)))
		return "network rule restricts the address of socket creation or a non-IP family";
	return NULL;
}

static const char *verify_peer_rule(const struct ctrpol_peer_rule *r)
{
	if (!r->ops || r->ops & ~CTRPOL_PEER_ALL)
		return "peer rule has no or unknown operations";
	if (r->flags & ~(CTRPOL_RULE_DENY | CTRPOL_RULE_AUDIT | CTRPOL_PEER_UNCONFINED))
		return "peer rule has unknown flags";
	if (!all_zero(r->reserved, sizeof(r->reserved)))
		return "peer rule reserved bytes are not zero";
	if (!(r->ops & CTRPOL_PEER_SIGNAL) != !r->signals)
		return "peer rule has signals without the signal operation, or none with it";
	if (r->flags & CTRPOL_PEER_UNCONFINED ? !all_zero(r->peer, sizeof(r->peer)) :
						!valid_name(r->peer))
		return "peer rule's profile name is invalid";
	return NULL;
}

/* A rule table's header, and that exactly its rules follow it; returns the rules. */
static const void *rule_table(const void *sec, size_t size, size_t rsize, u32 max, u32 *nrules,
			      const char **why)
{
	const struct ctrpol_rule_table *h = sec;

	*why = NULL;
	if (size < sizeof(*h))
		*why = "rule section is shorter than its header";
	else if (le32_to_cpu(h->nrules) > max)
		*why = "rule section has more rules than the limit";
	else if (h->reserved)
		*why = "rule section reserved field is not zero";
	else if ((u64)size != sizeof(*h) + (u64)le32_to_cpu(h->nrules) * rsize)
		*why = "rule section size does not match its rule count";
	else
		*nrules = le32_to_cpu(h->nrules);
	return h + 1;
}

static const char *verify_net(const void *sec, size_t size, struct ctrpol_blob_view *view)
{
	const char *why;
	u32 i;

	view->net = rule_table(sec, size, sizeof(*view->net), CTRPOL_MAX_NET_RULES, &view->nnet,
			       &why);
	for (i = 0; !why && i < view->nnet; i++)
		why = verify_net_rule(&view->net[i]);
	return why;
}

static const char *verify_peers(const void *sec, size_t size, struct ctrpol_blob_view *view)
{
	const char *why;
	u32 i;

	view->peers = rule_table(sec, size, sizeof(*view->peers), CTRPOL_MAX_PEER_RULES,
				 &view->npeers, &why);
	for (i = 0; !why && i < view->npeers; i++)
		why = verify_peer_rule(&view->peers[i]);
	return why;
}

static const char *verify_kernel(const void *sec, size_t size, struct ctrpol_blob_view *view)
{
	const struct ctrpol_kernel *k = sec;

	if (size != sizeof(*k))
		return "kernel section has the wrong size";
	if ((le32_to_cpu(k->allow) | le32_to_cpu(k->deny) | le32_to_cpu(k->audit)) &
	    ~CTRPOL_KERNEL_ALL)
		return "kernel section has unknown bits";
	if (k->reserved)
		return "kernel section reserved field is not zero";
	view->kernel = k;
	return NULL;
}

/* The kernel never reads provenance; its offsets are still proven in range for the tool. */
static const char *verify_provenance(const void *sec, size_t size, struct ctrpol_blob_view *view)
{
	const struct ctrpol_provenance *h = sec;
	const struct ctrpol_rule_origin *o = (const void *)(h + 1);
	u32 nrules, strtab_size, i;
	const char *strtab;

	if (size < sizeof(*h))
		return "provenance section is shorter than its header";
	nrules = le32_to_cpu(h->nrules);
	strtab_size = le32_to_cpu(h->strtab_size);
	if ((u64)size != sizeof(*h) + (u64)nrules * sizeof(*o) + strtab_size)
		return "provenance section size does not match its counts";
	strtab = (const char *)(o + nrules);
	if (!strtab_size || strtab[strtab_size - 1])
		return "provenance string table does not end with NUL";
	for (i = 0; i < nrules; i++, o++) {
		if (o->kind < CTRPOL_RULE_FILE || o->kind > CTRPOL_RULE_KERNEL)
			return "provenance names an unknown rule kind";
		if (o->flags & ~(CTRPOL_RULE_DENY | CTRPOL_RULE_AUDIT) || o->reserved)
			return "provenance rule has unknown flags or reserved bits";
		if (le32_to_cpu(o->target) >= strtab_size || le32_to_cpu(o->file) >= strtab_size)
			return "provenance string offset out of range";
	}
	view->provenance = h;
	view->provenance_size = size;
	return NULL;
}

typedef const char *(*section_verifier)(const void *sec, size_t size,
					struct ctrpol_blob_view *view);

/* Indexed by section type; all are required but PROVENANCE, the last. */
static const section_verifier verifiers[] = {
	[CTRPOL_SEC_PROFILE] = verify_profile,
	[CTRPOL_SEC_FILE_DFA] = verify_file_dfa,
	[CTRPOL_SEC_CAPS] = verify_caps,
	[CTRPOL_SEC_NET] = verify_net,
	[CTRPOL_SEC_MOUNT_DFA] = verify_mount_dfa,
	[CTRPOL_SEC_PEERS] = verify_peers,
	[CTRPOL_SEC_KERNEL] = verify_kernel,
	[CTRPOL_SEC_PROVENANCE] = verify_provenance,
};

static const char *verify_header(const struct ctrpol_blob_header *h, size_t size)
{
	u16 nsections;

	if (size < sizeof(*h) || size > CTRPOL_MAX_BLOB_SIZE)
		return "blob size is out of range";
	if (le32_to_cpu(h->magic) != CTRPOL_BLOB_MAGIC)
		return "not a ctrpol policy: bad magic";
	if (le16_to_cpu(h->abi) != CTRPOL_ABI_VERSION)
		return "policy compiled for another ABI version: recompile it with this ctrpol";
	if (le32_to_cpu(h->size) != size)
		return "blob size field does not match its length";
	if (le32_to_cpu(h->crc32) != ctrpol_crc32(h + 1, size - sizeof(*h)))
		return "blob checksum mismatch: the policy is corrupt";
	nsections = le16_to_cpu(h->nsections);
	if (nsections != CTRPOL_SEC_PROVENANCE - 1 && nsections != CTRPOL_SEC_PROVENANCE)
		return "blob has the wrong number of sections";
	if (sizeof(*h) + nsections * sizeof(struct ctrpol_blob_section) > size)
		return "section directory runs past the blob";
	return NULL;
}

/* Canonical layout: type i + 1 at the next multiple of 8, zero padding, nothing after. */
static const char *verify_sections(const u8 *blob, size_t size, struct ctrpol_blob_view *view)
{
	const struct ctrpol_blob_header *h = (const void *)blob;
	const struct ctrpol_blob_section *dir = (const void *)(h + 1);
	u32 n = le16_to_cpu(h->nsections), i;
	size_t end = sizeof(*h) + n * sizeof(*dir);
	const char *why;

	for (i = 0; i < n; i++) {
		u32 off = le32_to_cpu(dir[i].offset), len = le32_to_cpu(dir[i].size);

		if (le32_to_cpu(dir[i].type) != i + 1)
			return "sections are missing, repeated or out of order";
		if (dir[i].reserved)
			return "section reserved field is not zero";
		if (off != ((end + 7) & ~(size_t)7))
			return "section does not start where the previous one ends";
		if ((u64)off + len > size)
			return "section runs past the blob";
		if (!all_zero(blob + end, off - end))
			return "padding between sections is not zero";
		why = verifiers[i + 1](blob + off, len, view);
		if (why)
			return why;
		end = off + len;
	}
	return end == size ? NULL : "bytes after the last section";
}

int ctrpol_blob_verify(const void *blob, size_t size, struct ctrpol_blob_view *view,
		       const char **why)
{
	memset(view, 0, sizeof(*view));
	if ((uintptr_t)blob % 8)
		*why = "blob is not 8-byte aligned in memory";
	else
		*why = verify_header(blob, size);
	if (!*why)
		*why = verify_sections(blob, size, view);
	return *why ? -EINVAL : 0;
}
