// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdint.h>

#include "text_escape.h"
#include "utf8.h"

/* What a terminal or a bidirectional text renderer acts on rather than shows. */
static bool is_active(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c ||
	       cp == 0x200e || cp == 0x200f || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void text_put_escaped(FILE *out, const char *s)
{
	unsigned int n, i;
	uint32_t cp;

	for (; *s; s += n) {
		n = utf8_decode(s, &cp);
		if (n && *s == '\\') {
			fputs("\\\\", out);
		} else if (n && !is_active(cp)) {
			fwrite(s, 1, n, out);
		} else {
			n = n ? n : 1;
			for (i = 0; i < n; i++)
				fprintf(out, "\\x%02x", (unsigned char)s[i]);
		}
	}
}
