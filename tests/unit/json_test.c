// SPDX-License-Identifier: GPL-2.0
/* json_string(): what must be escaped is, what is valid UTF-8 is kept, the rest is U+FFFD. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/json.h"

/* s as json_string() writes it, in a static buffer. */
static const char *json(const char *s)
{
	static char out[256];
	FILE *f = fmemopen(out, sizeof(out), "w");

	if (!f)
		FAIL("fmemopen");
	json_string(f, s);
	fclose(f);
	return out;
}

#define ASSERT_JSON(in, want)                                                 \
	do {                                                                  \
		const char *_got = json(in);                                  \
		if (strcmp(_got, (want)))                                     \
			FAIL("json(%s) is %s, want %s", #in, _got, (want));   \
	} while (0)

TEST(plain_text_is_quoted)
{
	ASSERT_JSON("", "\"\"");
	ASSERT_JSON("web", "\"web\"");
	ASSERT_JSON("/sys/fs/cgroup/a b", "\"/sys/fs/cgroup/a b\"");
}

TEST(quotes_and_backslashes_are_escaped)
{
	ASSERT_JSON("a\"b\\c", "\"a\\\"b\\\\c\"");
	ASSERT_JSON("\"", "\"\\\"\"");
}

TEST(control_characters_are_escaped)
{
	ASSERT_JSON("a\nb\tc", "\"a\\nb\\tc\"");
	ASSERT_JSON("\x01\x1b[31m\x1f\x7f", "\"\\u0001\\u001b[31m\\u001f\\u007f\"");
	ASSERT_JSON("\r", "\"\\u000d\"");
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
	ASSERT_JSON("\xff", "\"\\ufffd\"");
	ASSERT_JSON("a\x80z", "\"a\\ufffdz\"");				/* lone continuation */
	ASSERT_JSON("\xc3", "\"\\ufffd\"");				/* cut at the end */
	ASSERT_JSON("\xc3(", "\"\\ufffd(\"");				/* cut inside */
	ASSERT_JSON("\xc0\xaf", "\"\\ufffd\\ufffd\"");			/* overlong '/' */
	ASSERT_JSON("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");	/* 3-byte overlong */
	ASSERT_JSON("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");	/* surrogate */
	ASSERT_JSON("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); /* > U+10FFFF */
	ASSERT_JSON("\xe2\x82", "\"\\ufffd\\ufffd\"");			/* cut 3-byte */
}
