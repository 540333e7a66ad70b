// SPDX-License-Identifier: GPL-2.0
/* The container state an OCI runtime gives its hooks, read strictly. */
#include <stdlib.h>
#include <string.h>

#include "genl/oci_state.h"
#include "harness.h"

/* What crun 1.8.1 gives a createRuntime hook (tests/vm/crun_test.c saw it). */
static const char crun_state[] =
	"{\"ociVersion\":\"1.0.0\",\"id\":\"web1\",\"pid\":4242,\"root\":\"/run/crun/web1\","
	"\"bundle\":\"/var/lib/bundles/web1\",\"rootfs\":\"/var/lib/bundles/web1/rootfs\","
	"\"status\":\"creating\",\"annotations\":{\"io.ctrpol.profile\":\"web\","
	"\"other\":\"x\"}}\n";

static const char *refusal(const char *text)
{
	struct oci_state st;
	const char *why;

	ASSERT_EQ(oci_state_parse(text, strlen(text), &st, &why), -1);
	ASSERT_TRUE(why && !st.id && !st.profile);
	return why;
}

TEST(a_runtime_state_gives_id_status_pid_and_profile)
{
	struct oci_state st;
	const char *why;

	ASSERT_EQ(oci_state_parse(crun_state, strlen(crun_state), &st, &why), 0);
	ASSERT_STREQ(st.id, "web1");
	ASSERT_STREQ(st.status, "creating");
	ASSERT_EQ(st.pid, 4242);
	ASSERT_STREQ(st.profile, "web");
	oci_state_free(&st);
}

TEST(without_the_annotation_there_is_no_profile)
{
	static const char text[] = "{\"ociVersion\":\"1.0.2\",\"id\":\"c\",\"pid\":1,"
				   "\"status\":\"created\"}";
	struct oci_state st;
	const char *why;

	ASSERT_EQ(oci_state_parse(text, strlen(text), &st, &why), 0);
	ASSERT_TRUE(!st.profile);
	oci_state_free(&st);
}

TEST(what_is_not_a_state_is_refused_with_the_reason)
{
	ASSERT_CONTAINS(refusal(""), "not one JSON document");
	ASSERT_CONTAINS(refusal("{\"ociVersion\":\"1.0.0\",\"id\":\"c\"} {}"),
			"not one JSON document");
	ASSERT_CONTAINS(refusal("[1]"), "not a JSON object");
	ASSERT_CONTAINS(refusal("{\"id\":\"c\",\"pid\":1}"), "ociVersion");
	ASSERT_CONTAINS(refusal("{\"ociVersion\":\"1\",\"pid\":1}"), "\"id\"");
	ASSERT_CONTAINS(refusal("{\"ociVersion\":\"1\",\"id\":\"c\",\"pid\":\"1\"}"),
			"not an integer");
	ASSERT_CONTAINS(refusal("{\"ociVersion\":\"1\",\"id\":\"c\",\"pid\":-1}"),
			"not a process id");
	ASSERT_CONTAINS(refusal("{\"ociVersion\":\"1\",\"id\":\"c\",\"pid\":4294967297}"),
			"not a process id");
	ASSERT_CONTAINS(refusal("{\"ociVersion\":\"1\",\"id\":\"c\",\"annotations\":[]}"),
			"\"annotations\" is not an object");
	ASSERT_CONTAINS(refusal("{\"ociVersion\":\"1\",\"id\":\"c\","
				"\"annotations\":{\"io.ctrpol.profile\":7}}"),
			"is not a string");
}

TEST(a_huge_state_is_refused_before_parsing)
{
	size_t len = OCI_STATE_MAX + 1;
	char *text = malloc(len);
	struct oci_state st;
	const char *why;

	ASSERT_TRUE(text);
	memset(text, ' ', len);
	ASSERT_EQ(oci_state_parse(text, len, &st, &why), -1);
	ASSERT_CONTAINS(why, "larger than 1 MiB");
	free(text);
}
