// SPDX-License-Identifier: GPL-2.0
/* In the guest: the kernel booted with ctrpol active. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness.h"
#include "release.h"
#include <linux/ctrpol.h>

#ifndef __NR_lsm_list_modules
#define __NR_lsm_list_modules 461	/* x86_64, since 6.8 */
#endif

TEST(listed_in_securityfs)
{
	char line[256] = "", *tok, *save;
	FILE *f = fopen("/sys/kernel/security/lsm", "r");

	ASSERT_TRUE(f != NULL);
	ASSERT_TRUE(fgets(line, sizeof(line), f) != NULL);
	fclose(f);
	for (tok = strtok_r(line, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save))
		if (!strcmp(tok, "ctrpol"))
			return;
	FAIL("ctrpol is not in /sys/kernel/security/lsm: %s", line);
}

TEST(listed_by_lsm_list_modules)
{
	uint64_t ids[16];
	uint32_t size = sizeof(ids);
	long i, n = syscall(__NR_lsm_list_modules, ids, &size, 0);

	if (n < 0)
		FAIL("lsm_list_modules: %s", strerror(errno));
	for (i = 0; i < n; i++)
		if (ids[i] == CTRPOL_LSM_ID)
			return;
	FAIL("LSM id %d not among the %ld active LSMs", CTRPOL_LSM_ID, n);
}

TEST(boot_log_reports_release_and_abi)
{
	static char log[1 << 17];
	char want[64];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log, sizeof(log) - 1);

	if (n < 0)
		FAIL("klogctl: %s", strerror(errno));
	log[n] = '\0';
	snprintf(want, sizeof(want), "ctrpol: LSM %s (ABI %d) initialized",
		 CTRPOL_RELEASE, CTRPOL_ABI_VERSION);
	if (!strstr(log, want))
		FAIL("kernel log lacks \"%s\"", want);
}
