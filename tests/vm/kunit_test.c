// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: our KUnit suites ran at boot; their results, read from
 * debugfs, must all pass.  A suite that did not run is a failure, not a pass
 * by silence.  Each failed case is named in the report.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#include "harness.h"

static void suite_passes(const char *suite)
{
	char path[128], line[512], failed[2048] = "";
	unsigned int passed = 0, nfailed = 0;
	FILE *f;

	if (mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) && errno != EBUSY)
		FAIL("mounting debugfs: %s", strerror(errno));
	snprintf(path, sizeof(path), "/sys/kernel/debug/kunit/%s/results", suite);
	f = fopen(path, "r");
	if (!f)
		FAIL("%s: %s: did the suite run?", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		const char *p = line + strspn(line, " ");

		if (!strncmp(p, "ok ", 3)) {
			passed++;
		} else if (!strncmp(p, "not ok ", 7)) {
			nfailed++;
			strncat(failed, p, sizeof(failed) - strlen(failed) - 1);
		}
	}
	fclose(f);
	if (nfailed)
		FAIL("%s: %u results failed:\n%s", suite, nfailed, failed);
	if (!passed)
		FAIL("%s: no result in %s", suite, path);
	printf("# %s: %u results passed\n", suite, passed);
}

TEST(ctrpol_verify_suite_passes)
{
	suite_passes("ctrpol_verify");
}
