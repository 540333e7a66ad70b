/* SPDX-License-Identifier: GPL-2.0 */
/* Checking what the tool writes as JSON by reading it back with json-c. */
#ifndef CTRPOL_JSON_CHECK_H
#define CTRPOL_JSON_CHECK_H

#include <json-c/json.h>

/*
 * The first len bytes of text as a JSON value, parsed strictly (RFC 8259,
 * and UTF-8 checked); fails the test when they are not one.  Release it with
 * json_object_put().
 */
struct json_object *json_parse_strict(const char *text, size_t len);

/* The string member key of object o; fails the test when there is none. */
const char *json_member_string(struct json_object *o, const char *key);

#endif
