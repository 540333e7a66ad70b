// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the blob verifier as the kernel builds it, on the cases of
 * verify_cases.c (which tests/unit/verify_test.c runs in user space too):
 * the fixture verifies, each corruption of a field is refused for its
 * reason, every truncation and trailing byte is refused.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "verify_cases.h"

/* Memory of the test's, freed with it: fixtures are too large for a stack frame. */
static void *test_alloc(struct kunit *test, size_t size)
{
	void *p = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	return p;
}

static void *blob_buf(struct kunit *test)
{
	return test_alloc(test, CTRPOL_FIXTURE_MAX);
}

static struct ctrpol_fixture *new_fixture(struct kunit *test)
{
	struct ctrpol_fixture *f = test_alloc(test, sizeof(*f));

	ctrpol_fixture_init(f);
	return f;
}

static void fixture_verifies(struct kunit *test)
{
	struct ctrpol_fixture *f = new_fixture(test);
	struct ctrpol_blob_view view;
	void *buf = blob_buf(test);
	const char *why = NULL;
	size_t size;

	size = ctrpol_fixture_blob(f, true, buf);
	KUNIT_ASSERT_EQ_MSG(test, ctrpol_blob_verify(buf, size, &view, &why), 0, "%s", why);
	KUNIT_EXPECT_STREQ(test, view.profile->name, "web");
	KUNIT_EXPECT_EQ(test, ctrpol_dfa_match(&view.files, "aaa", 3), 1);
	KUNIT_EXPECT_EQ(test, ctrpol_dfa_match(&view.files, "ab", 2), 0);
	size = ctrpol_fixture_blob(f, false, buf);
	KUNIT_ASSERT_EQ_MSG(test, ctrpol_blob_verify(buf, size, &view, &why), 0, "%s", why);
	KUNIT_EXPECT_NULL(test, view.provenance);
}

static const void *content_gen(const void *prev, char *desc)
{
	const struct ctrpol_content_case *c = prev;

	c = c ? c + 1 : ctrpol_content_cases;
	if (c == ctrpol_content_cases + ctrpol_ncontent_cases)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

static void content_corruption_refused(struct kunit *test)
{
	const struct ctrpol_content_case *c = test->param_value;
	const char *why, *wrong;

	wrong = ctrpol_content_case_run(c, new_fixture(test), blob_buf(test), &why);

	KUNIT_EXPECT_NULL_MSG(test, wrong, "%s (%s), not for \"%s\"", wrong, why ?: "-", c->why);
}

static const void *layout_gen(const void *prev, char *desc)
{
	const struct ctrpol_layout_case *c = prev;

	c = c ? c + 1 : ctrpol_layout_cases;
	if (c == ctrpol_layout_cases + ctrpol_nlayout_cases)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

static void layout_corruption_refused(struct kunit *test)
{
	const struct ctrpol_layout_case *c = test->param_value;
	const char *why, *wrong;

	wrong = ctrpol_layout_case_run(c, new_fixture(test), blob_buf(test), &why);

	KUNIT_EXPECT_NULL_MSG(test, wrong, "%s (%s), not for \"%s\"", wrong, why ?: "-", c->why);
}

/* Each shorter blob, its header made to agree, so that every later check is reached. */
static void truncations_refused(struct kunit *test)
{
	struct ctrpol_blob_view view;
	void *buf = blob_buf(test);
	const char *why;
	size_t size, len;

	size = ctrpol_fixture_blob(new_fixture(test), true, buf);
	for (len = sizeof(struct ctrpol_blob_header); len < size; len++) {
		((struct ctrpol_blob_header *)buf)->size = cpu_to_le32(len);
		ctrpol_fixture_reseal(buf, len);
		KUNIT_EXPECT_NE_MSG(test, ctrpol_blob_verify(buf, len, &view, &why), 0,
				    "cut to %zu of %zu bytes", len, size);
	}
	for (len = 0; len < sizeof(struct ctrpol_blob_header); len++)
		KUNIT_EXPECT_NE(test, ctrpol_blob_verify(buf, len, &view, &why), 0);
}

static void trailing_bytes_refused(struct kunit *test)
{
	struct ctrpol_blob_view view;
	void *buf = blob_buf(test);
	const char *why = NULL;
	size_t size;

	size = ctrpol_fixture_blob(new_fixture(test), true, buf) + 8;
	((struct ctrpol_blob_header *)buf)->size = cpu_to_le32(size);
	ctrpol_fixture_reseal(buf, size);
	KUNIT_ASSERT_NE(test, ctrpol_blob_verify(buf, size, &view, &why), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(why, "after the last section"));
}

static struct kunit_case ctrpol_verify_cases[] = {
	KUNIT_CASE(fixture_verifies),
	KUNIT_CASE_PARAM(content_corruption_refused, content_gen),
	KUNIT_CASE_PARAM(layout_corruption_refused, layout_gen),
	KUNIT_CASE(truncations_refused),
	KUNIT_CASE(trailing_bytes_refused),
	{}
};

static struct kunit_suite ctrpol_verify_suite = {
	.name = "ctrpol_verify",
	.test_cases = ctrpol_verify_cases,
};

kunit_test_suite(ctrpol_verify_suite);
