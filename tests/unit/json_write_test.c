// SPDX-License-Identifier: GPL-2.0
/*
 * json_text() and json_print_line(): what must be escaped is, valid UTF-8 is
 * kept, any other byte becomes U+FFFD, and the result always parses back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json_check.h"
#include "util/json_write.h"

#define FFFD "\xef\xbf\xbd"

/* The JSON value of s as one line, in a static buffer, its newline cut. */
static const char *json(const char *s)
{
	static char out[256];
	FILE *f = fmemopen(out, sizeof(out), "w");

	if (!f)
		FAIL("fmemopen");
	ASSERT_EQ(json_print_line(f, json_text(s)), 0);
	fclose(f);
	out[strcspn(out, "\n")] = '\0';
	return out;
}

#define ASSERT_JSON(in, want)                                                 \
	do {                                                                  \
		const char *_got = json(in);                                  \
		if (strcmp(_got, (want)))                                     \
			FAIL("json(%s) is %s, want %s", #in, _got, (want));   \
		json_object_put(json_parse_strict(_got, strlen(_got)));       \
	} while (0)

TEST(plain_text_is_quoted)
{
	ASSERT_JSON("", "\"\"");
	ASSERT_JSON("web", "\"web\"");
	ASSERT_JSON("/sys/fs/cgroup/a b", "\"/sys/fs/cgroup/a b\"");
}

TEST(null_is_json_null_and_no_document)
{
	struct json_object *o = json_object_new_object();
	char out[64];
	FILE *f = fmemopen(out, sizeof(out), "w");

	ASSERT_TRUE(o && f);
	ASSERT_EQ(json_text(NULL), NULL);
	json_object_object_add(o, "path", json_text(NULL));
	ASSERT_EQ(json_print_line(f, o), 0);
	/* What a builder that ran out of memory returns is refused. */
	ASSERT_EQ(json_print_line(f, NULL), -1);
	fclose(f);
	if (strcmp(out, "{\"path\":null}\n"))
		FAIL("printed %s", out);
}

TEST(quotes_and_backslashes_are_escaped_slashes_are_not)
{
	ASSERT_JSON("a\"b\\c", "\"a\\\"b\\\\c\"");
	ASSERT_JSON("\"", "\"\\\"\"");
	ASSERT_JSON("/etc/passwd", "\"/etc/passwd\"");
}

TEST(control_characters_are_escaped)
{
	ASSERT_JSON("a\nb\tc", "\"a\\nb\\tc\"");
	ASSERT_JSON("\x01\x1b[31m\x1f", "\"\\u0001\\u001b[31m\\u001f\"");
	ASSERT_JSON("\r", "\"\\r\"");
}

TEST(valid_utf8_is_kept)
{
	ASSERT_JSON("caf\xc3\xa9", "\"caf\xc3\xa9\"");			/* é */
	ASSERT_JSON("\xe2\x82\xac", "\"\xe2\x82\xac\"");		/* € */
	ASSERT_JSON("\xf0\x9f\x90\xb3", "\"\xf0\x9f\x90\xb3\"");	/* U+1F433 */
	ASSERT_JSON("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"");	/* U+10FFFF */
}

TEST(invalid_utf8_becomes_replacement_characters)
{
	ASSERT_JSON("\xff", "\"" FFFD "\"");
	ASSERT_JSON("a\x80z", "\"a" FFFD "z\"");			/* lone continuation */
	ASSERT_JSON("\xc3", "\"" FFFD "\"");				/* cut at the end */
	ASSERT_JSON("\xc3(", "\"" FFFD "(\"");				/* cut inside */
	ASSERT_JSON("\xc0\xaf", "\"" FFFD FFFD "\"");			/* overlong '/' */
	ASSERT_JSON("\xe0\x80\xaf", "\"" FFFD FFFD FFFD "\"");		/* 3-byte overlong */
	ASSERT_JSON("\xed\xa0\x80", "\"" FFFD FFFD FFFD "\"");		/* surrogate */
	ASSERT_JSON("\xf4\x90\x80\x80", "\"" FFFD FFFD FFFD FFFD "\"");	/* > U+10FFFF */
	ASSERT_JSON("\xe2\x82", "\"" FFFD FFFD "\"");			/* cut 3-byte */
	ASSERT_JSON("\x1b\xff\"", "\"\\u001b" FFFD "\\\"\"");		/* all at once */
}
