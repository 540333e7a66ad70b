// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "oci_state.h"

/* Member key of obj as a string: NULL when absent; -1 when not a string. */
static int string_member(struct json_object *obj, const char *key, char **out)
{
	struct json_object *v;

	*out = NULL;
	if (!json_object_object_get_ex(obj, key, &v) || json_object_is_type(v, json_type_null))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return -1;
	*out = strdup(json_object_get_string(v));
	return *out ? 0 : -1;
}

static const char *parse_pid(struct json_object *obj, int *pid)
{
	struct json_object *v;
	int64_t n;

	*pid = 0;
	if (!json_object_object_get_ex(obj, "pid", &v))
		return NULL;
	if (!json_object_is_type(v, json_type_int))
		return "\"pid\" is not an integer";
	errno = 0;
	n = json_object_get_int64(v);
	if (errno || n <= 0 || n > INT_MAX)
		return "\"pid\" is not a process id";
	*pid = (int)n;
	return NULL;
}

static const char *parse_profile(struct json_object *obj, char **profile)
{
	struct json_object *notes;

	if (!json_object_object_get_ex(obj, "annotations", &notes) ||
	    json_object_is_type(notes, json_type_null))
		return NULL;
	if (!json_object_is_type(notes, json_type_object))
		return "\"annotations\" is not an object";
	if (string_member(notes, OCI_PROFILE_ANNOTATION, profile))
		return "annotation " OCI_PROFILE_ANNOTATION " is not a string";
	return NULL;
}

static const char *parse(struct json_object *obj, struct oci_state *st)
{
	char *version;
	const char *why;

	if (!json_object_is_type(obj, json_type_object))
		return "the state is not a JSON object";
	if (string_member(obj, "ociVersion", &version) || !version)
		return "no \"ociVersion\" string: is this an OCI runtime's state?";
	free(version);
	if (string_member(obj, "id", &st->id) || !st->id)
		return "no \"id\" string";
	if (string_member(obj, "status", &st->status))
		return "\"status\" is not a string";
	why = parse_pid(obj, &st->pid);
	return why ? why : parse_profile(obj, &st->profile);
}

/* Whether text[from, len) is only blanks: a runtime may end the document with a newline. */
static int only_blanks(const char *text, size_t from, size_t len)
{
	for (; from < len; from++)
		if (!strchr(" \t\r\n", text[from]) || !text[from])
			return 0;
	return 1;
}

int oci_state_parse(const char *text, size_t len, struct oci_state *st, const char **why)
{
	struct json_tokener *tok;
	struct json_object *obj = NULL;

	memset(st, 0, sizeof(*st));
	*why = NULL;
	if (len > OCI_STATE_MAX) {
		*why = "the state is larger than 1 MiB";
		return -1;
	}
	tok = json_tokener_new();
	if (!tok) {
		*why = "out of memory";
		return -1;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	obj = json_tokener_parse_ex(tok, text, (int)len);
	if (!obj || json_tokener_get_error(tok) != json_tokener_success ||
	    !only_blanks(text, json_tokener_get_parse_end(tok), len))
		*why = "the state is not one JSON document";
	else
		*why = parse(obj, st);
	json_object_put(obj);
	json_tokener_free(tok);
	if (!*why)
		return 0;
	oci_state_free(st);
	return -1;
}

void oci_state_free(struct oci_state *st)
{
	free(st->id);
	free(st->status);
	free(st->profile);
	memset(st, 0, sizeof(*st));
}
