/* SPDX-License-Identifier: GPL-2.0 */
/*
 * JSON documents built with json-c (the library the OCI hook uses), for
 * `ctrpol list --json` and `ctrpol monitor --json`.
 */
#ifndef CTRPOL_JSON_WRITE_H
#define CTRPOL_JSON_WRITE_H

#include <stdio.h>
#include <json-c/json.h>

/*
 * A json-c string holding s, or NULL (JSON null) for a NULL s.  json-c
 * escapes control characters but copies other bytes as they are, so each
 * byte of s that is not part of valid UTF-8 (a path or cgroup name can hold
 * any byte) is replaced by U+FFFD here: the document stays valid JSON.
 */
struct json_object *json_text(const char *s);

/*
 * o on one line of out, as compact as json-c writes it, then o released.
 * Returns 0, or -1 when memory ran out (then nothing is written); json-c
 * leaves out a member it had no memory for, so NULL o counts as that too.
 */
int json_print_line(FILE *out, struct json_object *o);

#endif
