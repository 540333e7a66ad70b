// SPDX-License-Identifier: GPL-2.0
/*
 * How fast the compiler turns a policy's text into a verified blob, how big
 * its file DFA is and how fast the kernel's matcher walks it, for 10, 1,000
 * and 10,000 realistic file rules.  Each size runs in a child of its own so
 * that peak RSS is its own.  Exits 1 when 10,000 rules take 1 s or 256 MiB
 * or more to compile.
 */
#include <endian.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "compile/compiler.h"
#include "lang/ast.h"
#include "policy.h"

#define TARGET_RULES 10000
#define TARGET_SECONDS 1.0
#define TARGET_KIB (256 * 1024L)
#define NPATHS 20000

static uint64_t rng = 88172645463325252ULL;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16) % n;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A rule as a container profile has them: mostly plain files, some trees and patterns. */
static void gen_rule(char *glob, size_t size, const char **verb, unsigned int i)
{
	static const char *const verbs[] = {
		"allow read", "allow read,mmap_exec", "allow read,write,create",
		"audit allow append", "audit allow read,exec", "deny write",
	};
	unsigned int r = rnd(100), a = rnd(50), b = rnd(1000);

	*verb = verbs[rnd(sizeof(verbs) / sizeof(verbs[0]))];
	if (r < 55)
		snprintf(glob, size, "/srv/app%u/dir%u/file%u.txt", a, b, i);
	else if (r < 65)
		snprintf(glob, size, "/etc/svc%u/conf%u.d/%u.conf", a, b, i);
	else if (r < 75)
		snprintf(glob, size, "/usr/lib/pkg%u-%u/**", b, i);
	else if (r < 85)
		snprintf(glob, size, "/var/log/app%u*/x?.log", i);
	else if (r < 95)
		snprintf(glob, size, "/home/{alice,bob}%u/[a-z]*", i);
	else
		snprintf(glob, size, "/srv/www%u/**.{html,css,js}", i);
}

/* A path the bench's glob matches: its first alternative, and some bytes for each wildcard. */
static void instantiate(const char *glob, char *path, size_t size)
{
	char *p = path, *end = path + size - 16;

	for (; *glob && p < end; glob++) {
		if (glob[0] == '*' && glob[1] == '*') {
			p += sprintf(p, "lib/x86_64");
			glob++;
		} else if (*glob == '*') {
			p += sprintf(p, "worker");
		} else if (*glob == '?') {
			*p++ = '7';
		} else if (*glob == '[') {
			*p++ = 'm';
			glob = strchr(glob, ']');
		} else if (*glob == '{') {
			size_t n = strcspn(glob + 1, ",}");

			memcpy(p, glob + 1, n);
			p += n;
			glob = strchr(glob, '}');
		} else {
			*p++ = *glob;
		}
	}
	*p = '\0';
}

/* What a container opens: half of it named by some rule, the rest by none. */
static void gen_path(char *path, size_t size, char (*globs)[96], unsigned int n)
{
	unsigned int r = rnd(100), a = rnd(50), b = rnd(1000);

	if (r < 50)
		instantiate(globs[rnd(n)], path, size);
	else if (r < 70)
		snprintf(path, size, "/srv/app%u/dir%u/file%u.txt", a, b, rnd(n));
	else if (r < 85)
		snprintf(path, size, "/usr/share/locale/de/LC_MESSAGES/app%u.mo", b);
	else
		snprintf(path, size, "/proc/%u/task/%u/status", b, a);
}

/*
 * Paths and bytes matched per second, over enough rounds to take a fifth of
 * a second; and the share of the paths that some rule names.
 */
static void throughput(const struct ctrpol_dfa_view *v, char (*globs)[96], unsigned int n,
		       double *mbps, double *pps, double *named)
{
	static char paths[NPATHS][96];
	static size_t lens[NPATHS];
	size_t bytes = 0, hits = 0, i, rounds = 0;
	double t;

	for (i = 0; i < NPATHS; i++) {
		gen_path(paths[i], sizeof(paths[i]), globs, n);
		lens[i] = strlen(paths[i]);
	}
	t = now();
	do {
		for (i = 0; i < NPATHS; i++) {
			hits += ctrpol_dfa_match(v, paths[i], lens[i]) != 0;
			bytes += lens[i];
		}
		rounds++;
	} while (now() - t < 0.2);
	t = now() - t;
	*mbps = bytes / t / 1e6;
	*pps = rounds * NPATHS / t;
	*named = 100.0 * hits / (rounds * NPATHS);
}

/* The policy text of n rules, in a file of its own: the compiler reads files. */
static int write_policy(char (*globs)[96], unsigned int n, bool anywhere, char *path,
			size_t size)
{
	int fd = memfd_create("bench.ctp", 0);
	FILE *f = fd < 0 ? NULL : fdopen(dup(fd), "w");
	const char *verb;
	unsigned int i;

	if (!f)
		return -1;
	fprintf(f, "profile bench {\n");
	/* Rules that apply at any depth: every state of the others then carries them. */
	if (anywhere)
		fprintf(f, "    deny write /**/.git/**\n    audit allow read /**/*.pem\n");
	for (i = 0; i < n; i++) {
		gen_rule(globs[i], sizeof(globs[i]), &verb, i);
		fprintf(f, "    %s %s\n", verb, globs[i]);
	}
	fprintf(f, "}\n");
	if (fclose(f))
		return -1;
	snprintf(path, size, "/proc/self/fd/%d", fd);
	return fd;
}

/*
 * One size, in a child: prints its line; exits 1 when it misses the target.
 * With anywhere, two more rules start with "**".
 */
static int run(unsigned int n, bool anywhere)
{
	char (*globs)[96] = calloc(n, sizeof(*globs));
	struct diag d = { .out = stderr };
	struct ctrpol_blob_view v;
	struct policy *p;
	struct rusage ru;
	double t, mbps, pps, named;
	const char *why;
	unsigned int nstates;
	char path[64];
	size_t size;
	void *blob;

	if (!globs || write_policy(globs, n, anywhere, path, sizeof(path)) < 0)
		return 2;
	t = now();
	p = policy_parse(path, false, &d);
	if (!p || policy_compile(p, &d, &blob, &size))
		return 2;
	if (ctrpol_blob_verify(blob, size, &v, &why)) {
		fprintf(stderr, "the compiled blob fails verification: %s\n", why);
		return 2;
	}
	t = now() - t;
	getrusage(RUSAGE_SELF, &ru);
	nstates = le32toh(v.files.hdr->nstates);
	size = sizeof(*v.files.hdr) + (le32toh(v.files.hdr->nperms) * sizeof(*v.files.perms)) +
	       (2 * nstates + 2 * le32toh(v.files.hdr->ntrans)) * sizeof(__le32);
	throughput(&v.files, globs, n, &mbps, &pps, &named);
	printf("%5u%c %9.3f %8.1f %8u %10zu %8.1f %7.2f %6u %10.0f %10.0f %6.1f\n", n, anywhere ? '+' : ' ', t,
	       ru.ru_maxrss / 1024.0, nstates, size, (double)size / n, (double)nstates / n,
	       le16toh(v.files.hdr->nclasses), mbps, pps, named);
	policy_free(p);
	free(blob);
	free(globs);
	if (n == TARGET_RULES && (t >= TARGET_SECONDS || ru.ru_maxrss >= TARGET_KIB)) {
		printf("FAIL target: %u rules: %.3f s, %.1f MiB; want < %.0f s and < %ld MiB\n", n, t,
		       ru.ru_maxrss / 1024.0, TARGET_SECONDS, TARGET_KIB / 1024);
		return 1;
	}
	return 0;
}

int main(void)
{
	static const struct {
		unsigned int rules;
		bool anywhere;
	} sizes[] = { { 10, false }, { 1000, false }, { TARGET_RULES, false },
		      { TARGET_RULES, true } };
	int status, ret = 0;
	size_t i;

	printf("compile: policy text to verified blob; target %u rules in < %.0f s and < %ld MiB\n",
	       TARGET_RULES, TARGET_SECONDS, TARGET_KIB / 1024);
	printf("(+: and two rules that start with **, as /**/.git/**)\n");
	printf("%6s %9s %8s %8s %10s %8s %7s %6s %10s %10s %6s\n", "rules", "compile_s", "peak_MiB",
	       "states", "bytes", "B/rule", "st/rule", "class", "match_MB/s", "paths/s", "named%");
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		pid_t pid;

		fflush(stdout);
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 2;
		}
		if (!pid)
			exit(run(sizes[i].rules, sizes[i].anywhere));
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 1)
				printf("FAIL: %u rules: the run did not finish\n", sizes[i].rules);
			ret = 1;
		}
	}
	return ret;
}
