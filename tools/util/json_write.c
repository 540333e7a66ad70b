// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "json_write.h"
#include "utf8.h"

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD in UTF-8 */

/* Bytes of s once each invalid byte is a U+FFFD, or 0 when s is valid as it is. */
static size_t repaired_len(const char *s)
{
	size_t len = 0;
	bool bad = false;
	uint32_t cp;
	unsigned int n;

	for (; *s; s += n ? n : 1) {
		n = utf8_decode(s, &cp);
		bad |= !n;
		len += n ? n : sizeof(replacement) - 1;
	}
	return bad ? len : 0;
}

struct json_object *json_text(const char *s)
{
	struct json_object *o;
	size_t len, used = 0;
	unsigned int n;
	uint32_t cp;
	char *fixed;

	if (!s)
		return NULL;
	len = repaired_len(s);
	if (!len)
		return json_object_new_string(s);
	fixed = malloc(len);
	if (!fixed)
		return NULL;
	for (; *s; s += n ? n : 1) {
		n = utf8_decode(s, &cp);
		memcpy(fixed + used, n ? s : replacement, n ? n : sizeof(replacement) - 1);
		used += n ? n : sizeof(replacement) - 1;
	}
	o = json_object_new_string_len(fixed, (int)used);
	free(fixed);
	return o;
}

int json_print_line(FILE *out, struct json_object *o)
{
	int flags = JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE;
	const char *text = o ? json_object_to_json_string_ext(o, flags) : NULL;

	if (text)
		fprintf(out, "%s\n", text);
	json_object_put(o);
	return text ? 0 : -1;
}
