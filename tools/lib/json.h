/* SPDX-License-Identifier: GPL-2.0 */
/* Just enough JSON to print a document: strings, properly escaped. */
#ifndef CTRPOL_JSON_H
#define CTRPOL_JSON_H

#include <stdio.h>

/*
 * s as a JSON string, quotes included: '"', '\' and control characters
 * escaped, and each byte that is not part of valid UTF-8 (a cgroup name
 * can hold any byte) replaced by U+FFFD, so the document stays valid.
 */
void json_string(FILE *out, const char *s);

#endif
