// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: a fuzzer of the ctrpol generic netlink family.
 *
 * Each datagram is built knowing the family (its commands, their attributes,
 * real compiled profiles sent in chunks) and then damaged: wrong types and
 * lengths, nested garbage, lying nla_len and nlmsg_len, truncation, a second
 * message in the tail, blobs bit-flipped, cut, spliced or edited field by
 * field.  A mirror of what the kernel's netlink, generic netlink and our
 * handlers check, over a model of the loaded profiles and attachments,
 * predicts the exact answer to every message: so a missing answer, a
 * different errno, or a blob the verifier refuses being loaded (the user-space
 * build of the same verifier decides) fails the case, and the model is
 * compared with the kernel's listings as the campaign goes.
 *
 * CTRPOL_NLFUZZ=ITERATIONS[,SEED] (the boot parameter ctrpol.nlfuzz, see
 * scripts/vm-init) sets the length and the seed; without it each case runs a
 * short campaign that also stops at a time budget.  docs/fuzzing.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"
#include "policy.h"
#include "rawgenl.h"
#include <linux/ctrpol.h>

#define NOBODY 65534
#define MSG_MAX (1024 * 1024)		/* the largest datagram of a campaign */
#define ANSWER_MS 20000			/* an answer later than this is a hang */
#define MAX_IDS 256
#define MAX_PROFILES 256		/* edited names add profiles */
#define MAX_ATTACH 64
#define MAX_EXPECT 4
#define NPOOL 4				/* cgroups the campaign may attach to */
#define NSEEDS 3

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* ---- seeded randomness ---- */

static uint64_t rng;

/* splitmix64: one 64-bit state, so a seed reproduces a campaign exactly. */
static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static bool chance(unsigned int percent)
{
	return below(100) < percent;
}

static void fill_random(unsigned char *p, size_t n)
{
	unsigned int style = below(4);
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = style == 0 ? 0 : style == 1 ? 0xff : (unsigned char)rnd();
}

/* ---- what the kernel holds, as the campaign believes ---- */

struct mprofile {
	char name[CTRPOL_NAME_MAX];
	uint32_t mode, size, nattached;
};

struct mattach {
	uint64_t cgid;
	char name[CTRPOL_NAME_MAX];
	uint32_t flags;
};

struct model {
	struct mprofile prof[MAX_PROFILES];
	int nprof;
	struct mattach att[MAX_ATTACH];
	int natt;
};

static int model_profile(const struct model *m, const char *name)
{
	int i;

	for (i = 0; i < m->nprof; i++)
		if (!strcmp(m->prof[i].name, name))
			return i;
	return -1;
}

static int model_attachment(const struct model *m, uint64_t cgid)
{
	int i;

	for (i = 0; i < m->natt; i++)
		if (m->att[i].cgid == cgid)
			return i;
	return -1;
}

static void model_drop_attachment(struct model *m, int i)
{
	int p = model_profile(m, m->att[i].name);

	if (p >= 0)
		m->prof[p].nattached--;
	m->att[i] = m->att[--m->natt];
}

static void profile_reply(const struct rawgenl_msg *r, void *arg)
{
	const struct nlattr *name = rawgenl_attr(r, CTRPOL_A_NAME);
	const struct nlattr *mode = rawgenl_attr(r, CTRPOL_A_MODE);
	const struct nlattr *size = rawgenl_attr(r, CTRPOL_A_BLOB_SIZE);
	const struct nlattr *natt = rawgenl_attr(r, CTRPOL_A_NATTACHMENTS);
	struct model *m = arg;
	struct mprofile *p;

	if (!name || !mode || !size || !natt || m->nprof == MAX_PROFILES)
		FAIL("a profile listing without its attributes, or too many profiles");
	p = &m->prof[m->nprof++];
	snprintf(p->name, sizeof(p->name), "%s", (const char *)name + NLA_HDRLEN);
	memcpy(&p->mode, (const char *)mode + NLA_HDRLEN, 4);
	memcpy(&p->size, (const char *)size + NLA_HDRLEN, 4);
	memcpy(&p->nattached, (const char *)natt + NLA_HDRLEN, 4);
}

static void attachment_reply(const struct rawgenl_msg *r, void *arg)
{
	const struct nlattr *id = rawgenl_attr(r, CTRPOL_A_CGROUP_ID);
	const struct nlattr *name = rawgenl_attr(r, CTRPOL_A_NAME);
	const struct nlattr *flags = rawgenl_attr(r, CTRPOL_A_FLAGS);
	struct model *m = arg;
	struct mattach *a;

	if (!id || !name || !flags || m->natt == MAX_ATTACH)
		FAIL("an attachment listing without its attributes, or too many attachments");
	a = &m->att[m->natt++];
	memcpy(&a->cgid, (const char *)id + NLA_HDRLEN, 8);
	snprintf(a->name, sizeof(a->name), "%s", (const char *)name + NLA_HDRLEN);
	memcpy(&a->flags, (const char *)flags + NLA_HDRLEN, 4);
}

/*
 * The kernel's state, from its listings; the status counts must agree with
 * them.  The profiles are listed first: no listing may count the attachment
 * of a removed cgroup, whatever command comes first after its removal.
 */
static void model_from_kernel(struct model *m)
{
	uint32_t nprof, natt;

	memset(m, 0, sizeof(*m));
	request_dump(CTRPOL_CMD_LIST_PROFILES, "profiles", profile_reply, m);
	request_dump(CTRPOL_CMD_LIST_ATTACHMENTS, "attachments", attachment_reply, m);
	nprof = status_u32(CTRPOL_A_NPROFILES);
	natt = status_u32(CTRPOL_A_NATTACHMENTS);
	if ((int)nprof != m->nprof || (int)natt != m->natt)
		FAIL("status counts %u profiles and %u attachments, the listings %d and %d",
		     nprof, natt, m->nprof, m->natt);
}

static int cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A model as sorted text, so that two compare whatever the listing order. */
static void render(const struct model *m, char *out, size_t size)
{
	static char lines[MAX_PROFILES + MAX_ATTACH][160];
	char *sorted[MAX_PROFILES + MAX_ATTACH];
	int i, n = 0;
	size_t used = 0;

	for (i = 0; i < m->nprof; i++, n++)
		snprintf(lines[n], sizeof(lines[n]), "profile %s mode %u size %u attached %u",
			 m->prof[i].name, m->prof[i].mode, m->prof[i].size, m->prof[i].nattached);
	for (i = 0; i < m->natt; i++, n++)
		snprintf(lines[n], sizeof(lines[n]), "attach %" PRIu64 " %s flags %u",
			 m->att[i].cgid, m->att[i].name, m->att[i].flags);
	for (i = 0; i < n; i++)
		sorted[i] = lines[i];
	qsort(sorted, n, sizeof(sorted[0]), cmp_lines);
	out[0] = '\0';
	for (i = 0; i < n && used < size; i++)
		used += snprintf(out + used, size - used, "#   %s\n", sorted[i]);
}

/* The kernel must hold exactly what the model says. */
static void check_kernel_matches(const struct model *want, const char *when)
{
	static char a[65536], b[65536];
	struct model got;

	model_from_kernel(&got);
	render(want, a, sizeof(a));
	render(&got, b, sizeof(b));
	if (strcmp(a, b))
		FAIL("%s, the kernel holds\n%s# where it should hold\n%s", when, b, a);
}

/* ---- the cgroups of a campaign ---- */

struct world {
	uint64_t live[MAX_IDS];		/* every cgroup directory now */
	int nlive;
	uint64_t ids[MAX_IDS];		/* ids messages draw from */
	int nids;
	uint64_t root, pool[NPOOL];
	struct model base;		/* the kernel's state before the campaign */
};

static struct world *walking;

static int note_dir(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)path, (void)ftw;
	if (type == FTW_D && walking->nlive < MAX_IDS)
		walking->live[walking->nlive++] = st->st_ino;
	return 0;
}

static void scan_cgroups(struct world *w)
{
	w->nlive = 0;
	walking = w;
	if (nftw(CGROUP_ROOT, note_dir, 16, FTW_PHYS))
		FAIL("walking %s: %s", CGROUP_ROOT, strerror(errno));
}

static bool cgroup_live(const struct world *w, uint64_t id)
{
	int i;

	for (i = 0; i < w->nlive; i++)
		if (w->live[i] == id)
			return true;
	return false;
}

static void add_id(struct world *w, uint64_t id)
{
	if (w->nids < MAX_IDS)
		w->ids[w->nids++] = id;
}

static uint64_t inode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		FAIL("stat %s: %s", path, strerror(errno));
	return st.st_ino;
}

static void pool_path(int i, char *out, size_t size)
{
	snprintf(out, size, "nlfuzz/c%d", i);
}

/*
 * Cgroups to attach to (a parent and NPOOL children), the root, files of
 * the cgroup2 filesystem (their inodes are no cgroup), and whatever is
 * attached already.
 */
static void world_init(struct world *w)
{
	char path[64];
	int i;

	memset(w, 0, sizeof(*w));
	w->root = inode_of(CGROUP_ROOT);
	add_id(w, w->root);
	add_id(w, cgroup_create("nlfuzz"));
	for (i = 0; i < NPOOL; i++) {
		pool_path(i, path, sizeof(path));
		w->pool[i] = cgroup_create(path);
		add_id(w, w->pool[i]);
	}
	add_id(w, inode_of(CGROUP_ROOT "/cgroup.procs"));
	add_id(w, inode_of(CGROUP_ROOT "/nlfuzz/cgroup.procs"));
	scan_cgroups(w);
	model_from_kernel(&w->base);
	for (i = 0; i < w->base.natt; i++)
		add_id(w, w->base.att[i].cgid);
}

/*
 * Remove pool cgroup i and make it again: its old id names a removed cgroup
 * from now on.  If it had a profile, the kernel must list neither the
 * attachment nor its count on the profile, first thing.
 */
static void churn_cgroup(struct world *w, struct model *m, int i)
{
	char path[64], full[128];
	int a = model_attachment(m, w->pool[i]);

	pool_path(i, path, sizeof(path));
	snprintf(full, sizeof(full), "%s/%s", CGROUP_ROOT, path);
	if (rmdir(full))
		FAIL("rmdir %s: %s", full, strerror(errno));
	/* Every command the kernel runs drops it before anything else. */
	if (a >= 0)
		model_drop_attachment(m, a);
	w->pool[i] = cgroup_create(path);
	add_id(w, w->pool[i]);
	scan_cgroups(w);
	if (a >= 0)
		check_kernel_matches(m, "after removing an attached cgroup");
}

/* ---- profiles to send: compiled, then damaged ---- */

struct seed {
	unsigned char *b;
	size_t size;
};

static struct seed seeds[NSEEDS];
static const char *const names[] = {
	"nlfuzz-a", "nlfuzz-b", "nlfuzz-m0", "nlfuzz-m1",
};
static unsigned char blob[MSG_MAX] __attribute__((aligned(8)));

static void fix_crc(unsigned char *b, size_t size)
{
	struct ctrpol_blob_header *h = (void *)b;

	if (size >= sizeof(*h))
		h->crc32 = htole32(ctrpol_crc32(b + sizeof(*h), size - sizeof(*h)));
}

/*
 * Grow a valid blob by extra bytes and keep it valid: the provenance
 * section, last, is checked for bounds only, and its string table may
 * end in any number of NULs.
 */
static size_t inflate(unsigned char *b, size_t size, size_t extra)
{
	struct ctrpol_blob_header *h = (void *)b;
	struct ctrpol_blob_section *last = (void *)(h + 1);
	struct ctrpol_provenance *pv;

	if (le16toh(h->nsections) != CTRPOL_SEC_PROVENANCE || size + extra > MSG_MAX)
		return size;
	last += CTRPOL_SEC_PROVENANCE - 1;
	pv = (void *)(b + le32toh(last->offset));
	memset(b + size, 0, extra);
	pv->strtab_size = htole32(le32toh(pv->strtab_size) + extra);
	last->size = htole32(le32toh(last->size) + extra);
	h->size = htole32(size + extra);
	fix_crc(b, size + extra);
	return size + extra;
}

static bool blob_valid(const void *b, size_t size)
{
	struct ctrpol_blob_view view;
	const char *why;

	return !ctrpol_blob_verify(b, size, &view, &why);
}

static void seed_set(int i, const void *b, size_t size)
{
	seeds[i].b = malloc(size);
	if (!seeds[i].b)
		FAIL("out of memory");
	memcpy(seeds[i].b, b, size);
	seeds[i].size = size;
	if (!blob_valid(seeds[i].b, size))
		FAIL("seed profile %d does not verify", i);
}

/* Two small profiles and a large one that takes several chunks. */
static void seeds_init(void)
{
	static unsigned char b[65536] __attribute__((aligned(8)));
	size_t size;

	size = compile_profile(names[0], "allow read /tmp/nlfuzz-*", b, sizeof(b));
	seed_set(0, b, size);
	size = compile_profile(names[1], "mode complain\nallow cap chown\n"
			       "allow net bind,listen tcp port 80\ndeny write /etc/**", b, sizeof(b));
	seed_set(1, b, size);
	memcpy(blob, seeds[0].b, seeds[0].size);
	size = inflate(blob, seeds[0].size, 3 * CTRPOL_BLOB_CHUNK_MAX / 2);
	if (size == seeds[0].size)
		FAIL("the compiled seed has no provenance section to grow");
	seed_set(2, blob, size);
}

/* Where a field of a blob is, if the blob is long enough to have it. */
struct field {
	size_t off;
	unsigned int width;
};

/* The fields the verifier reads first: header, directory, section headers. */
static int blob_fields(const unsigned char *b, size_t size, struct field *f, int max)
{
	static const struct field header[] = { { 0, 4 }, { 4, 2 }, { 6, 2 }, { 8, 4 }, { 12, 4 } };
	size_t dir = sizeof(struct ctrpol_blob_header);
	int n = 0, i;
	unsigned int k;
	uint32_t off;

	for (i = 0; i < 5; i++)
		f[n++] = header[i];
	for (i = 0; i < CTRPOL_SEC_PROVENANCE && dir + 16 * (i + 1) <= size && n + 11 <= max; i++) {
		for (k = 0; k < 16; k += 4)
			f[n++] = (struct field){ dir + 16 * i + k, 4 };
		memcpy(&off, b + dir + 16 * i + 4, 4);
		off = le32toh(off);
		/* A section's first words: counts, mode, a name byte. */
		for (k = 0; k < 16; k += 4)
			if (off + k + 4 <= size)
				f[n++] = (struct field){ off + k, 4 };
		if (i == 0 && off + 72 <= size) {
			f[n++] = (struct field){ off + below(64), 1 };
			f[n++] = (struct field){ off + 64, 1 };
			f[n++] = (struct field){ off + 65, 1 };
		}
	}
	return n;
}

static uint32_t edge_value(uint32_t old)
{
	static const uint32_t edges[] = {
		0, 1, 2, 7, 8, 16, 17, 255, 256, 65535, 65536, 0x7fffffff, 0x80000000, 0xffffffff,
		CTRPOL_MAX_BLOB_SIZE, CTRPOL_MAX_DFA_STATES, CTRPOL_MAX_NET_RULES + 1,
	};

	switch (below(4)) {
	case 0:
		return edges[below(sizeof(edges) / sizeof(edges[0]))];
	case 1:
		return old + 1 - 2 * below(2);
	case 2:
		return old + 8 - 16 * below(2);
	default:
		return rnd();
	}
}

static void edit_fields(unsigned char *b, size_t size)
{
	struct field f[128];
	int n = blob_fields(b, size, f, 128), edits = 1 + below(3);
	uint32_t v = 0;

	while (edits--) {
		struct field *x = &f[below(n)];

		if (x->off + x->width > size)
			continue;
		memcpy(&v, b + x->off, x->width);
		v = htole32(edge_value(le32toh(v)));
		memcpy(b + x->off, &v, x->width);
	}
}

/* A valid profile under another name, which the model must then track. */
static void rename_profile(unsigned char *b, size_t size)
{
	const struct ctrpol_blob_section *dir = (const void *)(b + sizeof(struct ctrpol_blob_header));
	size_t off;

	if (size < sizeof(struct ctrpol_blob_header) + sizeof(*dir))
		return;
	off = le32toh(dir->offset);
	if (off + CTRPOL_NAME_MAX > size)
		return;
	memset(b + off, 0, CTRPOL_NAME_MAX);
	strcpy((char *)b + off, names[below(4)]);
}

/* A blob to load in blob[]: a seed, damaged or not, or anything; its size. */
static size_t make_blob(size_t max)
{
	static unsigned char second[MSG_MAX] __attribute__((aligned(8)));
	const struct seed *s = &seeds[below(NSEEDS)], *t = &seeds[below(NSEEDS)];
	size_t size = s->size, i, j;

	memcpy(blob, s->b, size);
	switch (below(11)) {
	case 0:		/* as compiled */
		break;
	case 1:		/* bit flips */
		for (i = 1 + below(8); i; i--)
			blob[below(size)] ^= 1 << below(8);
		if (chance(30))
			fix_crc(blob, size);
		break;
	case 2:		/* truncated */
		size = below(size);
		break;
	case 3:		/* splice: a head of one seed, a tail of another */
		i = below(s->size + 1);
		j = below(t->size + 1);
		memcpy(blob + i, t->b + j, t->size - j);
		size = i + t->size - j;
		if (chance(50))
			fix_crc(blob, size);
		break;
	case 4:
	case 5:		/* what the verifier reads first, edited */
		edit_fields(blob, size);
		if (chance(70))
			fix_crc(blob, size);
		break;
	case 6:		/* valid, renamed */
		rename_profile(blob, size);
		fix_crc(blob, size);
		break;
	case 7:		/* valid and large */
		size = inflate(blob, size, below(max > size ? max - size : 1));
		break;
	case 8:		/* extra bytes after the end */
		i = 1 + below(64);
		fill_random(blob + size, i);
		size += i;
		if (chance(50))
			fix_crc(blob, size);
		break;
	case 9:		/* a set: a second blob after it, maybe of the same name */
		memcpy(second, t->b, t->size);
		if (chance(50)) {
			rename_profile(second, t->size);
			fix_crc(second, t->size);
		}
		memcpy(blob + size, second, t->size);
		size += t->size;
		break;
	default:	/* not a profile at all */
		size = below(512);
		fill_random(blob, size);
		if (size >= 4 && chance(50))
			memcpy(blob, "CTPL", 4);
		break;
	}
	return size < max ? size : max;
}

/* ---- building datagrams ---- */

static unsigned char dgram[MSG_MAX] __attribute__((aligned(8)));

struct builder {
	unsigned char *b;
	size_t cap;
	size_t start;		/* of the current message */
	size_t attrs[64];	/* offsets of its top-level attributes */
	int nattrs;
};

static struct nlmsghdr *nlh_of(struct builder *m)
{
	return (struct nlmsghdr *)(m->b + m->start);
}

static void begin(struct builder *m, size_t start, uint16_t family, uint8_t cmd, uint16_t flags,
		  uint32_t seq)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	m->start = start;
	m->nattrs = 0;
	nlh = nlh_of(m);
	memset(nlh, 0, NLMSG_LENGTH(GENL_HDRLEN));
	nlh->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	g = NLMSG_DATA(nlh);
	g->cmd = cmd;
	g->version = CTRPOL_GENL_VERSION;
}

/* Append an attribute; NULL when the datagram has no room left for it. */
static struct nlattr *put(struct builder *m, uint16_t type, const void *data, size_t len)
{
	struct nlmsghdr *nlh = nlh_of(m);
	size_t at = m->start + NLMSG_ALIGN(nlh->nlmsg_len);
	struct nlattr *nla = (struct nlattr *)(m->b + at);

	if (len > 0xffff - NLA_HDRLEN || at + NLA_HDRLEN + NLA_ALIGN(len) > m->cap)
		return NULL;
	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	if (data)
		memcpy(nla + 1, data, len);
	else
		fill_random((unsigned char *)(nla + 1), len);
	memset((char *)(nla + 1) + len, 0, NLA_ALIGN(len) - len);
	nlh->nlmsg_len = at - m->start + NLA_ALIGN(nla->nla_len);
	if (m->nattrs < 64)
		m->attrs[m->nattrs++] = at;
	return nla;
}

static size_t odd_length(void)
{
	static const size_t lengths[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 63, 64, 65 };

	return chance(80) ? lengths[below(sizeof(lengths) / sizeof(lengths[0]))] : below(256);
}

/* Any attribute, or a nest of them: types known and unknown, flag bits, odd lengths. */
static void put_garbage(struct builder *m, int depth)
{
	uint16_t type = chance(70) ? below(CTRPOL_A_MAX + 3) : (uint16_t)rnd();
	struct nlattr *nest;
	size_t at;
	int i;

	if (depth < 3 && chance(25)) {
		nest = put(m, type | (chance(50) ? NLA_F_NESTED : 0), NULL, 0);
		if (!nest)
			return;
		at = (unsigned char *)nest - m->b;
		for (i = below(4); i > 0; i--)
			put_garbage(m, depth + 1);
		nest->nla_len = (m->start + nlh_of(m)->nlmsg_len - at) & 0xffff;
		return;
	}
	put(m, type, NULL, odd_length());
}

struct fuzzer {
	int fd;
	uint16_t family;
	enum { AS_ROOT, AS_NOBODY, AS_CONFINED } who;
	struct world *w;
	struct model *m;
	uint32_t seq;
	size_t max_msg;
	uint64_t seed;
	unsigned long iter;
	/* What happened, for the summary and the vacuity checks. */
	unsigned long sent, answers, loaded, refused_changes, errors[4];
};

static uint64_t pick_cgid(const struct fuzzer *f)
{
	switch (below(10)) {
	case 0:
		return rnd();
	case 1:
		return below(4096);
	default:
		return f->w->ids[below(f->w->nids)];
	}
}

static void put_cgid(struct fuzzer *f, struct builder *m)
{
	uint64_t id = pick_cgid(f);

	put(m, CTRPOL_A_CGROUP_ID, &id, sizeof(id));
}

static void put_name(struct builder *m)
{
	char name[80];
	size_t len;

	memset(name, 'a', sizeof(name));
	switch (below(12)) {
	case 0:		/* unterminated */
		len = strlen(names[below(4)]);
		memcpy(name, names[below(4)], len);
		break;
	case 1:		/* the longest name there is, or one byte more */
		len = CTRPOL_NAME_MAX + below(2);
		name[len - 1] = '\0';
		break;
	case 2:		/* a name, then bytes after its NUL */
		len = snprintf(name, sizeof(name), "%s", names[below(4)]) + 1 + below(8);
		break;
	case 3:
		len = 1 + below(sizeof(name));
		fill_random((unsigned char *)name, len);
		break;
	default:
		len = snprintf(name, sizeof(name), "%s", names[below(4)]) + 1;
		break;
	}
	put(m, CTRPOL_A_NAME, name, len);
}

static void put_flags(struct builder *m)
{
	uint32_t v = chance(70) ? below(2) : (uint32_t)rnd() & (chance(50) ? 0xff : 0xffffffff);

	put(m, CTRPOL_A_FLAGS, &v, sizeof(v));
}

/* A blob in pieces at random points, maybe out of order, maybe an empty or oversized piece. */
static void put_blob(struct fuzzer *f, struct builder *m)
{
	size_t size = make_blob(f->max_msg - 4096), off = 0, n = 0, i, k, len, room;
	struct { size_t off, len; } piece[64], swap;

	if (chance(5))
		return;		/* no blob at all */
	while (off < size && n < 60) {
		room = size - off < CTRPOL_BLOB_CHUNK_MAX ? size - off : CTRPOL_BLOB_CHUNK_MAX;
		len = chance(30) ? room : 1 + below(room);
		piece[n].off = off;
		piece[n++].len = len;
		off += len;
	}
	if (chance(15))
		for (i = n; i > 1; i--) {
			k = below(i);
			swap = piece[i - 1];
			piece[i - 1] = piece[k];
			piece[k] = swap;
		}
	for (i = 0; i < n; i++) {
		if (chance(3))
			put(m, CTRPOL_A_BLOB, NULL, 0);
		if (chance(2))
			put(m, CTRPOL_A_BLOB, NULL, CTRPOL_BLOB_CHUNK_MAX + 1);
		if (chance(3))
			put_flags(m);
		put(m, CTRPOL_A_BLOB, blob + piece[i].off, piece[i].len);
	}
}

/* The attributes cmd takes, each maybe missing, repeated or shuffled with garbage. */
static void put_attrs(struct fuzzer *f, struct builder *m, uint8_t cmd)
{
	int i, order = below(6);

	for (i = 0; i < 3; i++) {
		int which = (i + order) % 3;

		if (chance(8))
			continue;
		if (cmd == CTRPOL_CMD_LOAD && which == 0)
			put_blob(f, m);
		else if (cmd == CTRPOL_CMD_LOAD && which == 1 && chance(40))
			put_flags(m);
		else if ((cmd == CTRPOL_CMD_UNLOAD || cmd == CTRPOL_CMD_ATTACH) && which == 0)
			put_name(m);
		else if ((cmd == CTRPOL_CMD_ATTACH || cmd == CTRPOL_CMD_DETACH) && which == 1)
			put_cgid(f, m);
		else if (cmd == CTRPOL_CMD_ATTACH && which == 2 && chance(50))
			put_flags(m);
	}
	for (i = below(4); i > 0; i--) {
		if (chance(70))
			continue;
		if (chance(30))		/* a known attribute, its length wrong */
			put(m, 1 + below(CTRPOL_A_MAX), NULL, odd_length());
		else
			put_garbage(m, 0);
	}
}

static uint8_t pick_cmd(void)
{
	static const uint8_t weighted[] = {
		CTRPOL_CMD_GET_STATUS, CTRPOL_CMD_LOAD, CTRPOL_CMD_LOAD, CTRPOL_CMD_LOAD,
		CTRPOL_CMD_UNLOAD, CTRPOL_CMD_ATTACH, CTRPOL_CMD_ATTACH, CTRPOL_CMD_DETACH,
		CTRPOL_CMD_LIST_PROFILES, CTRPOL_CMD_LIST_ATTACHMENTS,
	};
	unsigned int r = below(100);

	if (r < 8)
		return rnd();
	if (r < 20)
		return below(CTRPOL_CMD_MAX + 4);
	return weighted[below(sizeof(weighted))];
}

static uint16_t pick_flags(uint8_t cmd)
{
	uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;

	if (cmd == CTRPOL_CMD_LIST_PROFILES || cmd == CTRPOL_CMD_LIST_ATTACHMENTS ?
	    chance(85) : chance(4))
		flags |= NLM_F_DUMP;
	if (chance(5))
		flags |= rnd() & 0xfff;
	if (chance(4))
		flags &= ~NLM_F_ACK;
	if (chance(2))
		flags &= ~NLM_F_REQUEST;
	return flags;
}

/* Lies about lengths, a second message in the tail, header fields; the bytes to send. */
static size_t damage(struct fuzzer *f, struct builder *m)
{
	struct nlmsghdr *nlh = nlh_of(m), *tail;
	struct genlmsghdr *g = NLMSG_DATA(nlh);
	size_t len = nlh->nlmsg_len, cut, at;
	unsigned int r = below(100);

	if (chance(5))
		g->version = rnd();
	if (chance(3))
		g->reserved = 1 + below(0xffff);
	if (r < 6 && m->nattrs) {	/* an attribute's length lies */
		static const uint16_t lies[] = { 0, 1, 2, 3, 5, 0xffff };
		struct nlattr *nla = (void *)(m->b + m->attrs[below(m->nattrs)]);

		nla->nla_len = chance(50) ? lies[below(6)] : nla->nla_len + 4 * (1 + below(4));
	} else if (r < 11) {		/* truncated, its header saying so */
		len = below(len);
		if (len >= 4)
			nlh->nlmsg_len = len;
	} else if (r < 14) {		/* claims more than was sent: dropped unanswered */
		nlh->nlmsg_len = len + 1 + below(64);
	} else if (r < 15) {		/* shorter than a netlink header */
		nlh->nlmsg_len = below(NLMSG_HDRLEN);
	} else if (r < 20 && len > 2 * NLMSG_LENGTH(GENL_HDRLEN)) {
		/* cut short, and the rest read as a second request */
		cut = NLMSG_HDRLEN + below(len - 2 * NLMSG_LENGTH(GENL_HDRLEN));
		at = NLMSG_ALIGN(cut);
		nlh->nlmsg_len = cut;
		tail = (void *)(m->b + at);
		tail->nlmsg_len = len - at;
		tail->nlmsg_type = f->family;
		tail->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
		tail->nlmsg_seq = ++f->seq;
		tail->nlmsg_pid = 0;
		g = NLMSG_DATA(tail);
		g->cmd = pick_cmd();
		g->version = CTRPOL_GENL_VERSION;
		g->reserved = 0;
	}
	return len;
}

static size_t make_datagram(struct fuzzer *f)
{
	struct builder m = { .b = dgram, .cap = f->max_msg };
	uint8_t cmd = pick_cmd();

	begin(&m, 0, f->family, cmd, pick_flags(cmd), ++f->seq);
	put_attrs(f, &m, cmd);
	return damage(f, &m);
}

/* ---- predicting the kernel's answer ---- */

struct expect {
	uint32_t seq;
	uint8_t cmd;
	int err;
	bool ack, reply, done;		/* what answers it */
	bool got_ack, got_reply, got_done;
};

static bool is_doit(uint8_t cmd)
{
	return cmd >= CTRPOL_CMD_GET_STATUS && cmd <= CTRPOL_CMD_DETACH;
}

static bool is_dump(uint8_t cmd)
{
	return cmd == CTRPOL_CMD_LIST_PROFILES || cmd == CTRPOL_CMD_LIST_ATTACHMENTS;
}

static bool changes_policy(uint8_t cmd)
{
	return cmd >= CTRPOL_CMD_LOAD && cmd <= CTRPOL_CMD_DETACH;
}

/*
 * NLA_NUL_STRING of at most CTRPOL_NAME_MAX - 1 bytes, as validate_nla()
 * checks it: -EINVAL without a NUL early enough, -ERANGE when too long.
 */
static int name_check(const unsigned char *d, size_t len)
{
	size_t min = len < CTRPOL_NAME_MAX ? len : CTRPOL_NAME_MAX;

	if (!min || !memchr(d, 0, min))
		return -EINVAL;
	if (!d[len - 1])
		len--;
	return len <= CTRPOL_NAME_MAX - 1 ? 0 : -ERANGE;
}

/*
 * Whether cmd's policy (kernel/netlink.c) takes nla under strict validation:
 * 0, or the errno of validate_nla(), which is -ERANGE for a blob piece's
 * length out of its range.
 */
static int attr_check(uint8_t cmd, const struct nlattr *nla)
{
	uint16_t type = nla->nla_type & NLA_TYPE_MASK;
	const unsigned char *d = (const void *)(nla + 1);
	size_t len = nla->nla_len - NLA_HDRLEN;
	uint32_t v;

	if (nla->nla_type & NLA_F_NESTED)
		return -EINVAL;
	if (type == CTRPOL_A_BLOB && cmd == CTRPOL_CMD_LOAD)
		return len >= 1 && len <= CTRPOL_BLOB_CHUNK_MAX ? 0 : -ERANGE;
	if (type == CTRPOL_A_FLAGS && (cmd == CTRPOL_CMD_LOAD || cmd == CTRPOL_CMD_ATTACH)) {
		if (len != sizeof(v))
			return -EINVAL;
		memcpy(&v, d, sizeof(v));
		return v & ~(cmd == CTRPOL_CMD_LOAD ? CTRPOL_LOAD_ALL : CTRPOL_ATTACH_ALL) ?
		       -EINVAL : 0;
	}
	if (type == CTRPOL_A_NAME && (cmd == CTRPOL_CMD_UNLOAD || cmd == CTRPOL_CMD_ATTACH))
		return name_check(d, len);
	if (type == CTRPOL_A_CGROUP_ID && (cmd == CTRPOL_CMD_ATTACH || cmd == CTRPOL_CMD_DETACH))
		return len == sizeof(uint64_t) ? 0 : -EINVAL;
	return -EINVAL;
}

struct parsed {
	const unsigned char *attrs;
	int len;
	const struct nlattr *name, *cgid, *flags;	/* the last of each, as the kernel keeps */
	uint64_t blob_size;
};

/* __nla_validate_parse() with NL_VALIDATE_STRICT: 0 or the first attribute's errno. */
static int parse_attrs(uint8_t cmd, struct parsed *p)
{
	const unsigned char *at = p->attrs;
	int rem = p->len, err;

	while (rem >= NLA_HDRLEN) {
		const struct nlattr *nla = (const void *)at;

		if (nla->nla_len < NLA_HDRLEN || nla->nla_len > rem)
			break;
		err = attr_check(cmd, nla);
		if (err)
			return err;
		switch (nla->nla_type & NLA_TYPE_MASK) {
		case CTRPOL_A_NAME:
			p->name = nla;
			break;
		case CTRPOL_A_CGROUP_ID:
			p->cgid = nla;
			break;
		case CTRPOL_A_FLAGS:
			p->flags = nla;
			break;
		default:
			p->blob_size += nla->nla_len - NLA_HDRLEN;
		}
		at += NLA_ALIGN(nla->nla_len);
		rem -= NLA_ALIGN(nla->nla_len);
	}
	return rem > 0 ? -EINVAL : 0;
}

static uint32_t u32_of(const struct nlattr *nla)
{
	uint32_t v = 0;

	if (nla)
		memcpy(&v, nla + 1, sizeof(v));
	return v;
}

static uint64_t u64_of(const struct nlattr *nla)
{
	uint64_t v;

	memcpy(&v, nla + 1, sizeof(v));
	return v;
}

/* The pieces joined and split into blobs, verified: what ctrpol_nl_load() decides. */
static int predict_load(struct fuzzer *f, const struct parsed *p)
{
	static unsigned char joined[MSG_MAX] __attribute__((aligned(8)));
	static unsigned char one[MSG_MAX] __attribute__((aligned(8)));
	struct {
		const char *name;
		uint32_t mode, size;
	} got[CTRPOL_MAX_LOAD_BLOBS];
	const unsigned char *at = p->attrs;
	struct ctrpol_blob_header h;
	struct ctrpol_blob_view view;
	struct model *m = f->m;
	size_t off = 0, pos, size;
	int rem = p->len, i, n = 0, k;
	const char *why;

	if (!p->blob_size || p->blob_size > CTRPOL_MAX_LOAD_SIZE)
		return -EINVAL;
	if (p->blob_size > sizeof(joined))
		FAIL("a load of %llu bytes: more than the model can predict",
		     (unsigned long long)p->blob_size);
	while (rem >= NLA_HDRLEN) {
		const struct nlattr *nla = (const void *)at;

		if ((nla->nla_type & NLA_TYPE_MASK) == CTRPOL_A_BLOB) {
			memcpy(joined + off, nla + 1, nla->nla_len - NLA_HDRLEN);
			off += nla->nla_len - NLA_HDRLEN;
		}
		at += NLA_ALIGN(nla->nla_len);
		rem -= NLA_ALIGN(nla->nla_len);
	}
	/* Names point into joined: every blob is checked before the model changes. */
	for (pos = 0; pos < off; pos += size) {
		if (n == CTRPOL_MAX_LOAD_BLOBS || off - pos < sizeof(h))
			return -EINVAL;
		memcpy(&h, joined + pos, sizeof(h));
		size = le32toh(h.size);
		if (size < sizeof(h) || size > off - pos || size > CTRPOL_MAX_BLOB_SIZE)
			return -EINVAL;
		/* The verifier wants its blob aligned, as the kernel's allocation is. */
		memcpy(one, joined + pos, size);
		if (ctrpol_blob_verify(one, size, &view, &why))
			return -EINVAL;
		/* one is a copy of joined + pos: the name stays where joined holds it. */
		got[n].name = (const char *)joined + pos + (view.profile->name - (const char *)one);
		got[n].mode = view.profile->mode;
		got[n++].size = size;
	}
	for (i = 1; i < n; i++)
		for (k = 0; k < i; k++)
			if (!strcmp(got[i].name, got[k].name))
				return -EINVAL;
	for (i = 0; i < n; i++)
		if (model_profile(m, got[i].name) >= 0 && !(u32_of(p->flags) & CTRPOL_LOAD_REPLACE))
			return -EEXIST;
	for (i = 0; i < n; i++) {
		k = model_profile(m, got[i].name);
		if (k < 0) {
			if (m->nprof == MAX_PROFILES)
				FAIL("the model holds too many profiles");
			k = m->nprof++;
			snprintf(m->prof[k].name, sizeof(m->prof[k].name), "%s", got[i].name);
			m->prof[k].nattached = 0;
		}
		m->prof[k].mode = got[i].mode;
		m->prof[k].size = got[i].size;
	}
	f->loaded++;
	return 0;
}

static int predict_attach(struct fuzzer *f, const struct parsed *p)
{
	struct model *m = f->m;
	uint64_t id;
	int i;

	if (!p->cgid || !p->name)
		return -EINVAL;
	i = model_profile(m, (const char *)(p->name + 1));
	if (i < 0)
		return -ENOENT;
	id = u64_of(p->cgid);
	if (model_attachment(m, id) >= 0)
		return -EEXIST;
	if (!cgroup_live(f->w, id))
		return -ENOENT;
	if (id == f->w->root)
		return -EINVAL;
	if (m->natt == MAX_ATTACH)
		FAIL("the model holds too many attachments");
	m->att[m->natt].cgid = id;
	memcpy(m->att[m->natt].name, m->prof[i].name, CTRPOL_NAME_MAX);
	m->att[m->natt++].flags = u32_of(p->flags) & CTRPOL_ATTACH_ON_EXEC;
	m->prof[i].nattached++;
	return 0;
}

/* What a well-formed, permitted doit request does to the model, and its errno. */
static int predict_doit(struct fuzzer *f, uint8_t cmd, const struct parsed *p)
{
	struct model *m = f->m;
	int i;

	switch (cmd) {
	case CTRPOL_CMD_LOAD:
		return predict_load(f, p);
	case CTRPOL_CMD_UNLOAD:
		if (!p->name)
			return -EINVAL;
		i = model_profile(m, (const char *)(p->name + 1));
		if (i < 0)
			return -ENOENT;
		if (m->prof[i].nattached)
			return -EBUSY;
		m->prof[i] = m->prof[--m->nprof];
		return 0;
	case CTRPOL_CMD_ATTACH:
		return predict_attach(f, p);
	case CTRPOL_CMD_DETACH:
		if (!p->cgid)
			return -EINVAL;
		i = model_attachment(m, u64_of(p->cgid));
		if (i < 0)
			return -ENOENT;
		model_drop_attachment(m, i);
		return 0;
	default:
		return 0;
	}
}

/* genl_family_rcv_msg(), then ours: the errno of a request to the family. */
static int predict_request(struct fuzzer *f, const struct nlmsghdr *nlh, bool dump)
{
	const struct genlmsghdr *g = NLMSG_DATA(nlh);
	struct parsed p = { 0 };
	int err;
	uint16_t flags = nlh->nlmsg_flags & ~(dump ? NLM_F_DUMP : 0);

	/* genl_header_check(): new families take only the flags the core gives a meaning. */
	if (nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN) || g->reserved ||
	    (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)))
		return -EINVAL;
	if (dump ? !is_dump(g->cmd) : !is_doit(g->cmd))
		return -EOPNOTSUPP;
	p.attrs = (const unsigned char *)nlh + NLMSG_LENGTH(GENL_HDRLEN);
	p.len = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	err = parse_attrs(g->cmd, &p);
	if (err)
		return err;
	if (f->who == AS_NOBODY || (f->who == AS_CONFINED && changes_policy(g->cmd)))
		return -EPERM;
	return dump ? 0 : predict_doit(f, g->cmd, &p);
}

/* netlink_rcv_skb(): each message of the datagram in turn, until one lies about its length. */
static int predict(struct fuzzer *f, const unsigned char *b, size_t len, struct expect *ex)
{
	size_t off = 0, step;
	int n = 0;

	while (len - off >= NLMSG_HDRLEN && n < MAX_EXPECT) {
		const struct nlmsghdr *nlh = (const void *)(b + off);
		bool dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
		struct expect *e = &ex[n++];

		if (nlh->nlmsg_len < NLMSG_HDRLEN || nlh->nlmsg_len > len - off)
			return n - 1;
		memset(e, 0, sizeof(*e));
		e->seq = nlh->nlmsg_seq;
		e->cmd = ((const struct genlmsghdr *)NLMSG_DATA(nlh))->cmd;
		if (nlh->nlmsg_flags & NLM_F_REQUEST)
			e->err = predict_request(f, nlh, dump);
		/* A dump that started answers with its end, not an ack. */
		e->done = dump && !e->err && (nlh->nlmsg_flags & NLM_F_REQUEST);
		e->ack = !e->done && (e->err || (nlh->nlmsg_flags & NLM_F_ACK));
		e->reply = !e->err && e->cmd == CTRPOL_CMD_GET_STATUS &&
			   (nlh->nlmsg_flags & NLM_F_REQUEST) && !dump;
		step = NLMSG_ALIGN(nlh->nlmsg_len);
		off += step < len - off ? step : len - off;
	}
	return n;
}

/* ---- sending and checking the answers ---- */

static const char *extack_msg(const struct nlmsghdr *h)
{
	const struct nlattr *nla = (const void *)((const char *)NLMSG_DATA(h) +
						  sizeof(struct nlmsgerr));
	int rem = h->nlmsg_len - NLMSG_LENGTH(sizeof(struct nlmsgerr));

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return "";
	while (rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN && nla->nla_len <= rem) {
		if (nla->nla_type == NLMSGERR_ATTR_MSG)
			return (const char *)(nla + 1);
		rem -= NLA_ALIGN(nla->nla_len);
		nla = (const void *)((const char *)nla + NLA_ALIGN(nla->nla_len));
	}
	return "";
}

/* Say how to get here again, show the datagram's start, and fail. */
__attribute__((noreturn, format(printf, 4, 5)))
static void fuzz_fail(const struct fuzzer *f, const unsigned char *b, size_t len,
		      const char *fmt, ...)
{
	char what[512];
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	printf("# datagram of %zu bytes:", len);
	for (i = 0; i < len && i < 96; i++)
		printf("%s%02x", i % 32 ? " " : "\n#   ", b[i]);
	printf("\n");
	FAIL("iteration %lu of seed %" PRIu64 ": %s", f->iter, f->seed, what);
}

static bool complete(const struct expect *e)
{
	return (!e->ack || e->got_ack) && (!e->done || e->got_done) && (!e->reply || e->got_reply);
}

/* One answer: it must be to a message that expects it, and say what was predicted. */
static void take(struct fuzzer *f, struct expect *ex, int n, const struct nlmsghdr *h,
		 const unsigned char *b, size_t len)
{
	struct expect *e = NULL;
	int i, err;

	for (i = 0; i < n; i++)
		if (ex[i].seq == h->nlmsg_seq)
			e = &ex[i];
	if (!e)
		fuzz_fail(f, b, len, "an answer (type %u) to seq %u, which should have none",
			  h->nlmsg_type, h->nlmsg_seq);
	f->answers++;
	if (h->nlmsg_type == NLMSG_ERROR) {
		err = ((const struct nlmsgerr *)NLMSG_DATA(h))->error;
		if (!e->ack || e->got_ack)
			fuzz_fail(f, b, len, "command %u: an ack (%d) where none was due",
				  e->cmd, err);
		if (err != e->err)
			fuzz_fail(f, b, len, "command %u: answered %d (%s) \"%s\", predicted %d (%s)",
				  e->cmd, err, strerror(-err), extack_msg(h), e->err,
				  strerror(-e->err));
		e->got_ack = true;
	} else if (h->nlmsg_type == NLMSG_DONE && e->done) {
		e->got_done = true;
	} else if (h->nlmsg_type == f->family && (e->reply || e->done)) {
		e->got_reply = true;
	} else {
		fuzz_fail(f, b, len, "command %u: an unexpected message of type %u",
			  e->cmd, h->nlmsg_type);
	}
}

/*
 * Send a datagram and read until every message in it has its predicted
 * answers.  The kernel handles a datagram within sendmsg(), so what it
 * answers is queued by then; an answer nobody waits for shows up at the next
 * exchange and fails it there.
 */
static void exchange(struct fuzzer *f, const unsigned char *b, size_t len)
{
	static unsigned char rbuf[65536] __attribute__((aligned(8)));
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct expect ex[MAX_EXPECT];
	int n = predict(f, b, len, ex), i, todo;

	/* An empty datagram is refused whole (ENODATA); anything else is taken. */
	if (sendto(f->fd, b, len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) !=
	    (len ? (ssize_t)len : -1) || (!len && errno != ENODATA))
		fuzz_fail(f, b, len, "sendto: %s", len ? strerror(errno) : "an empty datagram taken");
	f->sent++;
	for (i = 0; i < n; i++) {
		if (changes_policy(ex[i].cmd) && ex[i].err == -EPERM)
			f->refused_changes++;
		f->errors[ex[i].err == 0 ? 0 : ex[i].err == -EINVAL ? 1 :
			  ex[i].err == -EPERM ? 2 : 3]++;
	}
	for (;;) {
		struct pollfd pfd = { .fd = f->fd, .events = POLLIN };
		const struct nlmsghdr *h;
		ssize_t got;

		for (i = 0, todo = 0; i < n; i++)
			todo += !complete(&ex[i]);
		if (!todo)
			return;
		if (poll(&pfd, 1, ANSWER_MS) != 1)
			fuzz_fail(f, b, len, "no answer within %d ms (%d of %d messages unanswered)",
				  ANSWER_MS, todo, n);
		got = recv(f->fd, rbuf, sizeof(rbuf), 0);
		if (got < 0)
			fuzz_fail(f, b, len, "recv: %s", strerror(errno));
		for (h = (const void *)rbuf; NLMSG_OK(h, got); h = NLMSG_NEXT(h, got))
			take(f, ex, n, h, b, len);
	}
}

/* A plain status request: the socket still works, and nothing was left unread. */
static void sync_socket(struct fuzzer *f)
{
	struct builder m = { .b = dgram, .cap = sizeof(dgram) };

	begin(&m, 0, f->family, CTRPOL_CMD_GET_STATUS, NLM_F_REQUEST | NLM_F_ACK, ++f->seq);
	exchange(f, dgram, nlh_of(&m)->nlmsg_len);
}

static void fuzzer_open(struct fuzzer *f)
{
	int one = 1, size = 2 * MSG_MAX;
	socklen_t sl = sizeof(size);

	f->fd = rawgenl_open();
	f->family = rawgenl_family(f->fd, CTRPOL_GENL_NAME);
	/* Errors do not echo the request: a megabyte request gets a small ack. */
	if (setsockopt(f->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)))
		FAIL("NETLINK_CAP_ACK: %s", strerror(errno));
	/* Root may exceed wmem_max; others get what it allows and send less. */
	if (setsockopt(f->fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)))
		setsockopt(f->fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	if (getsockopt(f->fd, SOL_SOCKET, SO_SNDBUF, &size, &sl))
		FAIL("SO_SNDBUF: %s", strerror(errno));
	f->max_msg = (size_t)size - 64 < MSG_MAX ? (size_t)size - 64 : MSG_MAX;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The campaign's length and seed: CTRPOL_NLFUZZ=ITERATIONS[,SEED], or the
 * default, which also stops at budget seconds so that a slow (debug) kernel
 * stays within the harness's time limit.
 */
static unsigned long campaign_setup(struct fuzzer *f, const char *phase, unsigned long dflt,
				    double *budget)
{
	const char *env = getenv("CTRPOL_NLFUZZ");
	unsigned long n = dflt;
	char *end;

	f->seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	if (env && *env) {
		n = strtoul(env, &end, 10);
		if (*end == ',')
			f->seed = strtoull(end + 1, &end, 10);
		if (*end)
			FAIL("CTRPOL_NLFUZZ=%s: want ITERATIONS[,SEED]", env);
		*budget = 0;
	}
	rng = f->seed;
	printf("# nlfuzz %s: seed %" PRIu64 ", %lu iterations (again: ctrpol.nlfuzz=%lu,%" PRIu64
	       ")\n", phase, f->seed, n, n, f->seed);
	fflush(stdout);
	return n;
}

static void campaign(struct fuzzer *f, const char *phase, unsigned long dflt, double budget)
{
	unsigned long n = campaign_setup(f, phase, dflt, &budget);
	double start = now();

	for (f->iter = 0; f->iter < n; f->iter++) {
		if (budget && now() - start > budget)
			break;
		/* Not cgroup 0: the worker lives there. */
		if (f->who == AS_ROOT && chance(1))
			churn_cgroup(f->w, f->m, 1 + below(NPOOL - 1));
		exchange(f, dgram, make_datagram(f));
		if (f->who == AS_ROOT && f->iter % 500 == 499) {
			sync_socket(f);
			check_kernel_matches(f->m, "during the campaign");
		}
	}
	sync_socket(f);
	printf("# nlfuzz %s: %lu datagrams in %.1f s: %lu answers; %lu ok, %lu EINVAL, %lu EPERM,"
	       " %lu other; %lu profiles loaded\n", phase, f->sent, now() - start, f->answers,
	       f->errors[0], f->errors[1], f->errors[2], f->errors[3], f->loaded);
	fflush(stdout);
}

/* ---- the cases ---- */

/* Undo what the campaign left: every detach and unload must work; then the baseline is back. */
static void world_cleanup(struct world *w, struct model *m)
{
	char path[64], full[128];
	int i;

	for (i = 0; i < m->natt; i++)
		if (model_attachment(&w->base, m->att[i].cgid) < 0 &&
		    request_detach(m->att[i].cgid))
			FAIL("detaching cgroup %" PRIu64 " after the campaign", m->att[i].cgid);
	for (i = 0; i < m->nprof; i++)
		if (model_profile(&w->base, m->prof[i].name) < 0 && request_unload(m->prof[i].name))
			FAIL("unloading %s after the campaign", m->prof[i].name);
	for (i = 0; i < NPOOL; i++) {
		pool_path(i, path, sizeof(path));
		snprintf(full, sizeof(full), "%s/%s", CGROUP_ROOT, path);
		if (rmdir(full))
			FAIL("rmdir %s: %s", full, strerror(errno));
	}
	if (rmdir(CGROUP_ROOT "/nlfuzz"))
		FAIL("rmdir %s/nlfuzz: %s", CGROUP_ROOT, strerror(errno));
	check_kernel_matches(&w->base, "after cleaning up");
}

/* The oversized load: more than CTRPOL_MAX_LOAD_SIZE in full-size pieces. */
static void send_oversized(struct fuzzer *f)
{
	size_t pieces = CTRPOL_MAX_LOAD_SIZE / CTRPOL_BLOB_CHUNK_MAX + 1, i;
	size_t len = NLMSG_LENGTH(GENL_HDRLEN) + pieces * NLA_HDRLEN + pieces * CTRPOL_BLOB_CHUNK_MAX;
	int size = 2 * len;
	struct builder m = { .cap = len };

	m.b = calloc(1, len);
	if (!m.b)
		FAIL("out of memory");
	if (setsockopt(f->fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)))
		FAIL("SO_SNDBUFFORCE: %s", strerror(errno));
	begin(&m, 0, f->family, CTRPOL_CMD_LOAD, NLM_F_REQUEST | NLM_F_ACK, ++f->seq);
	for (i = 0; i < pieces; i++)
		put(&m, CTRPOL_A_BLOB, blob, CTRPOL_BLOB_CHUNK_MAX);
	exchange(f, m.b, nlh_of(&m)->nlmsg_len);
	free(m.b);
}

/*
 * A task in pool cgroup 0 opening a file in a loop, so that what the
 * campaign attaches there, replaces, detaches and unloads is in use by the
 * hooks meanwhile: KASAN and lockdep kernels then see those races.
 */
static pid_t start_worker(void)
{
	pid_t pid, parent = getpid();
	char path[64];

	pool_path(0, path, sizeof(path));
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		FAIL("fork: %s", strerror(errno));
	if (pid == 0) {
		/* A failing case exits at once: the worker must not keep the cgroup busy. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent || enter_cgroup(path))
			_exit(1);
		for (;;)
			close(open("/tmp/nlfuzz-allowed", O_RDONLY));
	}
	return pid;
}

static void stop_worker(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status))
		FAIL("the worker in the pool cgroup did not run until stopped");
}

TEST(hostile_messages_as_root_get_predicted_answers_and_load_only_verified_blobs)
{
	static struct world w;
	static struct model m;
	struct fuzzer f = { .who = AS_ROOT, .w = &w, .m = &m };
	struct confined c;

	pid_t worker;

	put_file("/tmp/nlfuzz-allowed", "a", 0644);
	put_file("/tmp/nlfuzz-denied", "d", 0644);
	seeds_init();
	world_init(&w);
	m = w.base;
	worker = start_worker();
	fuzzer_open(&f);
	send_oversized(&f);
	campaign(&f, "as root", 20000, 20);
	check_kernel_matches(&m, "after the campaign");
	if (!f.loaded)
		FAIL("no profile was loaded: the campaign never reached the store");
	close(f.fd);
	stop_worker(worker);
	world_cleanup(&w, &m);

	/* The kernel still enforces: an allowed read works, any other is refused. */
	confine(&c, "nlfuzz-enforce", "allow read /tmp/nlfuzz-allowed");
	ASSERT_EQ(try_in(c.cgroup, "read", "/tmp/nlfuzz-allowed", NULL), 0);
	ASSERT_EQ(try_in(c.cgroup, "read", "/tmp/nlfuzz-denied", NULL), EACCES);
	unconfine(&c);
	check_kernel_matches(&w.base, "after the enforcement check");
}

static struct fuzzer *outsider;

/* In the child, as nobody or confined: the whole campaign, and changes it was refused. */
static int outsider_campaign(const void *phase)
{
	fuzzer_open(outsider);
	campaign(outsider, phase, 10000, 10);
	if (!outsider->refused_changes) {
		printf("# no policy change reached the privilege check\n");
		return 2;
	}
	return 0;
}

/*
 * A profile loaded and attached, another loaded only, so that there is
 * something to unload, detach or replace; the campaign of the outsider must
 * leave it all as it was.  What a failed case before left behind is part of
 * the baseline, so that this one still runs.
 */
static void outsider_case(int who, const char *cgroup, uid_t uid, const char *phase)
{
	static struct world w;
	static struct model m;
	static struct fuzzer f;
	int err;

	seeds_init();
	world_init(&w);
	ASSERT_EQ(request_load(seeds[0].b, seeds[0].size, CTRPOL_LOAD_REPLACE), 0);
	ASSERT_EQ(request_load(seeds[1].b, seeds[1].size, CTRPOL_LOAD_REPLACE), 0);
	err = request_attach(w.pool[0], names[0]);
	ASSERT_TRUE(err == 0 || (err == -EEXIST && model_attachment(&w.base, w.pool[0]) >= 0));
	model_from_kernel(&m);
	f = (struct fuzzer){ .who = who, .w = &w, .m = &m };
	outsider = &f;
	ASSERT_EQ(run_in(cgroup, uid, outsider_campaign, phase), 0);
	check_kernel_matches(&m, "after the outsider's campaign");
	world_cleanup(&w, &m);
}

TEST(hostile_messages_never_change_policy_unprivileged)
{
	outsider_case(AS_NOBODY, NULL, NOBODY, "as nobody");
}

TEST(hostile_messages_never_change_policy_when_confined)
{
	struct confined jail;

	/* Its capabilities and netlink allowed: being confined is what must refuse the changes. */
	confine(&jail, "nlfuzz-jail", "allow cap net_admin, mac_admin\n"
		"allow net create,send netlink generic");
	outsider_case(AS_CONFINED, jail.cgroup, AS_CALLER, "confined");
	unconfine(&jail);
}
