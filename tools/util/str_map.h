/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A map from strings to 64-bit values, kept sorted by key (strcmp): lookups
 * are a binary search, and walking it in order gives a stable output.
 */
#ifndef CTRPOL_STR_MAP_H
#define CTRPOL_STR_MAP_H

#include <stddef.h>
#include <stdint.h>

struct str_map_entry {
	char *key;
	uint64_t value;
};

struct str_map {
	struct str_map_entry *v;	/* n entries, sorted by key */
	size_t n, cap;
};

/*
 * The value of key, added with value 0 (the key copied) when it is new;
 * NULL when out of memory.
 */
uint64_t *str_map_slot(struct str_map *m, const char *key);

/* The value of key, or NULL when it is not in m. */
const uint64_t *str_map_find(const struct str_map *m, const char *key);

void str_map_free(struct str_map *m);

#endif
