// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_lists.h"

/* An array a dump appends to, one element per message. */
struct list {
	void *v;
	size_t n, cap, size;
};

/* A new zeroed element at the end of l; NULL when out of memory. */
static void *list_add(struct list *l)
{
	void *bigger;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;

		bigger = reallocarray(l->v, cap, l->size);
		if (!bigger)
			return NULL;
		l->v = bigger;
		l->cap = cap;
	}
	return memset((char *)l->v + l->n++ * l->size, 0, l->size);
}

int kernel_profile_parse(struct nlattr **attrs, struct kernel_profile *p)
{
	memset(p, 0, sizeof(*p));
	if (!attrs[CTRPOL_A_NAME])
		return -EBADMSG;
	nla_strlcpy(p->name, attrs[CTRPOL_A_NAME], sizeof(p->name));
	if (attrs[CTRPOL_A_MODE])
		p->mode = nla_get_u32(attrs[CTRPOL_A_MODE]);
	if (attrs[CTRPOL_A_BLOB_SIZE])
		p->blob_size = nla_get_u32(attrs[CTRPOL_A_BLOB_SIZE]);
	if (attrs[CTRPOL_A_NATTACHMENTS])
		p->nattachments = nla_get_u32(attrs[CTRPOL_A_NATTACHMENTS]);
	if (attrs[CTRPOL_A_COUNTERS])
		ctrpol_nl_counters(attrs[CTRPOL_A_COUNTERS], p->counters);
	/* A kernel older than the class counters leaves them out: they stay 0. */
	if (attrs[CTRPOL_A_CLASS_COUNTERS])
		return ctrpol_nl_class_counters(attrs[CTRPOL_A_CLASS_COUNTERS], p->class_counters);
	return 0;
}

static int parse_profile(struct nlattr **attrs, void *arg)
{
	struct kernel_profile p, *slot;
	int err = kernel_profile_parse(attrs, &p);

	if (err)
		return err;
	slot = list_add(arg);
	if (!slot)
		return -ENOMEM;
	*slot = p;
	return 0;
}

static int parse_attachment(struct nlattr **attrs, void *arg)
{
	struct kernel_attachment *a;

	if (!attrs[CTRPOL_A_CGROUP_ID] || !attrs[CTRPOL_A_NAME])
		return -EBADMSG;
	a = list_add(arg);
	if (!a)
		return -ENOMEM;
	a->cgroup_id = nla_get_u64(attrs[CTRPOL_A_CGROUP_ID]);
	nla_strlcpy(a->name, attrs[CTRPOL_A_NAME], sizeof(a->name));
	a->on_exec = attrs[CTRPOL_A_FLAGS] &&
		     (nla_get_u32(attrs[CTRPOL_A_FLAGS]) & CTRPOL_ATTACH_ON_EXEC);
	return 0;
}

/* Run dump cmd into l; on failure l is left empty. */
static int dump(struct ctrpol_nl *nl, uint8_t cmd, ctrpol_reply_fn fn, struct list *l)
{
	int err = ctrpol_nl_dump(nl, cmd, fn, l);

	if (err) {
		free(l->v);
		l->v = NULL;
		l->n = 0;
	}
	return err;
}

int kernel_profiles_get(struct ctrpol_nl *nl, struct kernel_profile **v, size_t *n)
{
	struct list l = { .size = sizeof(**v) };
	int err = dump(nl, CTRPOL_CMD_LIST_PROFILES, parse_profile, &l);

	*v = l.v;
	*n = l.n;
	return err;
}

int kernel_attachments_get(struct ctrpol_nl *nl, struct kernel_attachment **v, size_t *n)
{
	struct list l = { .size = sizeof(**v) };
	int err = dump(nl, CTRPOL_CMD_LIST_ATTACHMENTS, parse_attachment, &l);

	*v = l.v;
	*n = l.n;
	return err;
}
