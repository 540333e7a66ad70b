// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest, for `make bench`: what the hooks cost an open(2)+close(2),
 * the hottest path they sit on.  Four settings, measured in interleaved
 * rounds so that host noise hits them alike, reported as medians and as
 * ratios to the first:
 *   none       no profile attached anywhere: the static key skips the hooks
 *   elsewhere  profiles attached, the task unconfined: one lookup per level
 *   confined   the task's cgroup has a one-rule profile
 *   large      ... a 10,000-rule profile: the DFA walk does not grow
 * Target: "elsewhere" within 5% of "none" (unconfined tasks pay nothing).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"

#define ROUNDS 15
#define OPENS 2000
#define PATH "/tmp/bench/some/dir/file.txt"

enum { NONE, ELSEWHERE, CONFINED, LARGE, NSETTINGS };
static const char *const names[] = { "none", "elsewhere", "confined", "large" };

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Where the measuring child leaves its result: memory shared with the parent. */
static double *result;

/* Nanoseconds per open+close into *result; run in a child, in the cgroup measured. */
static int time_opens(const void *arg)
{
	double t = now();
	int i;

	(void)arg;
	for (i = 0; i < OPENS; i++) {
		int fd = open(PATH, O_RDONLY);

		if (fd < 0)
			return 1;
		close(fd);
	}
	*result = (now() - t) / OPENS * 1e9;
	return 0;
}

static double measure(const char *cgroup)
{
	if (run_in(cgroup, AS_CALLER, time_opens, NULL))
		FAIL("open %s failed in cgroup %s", PATH, cgroup ? cgroup : "(own)");
	return *result;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* A 10,000-rule policy file, as a large container profile is. */
static void write_large(const char *path)
{
	static char text[1 << 20];
	size_t n = snprintf(text, sizeof(text), "profile bench-large {\n");
	int i;

	for (i = 0; i < 10000; i++)
		n += snprintf(text + n, sizeof(text) - n, "allow read /srv/app%d/dir%d/f%d\n",
			      i % 50, i, i);
	snprintf(text + n, sizeof(text) - n, "allow read " PATH "\n}\n");
	put_file(path, text, 0644);
}

TEST(open_close_cost)
{
	static const char *const cgroups[] = { "bench-free", "bench-free", "bench-one", "bench-large" };
	double ns[NSETTINGS][ROUNDS], med[NSETTINGS];
	struct confined one;
	struct cmd_result r;
	int s, k;

	result = mmap(NULL, sizeof(*result), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		      -1, 0);
	ASSERT_TRUE(result != MAP_FAILED);
	run_cmd((char *const[]){ "mkdir", "-p", "/tmp/bench/some/dir", NULL }, AS_CALLER, &r);
	put_file(PATH, "x", 0644);
	cgroup_create("bench-free");
	cgroup_create("bench-large");
	write_large("/tmp/bench-large.ctp");
	for (k = 0; k < ROUNDS; k++) {
		/* "none" needs no attachment at all: measure it before attaching. */
		ns[NONE][k] = measure("bench-free");
		confine(&one, "bench-one", "allow read " PATH);
		run_ctrpol("load", "/tmp/bench-large.ctp", NULL, NULL);
		run_ctrpol("attach", "bench-large", "--cgroup", CGROUP_ROOT "/bench-large");
		for (s = ELSEWHERE; s < NSETTINGS; s++)
			ns[s][k] = measure(cgroups[s]);
		unconfine(&one);
		run_ctrpol("detach", "--cgroup", CGROUP_ROOT "/bench-large", NULL);
		run_ctrpol("unload", "bench-large", NULL, NULL);
	}
	printf("# open+close, median of %d rounds of %d (TCG: compare ratios, not times)\n",
	       ROUNDS, OPENS);
	for (s = 0; s < NSETTINGS; s++) {
		qsort(ns[s], ROUNDS, sizeof(double), cmp);
		med[s] = ns[s][ROUNDS / 2];
		printf("# %-10s %8.0f ns  %5.2fx\n", names[s], med[s], med[s] / med[NONE]);
	}
	if (med[ELSEWHERE] > med[NONE] * 1.05)
		printf("# MISSED TARGET: unconfined tasks pay %.1f%% when profiles are attached elsewhere\n",
		       (med[ELSEWHERE] / med[NONE] - 1) * 100);
}
