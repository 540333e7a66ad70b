// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "str_map.h"

/* Where key is in m, or where it would go: *found says which. */
static size_t position(const struct str_map *m, const char *key, int *found)
{
	size_t lo = 0, hi = m->n;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, m->v[mid].key);

		if (!c) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

uint64_t *str_map_slot(struct str_map *m, const char *key)
{
	int found;
	size_t i = position(m, key, &found);
	char *copy;

	if (found)
		return &m->v[i].value;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct str_map_entry *v = realloc(m->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		m->v = v;
		m->cap = cap;
	}
	copy = strdup(key);
	if (!copy)
		return NULL;
	memmove(&m->v[i + 1], &m->v[i], (m->n - i) * sizeof(*m->v));
	m->v[i].key = copy;
	m->v[i].value = 0;
	m->n++;
	return &m->v[i].value;
}

const uint64_t *str_map_find(const struct str_map *m, const char *key)
{
	int found;
	size_t i = position(m, key, &found);

	return found ? &m->v[i].value : NULL;
}

void str_map_free(struct str_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].key);
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}
