/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small kselftest-style harness: TEST() registers a case, each case runs in
 * its own child with a time limit, and results are printed as TAP
 * ("ok 3 name", "not ok 4 name") that tests/run.sh counts.
 */
#ifndef CTRPOL_HARNESS_H
#define CTRPOL_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

void harness_register(const char *name, void (*fn)(void));
__attribute__((noreturn, format(printf, 3, 4)))
void harness_fail(const char *file, int line, const char *fmt, ...);
__attribute__((noreturn, format(printf, 1, 2)))
void harness_skip(const char *fmt, ...);

#define TEST(name)                                                            \
	static void test_##name(void);                                        \
	__attribute__((constructor)) static void register_##name(void)        \
	{                                                                     \
		harness_register(#name, test_##name);                         \
	}                                                                     \
	static void test_##name(void)

#define FAIL(...) harness_fail(__FILE__, __LINE__, __VA_ARGS__)
#define SKIP(...) harness_skip(__VA_ARGS__)

#define ASSERT_TRUE(c)                                                        \
	do {                                                                  \
		if (!(c))                                                     \
			FAIL("expected %s", #c);                              \
	} while (0)

#define ASSERT_EQ(a, b)                                                       \
	do {                                                                  \
		long long _a = (long long)(a), _b = (long long)(b);           \
		if (_a != _b)                                                 \
			FAIL("%s == %s: got %lld, want %lld", #a, #b, _a, _b); \
	} while (0)

#define ASSERT_STREQ(a, b)                                                    \
	do {                                                                  \
		const char *_a = (a), *_b = (b);                              \
		if (!_a || strcmp(_a, _b))                                    \
			FAIL("%s == \"%s\": got %s%s%s", #a, _b, _a ? "\"" : "", \
			     _a ? _a : "nothing", _a ? "\"" : "");           \
	} while (0)

#define ASSERT_CONTAINS(hay, needle)                                          \
	do {                                                                  \
		const char *_h = (hay), *_n = (needle);                       \
		if (!strstr(_h, _n))                                          \
			FAIL("%s lacks \"%s\"; it is:\n%s", #hay, _n, _h);    \
	} while (0)

/* What a finished command printed and how it ended. */
struct cmd_result {
	int status;		/* exit code, or 128 + signal */
	char out[8192];		/* stdout, NUL-terminated, truncated to fit */
	char err[8192];		/* stderr, likewise */
};

#define AS_CALLER ((uid_t)-1)

/*
 * Run argv (looked up in PATH) to completion, as uid (and the same gid, no
 * supplementary groups) unless uid is AS_CALLER; fails the test if it
 * cannot be started.
 */
void run_cmd(char *const argv[], uid_t uid, struct cmd_result *res);

/*
 * The contents of path into buf (NUL-terminated, truncated to fit); the
 * bytes read, or -1 with errno set (buf then "") when it cannot be read.
 */
ssize_t read_text(const char *path, char *buf, size_t size);

/*
 * fork(), stdout flushed first so that the child does not print what the
 * parent had buffered; fails the test if it cannot.
 */
pid_t fork_child(void);

/* Drop to uid/gid with no supplementary groups; root's capabilities go with it. */
void become_user(uid_t uid);

/*
 * Until done(arg) holds, asking every 20 ms: what a test waits for instead
 * of a sleep that may be too short.  After seconds, fails the test where it
 * waited with "gave up waiting for " and what (a printf format) after it.
 */
#define wait_until(done, arg, seconds, ...)                                   \
	wait_until_at(__FILE__, __LINE__, done, arg, seconds, __VA_ARGS__)
__attribute__((format(printf, 6, 7)))
void wait_until_at(const char *file, int line, bool (*done)(const void *arg), const void *arg,
		   unsigned int seconds, const char *what, ...);

#endif
