// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define MAX_TESTS 256
#define EXIT_SKIP 77	/* a child's way to say "skipped" (automake's convention) */

static struct {
	const char *name;
	void (*fn)(void);
} tests[MAX_TESTS];
static int ntests;

void harness_register(const char *name, void (*fn)(void))
{
	if (ntests == MAX_TESTS) {
		fprintf(stderr, "harness: more than %d tests\n", MAX_TESTS);
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void harness_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	_exit(1);
}

void harness_skip(const char *fmt, ...)
{
	va_list ap;

	printf("# skipped: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	_exit(EXIT_SKIP);
}

void become_user(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
		FAIL("cannot become uid %u: %s", (unsigned int)uid, strerror(errno));
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void wait_until_at(const char *file, int line, bool (*done)(const void *arg), const void *arg,
		   unsigned int seconds, const char *what, ...)
{
	const struct timespec tick = { 0, 20 * 1000 * 1000 };
	double deadline = now_s() + seconds;
	char text[512];
	va_list ap;

	while (!done(arg)) {
		if (now_s() > deadline) {
			va_start(ap, what);
			vsnprintf(text, sizeof(text), what, ap);
			va_end(ap);
			harness_fail(file, line, "gave up waiting for %s after %u s", text,
				     seconds);
		}
		nanosleep(&tick, NULL);
	}
}

static void read_back(int fd, char *buf, size_t size)
{
	ssize_t n = pread(fd, buf, size - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	close(fd);
}

pid_t fork_child(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		FAIL("fork: %s", strerror(errno));
	return pid;
}

void run_cmd(char *const argv[], uid_t uid, struct cmd_result *res)
{
	int out = memfd_create("stdout", 0), err = memfd_create("stderr", 0);
	int wstatus;
	pid_t pid;

	if (out < 0 || err < 0)
		FAIL("memfd_create: %s", strerror(errno));
	pid = fork_child();
	if (pid == 0) {
		if (uid != AS_CALLER)
			become_user(uid);
		dup2(out, STDOUT_FILENO);
		dup2(err, STDERR_FILENO);
		execvp(argv[0], argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &wstatus, 0) != pid)
		FAIL("waitpid: %s", strerror(errno));
	res->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
	read_back(out, res->out, sizeof(res->out));
	read_back(err, res->err, sizeof(res->err));
	if (res->status == 127)
		FAIL("could not run %s: %s", argv[0], res->err);
}

static int run_one(int i, unsigned int timeout)
{
	int wstatus;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("# fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		alarm(timeout);
		tests[i].fn();
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &wstatus, 0);
	if (WIFSIGNALED(wstatus)) {
		printf("# %s\n", WTERMSIG(wstatus) == SIGALRM ? "timed out" :
		       strsignal(WTERMSIG(wstatus)));
		return 1;
	}
	return WEXITSTATUS(wstatus);
}

int main(int argc, char **argv)
{
	const char *t = getenv("HARNESS_TIMEOUT");
	unsigned int timeout = t ? (unsigned int)atoi(t) : 60;
	int i, rc, failed = 0, skipped = 0;

	(void)argc;
	/* A line is out as soon as it is printed, as on a terminal: tap-run reads a pipe. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# %s\n1..%d\n", argv[0], ntests);
	for (i = 0; i < ntests; i++) {
		rc = run_one(i, timeout);
		if (rc == EXIT_SKIP) {
			skipped++;
			printf("ok %d %s # SKIP\n", i + 1, tests[i].name);
		} else {
			failed += rc != 0;
			printf("%sok %d %s\n", rc ? "not " : "", i + 1, tests[i].name);
		}
	}
	printf("# %d passed, %d failed, %d skipped\n", ntests - failed - skipped, failed, skipped);
	return failed ? 1 : 0;
}

ssize_t read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	buf[0] = '\0';
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}
