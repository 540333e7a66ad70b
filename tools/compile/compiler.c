// SPDX-License-Identifier: GPL-2.0
/*
 * A parsed profile to a blob: every section the format requires, in its
 * order, each built from one class of rules, then the provenance of them all.
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "blob_writer.h"
#include "compiler.h"
#include "dfa_build.h"
#include "policy.h"

static uint8_t rule_flags(const struct rule_head *h)
{
	return (h->deny ? CTRPOL_RULE_DENY : 0) | (h->audit ? CTRPOL_RULE_AUDIT : 0);
}

/* Report the glob of r that dfa_builder_add() refused at byte off of what it was given. */
static void glob_error(const struct glob_rule *r, const char *glob, size_t off, const char *msg,
		       struct diag *d)
{
	struct loc at = r->glob_at;
	size_t src_off = off >= r->skip ? off - r->skip : 0;

	/* Without variables, the glob is the source text: point into it. */
	if (!r->expanded && src_off < at.len) {
		at.col += src_off;
		at.len = 1;
	}
	diag_error(d, &at, "%s", msg);
	if (r->expanded)
		diag_hint(d, "after expanding variables the path is %s (error at byte %zu)",
			  glob + r->skip, src_off + 1);
}

/*
 * Rules matched on paths, file or mount rules, all in one DFA: its match cost
 * then does not depend on how many there are.
 */
static int compile_dfa(const struct policy *p, const struct glob_rule *rules, size_t n,
		       struct diag *d, void **dfa, size_t *size)
{
	struct dfa_builder *b = dfa_builder_new();
	const struct dfa_limits lim = { 0, 0 };
	const char *msg;
	size_t i, off;
	int ret = 0;

	if (!b) {
		diag_error(d, NULL, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct glob_rule *r = &rules[i];
		const char *glob = r->glob ? r->glob : r->h.target;
		uint32_t perms = rules == p->files ? ctrpol_file_implied(r->h.perms, r->h.deny) :
						     r->h.perms;
		struct dfa_perms dp = { r->h.deny ? 0 : perms, r->h.deny ? perms : 0,
					r->h.audit ? perms : 0 };

		if (dfa_builder_add(b, glob, &dp, &off, &msg)) {
			glob_error(r, glob, off, msg, d);
			ret = -1;
		}
	}
	if (!ret && dfa_builder_build(b, &lim, dfa, size, &msg)) {
		diag_error(d, p->name_at.src ? &p->name_at : NULL, "%s", msg);
		if (rules == p->mounts)
			diag_hint(d, "this is about the mount rules, built into a DFA as file rules are");
		ret = -1;
	}
	dfa_builder_free(b);
	return ret;
}

/* allow, deny and audit sets of one bit per rule, as the CAPS and KERNEL sections hold them. */
struct bit_sets {
	uint64_t allow, deny, audit;
};

static void add_bits(struct bit_sets *s, const struct rule_head *h, uint64_t bits)
{
	*(h->deny ? &s->deny : &s->allow) |= bits;
	if (h->audit)
		s->audit |= bits;
}

static void compile_caps(const struct policy *p, struct ctrpol_caps *caps)
{
	struct bit_sets s = { 0, 0, 0 };
	size_t i;

	for (i = 0; i < p->ncaps; i++)
		add_bits(&s, &p->caps[i].h, 1ULL << p->caps[i].h.perms);
	caps->allow = htole64(s.allow);
	caps->deny = htole64(s.deny);
	caps->audit = htole64(s.audit);
}

static void compile_kernel(const struct policy *p, struct ctrpol_kernel *k)
{
	struct bit_sets s = { 0, 0, 0 };
	size_t i;

	for (i = 0; i < p->nkernel; i++)
		add_bits(&s, &p->kernel[i].h, p->kernel[i].h.perms);
	memset(k, 0, sizeof(*k));
	k->allow = htole32((uint32_t)s.allow);
	k->deny = htole32((uint32_t)s.deny);
	k->audit = htole32((uint32_t)s.audit);
}

/* A rule table section: its header, then room for max rules of size bytes (zeroed). */
static void *rule_table_new(size_t max, size_t size)
{
	return calloc(1, sizeof(struct ctrpol_rule_table) + max * size);
}

static size_t rule_table_finish(void *sec, uint32_t nrules, size_t size)
{
	struct ctrpol_rule_table *h = sec;

	h->nrules = htole32(nrules);
	return sizeof(*h) + nrules * size;
}

/* Say which rule went past a rule table's limit, which the kernel's linear scan sets. */
static void too_many(const struct rule_head *h, const char *what, unsigned int max,
		     const char *limit, struct diag *d)
{
	diag_error(d, &h->at, "more than %u %s rules in one profile (%s)", max, what, limit);
}

static int compile_net(const struct policy *p, struct diag *d, void **sec, size_t *size)
{
	struct ctrpol_net_rule *out;
	uint32_t n = 0;
	size_t i;

	*sec = rule_table_new(CTRPOL_MAX_NET_RULES, sizeof(*out));
	if (!*sec) {
		diag_error(d, NULL, "out of memory");
		return -1;
	}
	out = (void *)((struct ctrpol_rule_table *)*sec + 1);
	for (i = 0; i < p->nnet; i++) {
		const struct net_rule *r = &p->net[i];
		struct ctrpol_net_rule two[2];
		unsigned int k = net_sel_emit(&r->sel, (uint16_t)r->h.perms, rule_flags(&r->h), two);

		if (n + k > CTRPOL_MAX_NET_RULES) {
			too_many(&r->h, "network", CTRPOL_MAX_NET_RULES, "CTRPOL_MAX_NET_RULES", d);
			diag_hint(d, "the kernel scans them one by one; a rule naming an IP protocol without a family counts twice (inet and inet6)");
			return -1;
		}
		memcpy(&out[n], two, k * sizeof(*two));
		n += k;
	}
	*size = rule_table_finish(*sec, n, sizeof(*out));
	return 0;
}

static int compile_peers(const struct policy *p, struct diag *d, void **sec, size_t *size)
{
	struct ctrpol_peer_rule *out;
	size_t i;

	if (p->npeers > CTRPOL_MAX_PEER_RULES) {
		too_many(&p->peers[CTRPOL_MAX_PEER_RULES].h, "peer", CTRPOL_MAX_PEER_RULES,
			 "CTRPOL_MAX_PEER_RULES", d);
		return -1;
	}
	*sec = rule_table_new(p->npeers, sizeof(*out));
	if (!*sec) {
		diag_error(d, NULL, "out of memory");
		return -1;
	}
	out = (void *)((struct ctrpol_rule_table *)*sec + 1);
	for (i = 0; i < p->npeers; i++) {
		const struct peer_rule *r = &p->peers[i];

		out[i].ops = (uint8_t)r->h.perms;
		out[i].flags = rule_flags(&r->h) | (r->peer[0] ? 0 : CTRPOL_PEER_UNCONFINED);
		out[i].signals = htole64(r->signals);
		memcpy(out[i].peer, r->peer, sizeof(out[i].peer));
	}
	*size = rule_table_finish(*sec, (uint32_t)p->npeers, sizeof(*out));
	return 0;
}

struct strtab {
	char *s;
	size_t len, cap;
};

/* Append str to the table; its offset goes to *off, little-endian. */
static int strtab_add(struct strtab *t, const char *str, uint32_t *off)
{
	size_t n = strlen(str) + 1;

	if (t->len + n > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		char *s;

		while (cap < t->len + n)
			cap *= 2;
		s = realloc(t->s, cap);
		if (!s)
			return -1;
		t->s = s;
		t->cap = cap;
	}
	memcpy(t->s + t->len, str, n);
	*off = htole32(t->len);
	t->len += n;
	return 0;
}

/* One record per source rule, class by class; runs of rules from one file share its name. */
static int add_origins(const struct rule_list *l, struct ctrpol_rule_origin *o, struct strtab *t,
		       const struct source **last, uint32_t *last_off)
{
	size_t i;

	for (i = 0; i < l->n; i++, o++) {
		const struct rule_head *h = rule_at(l, i);

		o->kind = l->kind;
		o->flags = rule_flags(h);
		o->perms = htole32(h->perms);
		o->line = htole32(h->at.line);
		o->col = htole32(h->at.col);
		if (strtab_add(t, h->target ? h->target : "", &o->target))
			return -1;
		if (h->at.src != *last && strtab_add(t, h->at.src->path, last_off))
			return -1;
		*last = h->at.src;
		o->file = *last_off;
	}
	return 0;
}

/* Where each rule came from, for `ctrpol explain` and `ctrpol dump`; the kernel ignores it. */
static int compile_provenance(const struct policy *p, void **out, size_t *size)
{
	size_t nrules = policy_nrules(p), done = 0, k;
	struct ctrpol_rule_origin *rules = calloc(nrules ? nrules : 1, sizeof(*rules));
	struct rule_list lists[POLICY_RULE_KINDS];
	const struct source *last = NULL;
	struct ctrpol_provenance hdr;
	struct strtab t = { 0 };
	uint32_t last_off = 0;
	char *sec = NULL;

	if (!rules)
		return -1;
	policy_rule_lists(p, lists);
	for (k = 0; k < POLICY_RULE_KINDS; done += lists[k++].n)
		if (add_origins(&lists[k], rules + done, &t, &last, &last_off))
			goto out;
	if (!t.len && strtab_add(&t, "", &last_off))
		goto out;
	hdr.nrules = htole32(nrules);
	hdr.strtab_size = htole32(t.len);
	*size = sizeof(hdr) + nrules * sizeof(*rules) + t.len;
	sec = malloc(*size);
	if (sec) {
		memcpy(sec, &hdr, sizeof(hdr));
		memcpy(sec + sizeof(hdr), rules, nrules * sizeof(*rules));
		memcpy(sec + sizeof(hdr) + nrules * sizeof(*rules), t.s, t.len);
		*out = sec;
	}
out:
	free(rules);
	free(t.s);
	return sec ? 0 : -1;
}

/* The sections, built and not yet laid out. */
struct sections {
	struct ctrpol_profile_section profile;
	struct ctrpol_caps caps;
	struct ctrpol_kernel kernel;
	void *files, *net, *mounts, *peers, *prov;
	size_t files_size, net_size, mounts_size, peers_size, prov_size;
};

static int build_sections(const struct policy *p, struct diag *d, struct sections *s)
{
	int ret;

	s->profile.mode = p->mode;
	s->profile.default_action = p->default_action;
	/* Zero-padded, as the format asks, whatever follows the NUL in p->name. */
	strncpy(s->profile.name, p->name, sizeof(s->profile.name));
	compile_caps(p, &s->caps);
	compile_kernel(p, &s->kernel);
	/* Each reports its own errors: run them all, for all the errors at once. */
	ret = compile_dfa(p, p->files, p->nfiles, d, &s->files, &s->files_size);
	ret |= compile_net(p, d, &s->net, &s->net_size);
	ret |= compile_dfa(p, p->mounts, p->nmounts, d, &s->mounts, &s->mounts_size);
	ret |= compile_peers(p, d, &s->peers, &s->peers_size);
	if (!ret && compile_provenance(p, &s->prov, &s->prov_size)) {
		diag_error(d, NULL, "out of memory");
		ret = -1;
	}
	return ret;
}

int policy_compile(const struct policy *p, struct diag *d, void **blob, size_t *size)
{
	struct sections s = { .files = NULL };
	struct ctrpol_blob_parts w = { .n = 0 };
	const char *msg;
	int ret = -1;

	if (!build_sections(p, d, &s)) {
		ctrpol_blob_add(&w, CTRPOL_SEC_PROFILE, &s.profile, sizeof(s.profile));
		ctrpol_blob_add(&w, CTRPOL_SEC_FILE_DFA, s.files, s.files_size);
		ctrpol_blob_add(&w, CTRPOL_SEC_CAPS, &s.caps, sizeof(s.caps));
		ctrpol_blob_add(&w, CTRPOL_SEC_NET, s.net, s.net_size);
		ctrpol_blob_add(&w, CTRPOL_SEC_MOUNT_DFA, s.mounts, s.mounts_size);
		ctrpol_blob_add(&w, CTRPOL_SEC_PEERS, s.peers, s.peers_size);
		ctrpol_blob_add(&w, CTRPOL_SEC_KERNEL, &s.kernel, sizeof(s.kernel));
		ctrpol_blob_add(&w, CTRPOL_SEC_PROVENANCE, s.prov, s.prov_size);
		if (blob_finish(&w, blob, size, &msg))
			diag_error(d, p->name_at.src ? &p->name_at : NULL, "%s", msg);
		else
			ret = 0;
	}
	free(s.files);
	free(s.net);
	free(s.mounts);
	free(s.peers);
	free(s.prov);
	return ret;
}
