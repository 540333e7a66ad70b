// SPDX-License-Identifier: GPL-2.0
/* The compiler writes what the kernel's verifier accepts, whatever the bytes it is given hold. */
#include <stdlib.h>
#include <string.h>

#include "compile/compiler.h"
#include "harness.h"
#include "policy.h"

/* ctrpol learn renames a parsed profile in place: a shorter name leaves bytes after its NUL. */
TEST(a_renamed_profile_is_zero_padded)
{
	struct policy p = { .mode = CTRPOL_MODE_COMPLAIN, .default_action = CTRPOL_DEFAULT_DENY };
	struct diag d = { .out = stdout };
	struct ctrpol_blob_view view;
	const char *why = NULL;
	size_t size;
	void *blob;

	memset(p.name, 'x', sizeof(p.name) - 1);
	memcpy(p.name, "learn-42", sizeof("learn-42"));
	ASSERT_EQ(policy_compile(&p, &d, &blob, &size), 0);
	ASSERT_EQ(ctrpol_blob_verify(blob, size, &view, &why), 0);
	ASSERT_STREQ(view.profile->name, "learn-42");
	free(blob);
}
