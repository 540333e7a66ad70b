// SPDX-License-Identifier: GPL-2.0
#include "harness.h"
#include "json_check.h"

struct json_object *json_parse_strict(const char *text, size_t len)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *o;

	if (!tok)
		FAIL("json_tokener_new");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, text, (int)len);
	if (!o || json_tokener_get_parse_end(tok) != len)
		FAIL("not one JSON value (%s at byte %zu): %.*s",
		     json_tokener_error_desc(json_tokener_get_error(tok)),
		     json_tokener_get_parse_end(tok), (int)len, text);
	json_tokener_free(tok);
	return o;
}

const char *json_member_string(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		FAIL("no string member \"%s\" in %s", key, json_object_to_json_string(o));
	return json_object_get_string(v);
}
