/* SPDX-License-Identifier: GPL-2.0 */
/* UTF-8 as RFC 3629 defines it: names from the system (paths, cgroups, commands) are any bytes. */
#ifndef CTRPOL_UTF8_H
#define CTRPOL_UTF8_H

#include <stdint.h>

/*
 * The well-formed UTF-8 sequence at s (NUL-terminated): its length in bytes,
 * with its code point in *cp; 0 when s does not start one (a stray or
 * missing continuation byte, an overlong form, a surrogate, beyond U+10FFFF).
 */
unsigned int utf8_decode(const char *s, uint32_t *cp);

#endif
