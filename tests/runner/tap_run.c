// SPDX-License-Identifier: GPL-2.0
/*
 * tap-run: run one test program that prints TAP and judge the run whole.
 *
 * A test can fail without printing "not ok": it can crash, be missing, stop
 * after 3 of its 40 cases, hang, or exit non-zero after its last "ok".  Its
 * own lines cannot say so, so this runner says it for it: one "not ok" line
 * naming the test and every cause, which tests/total.sh then counts like any
 * other failure.  It runs in the guest (scripts/vm-init, one test binary at a
 * time) and on the host (tests/run.sh, one suite at a time).
 *
 * Usage: tap-run [--case-timeout SECONDS] [--no-plan] NAME COMMAND [ARG...]
 *   --case-timeout  fail (and kill the test) when it prints no TAP line
 *                   for that long: a case past its own time limit that its
 *                   harness did not end
 *   --no-plan       the output is several TAP streams already judged where
 *                   they were made (a VM boot's): check the exit status only
 * The test's stdout and stderr are copied to stdout as they arrive; the last
 * line is always "# tap-run: end NAME: ...".  Exit: 0 when the run passed, 1
 * when it failed, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Enough of a line to classify it; the rest is copied, not kept. */
#define HEAD_MAX 64
/* How long leftovers of a finished test may keep its output open. */
#define DRAIN_MS 1000
#define POLL_MS 100

struct tap_count {
	char head[HEAD_MAX + 1];	/* the start of the current line */
	size_t head_len;
	long planned;			/* the last plan's N, or -1 */
	int plans;
	long ok, not_ok, skipped;
	long long last_result_ms;	/* when the last plan or result came */
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static bool starts_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	return !strncmp(s, word, n) && (s[n] == '\0' || s[n] == ' ');
}

/* A plan is "1..N" alone or followed by a comment ("1..0 # SKIP why"). */
static bool parse_plan(const char *s, long *n)
{
	char *end;

	if (strncmp(s, "1..", 3) || s[3] < '0' || s[3] > '9')
		return false;
	errno = 0;
	*n = strtol(s + 3, &end, 10);
	return !errno && (*end == '\0' || *end == ' ');
}

static void classify(struct tap_count *c)
{
	long n;

	c->head[c->head_len] = '\0';
	if (starts_word(c->head, "ok")) {
		c->ok++;
		if (strstr(c->head, "# SKIP"))
			c->skipped++;
	} else if (starts_word(c->head, "not ok")) {
		c->not_ok++;
	} else if (parse_plan(c->head, &n)) {
		c->planned = n;
		c->plans++;
	} else {
		return;
	}
	c->last_result_ms = now_ms();
}

static void count_bytes(struct tap_count *c, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			classify(c);
			c->head_len = 0;
		} else if (buf[i] != '\r' && c->head_len < HEAD_MAX) {
			c->head[c->head_len++] = buf[i];
		}
	}
}

static void write_all(const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(STDOUT_FILENO, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;	/* nowhere to report to: judging goes on */
		buf += n;
		len -= (size_t)n;
	}
}

/* Copy what is there; false at end of file. */
static bool pump(int fd, struct tap_count *c)
{
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;
	write_all(buf, (size_t)n);
	count_bytes(c, buf, (size_t)n);
	return true;
}

/* Start argv in a process group of its own, output to *out; why exec failed, if it did, in *exec_errno. */
static pid_t start(char **argv, int *out, int *exec_errno)
{
	int io[2], report[2], err = 0;
	pid_t pid;

	if (pipe2(io, O_CLOEXEC) || pipe2(report, O_CLOEXEC)) {
		perror("tap-run: pipe");
		exit(1);
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("tap-run: fork");
		exit(1);
	}
	if (pid == 0) {
		setpgid(0, 0);
		dup2(io[1], STDOUT_FILENO);
		dup2(io[1], STDERR_FILENO);
		execvp(argv[0], argv);
		err = errno;
		if (write(report[1], &err, sizeof(err)) != sizeof(err))
			_exit(126);
		_exit(127);
	}
	/* Both sides set the group, so that it exists whichever runs first. */
	setpgid(pid, pid);
	close(io[1]);
	close(report[1]);
	if (read(report[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(report[0]);
	*out = io[0];
	*exec_errno = err;
	return pid;
}

struct outcome {
	int wstatus;
	bool timed_out;
};

/* Whether @pid has ended, left unreaped. */
static bool exited(pid_t pid)
{
	siginfo_t info = { 0 };

	return !waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) &&
	       info.si_pid == pid;
}

/*
 * Copy the test's output until it exits or goes silent for too long, then end
 * whatever it left running in its group (it would hold the output open).
 */
static void watch(pid_t pid, int fd, long case_timeout_ms, struct tap_count *c,
		  struct outcome *o)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	bool open = true, done = false;
	long long drain_until;

	c->last_result_ms = now_ms();
	while (!done) {
		if (open && poll(&p, 1, POLL_MS) > 0)
			open = pump(fd, c);
		else if (!open)
			poll(NULL, 0, POLL_MS);
		if (exited(pid)) {
			done = true;
		} else if (case_timeout_ms > 0 &&
			   now_ms() - c->last_result_ms > case_timeout_ms) {
			o->timed_out = true;
			done = true;
		}
	}
	/* Before the reaping: until then, no other group can have its id. */
	kill(-pid, SIGKILL);
	waitpid(pid, &o->wstatus, 0);
	drain_until = now_ms() + DRAIN_MS;
	while (open && now_ms() < drain_until)
		if (poll(&p, 1, POLL_MS) > 0)
			open = pump(fd, c);
	close(fd);
	/* A last line without its newline still counts. */
	if (c->head_len)
		classify(c);
}

/* Append one cause to the failure line. */
__attribute__((format(printf, 3, 4)))
static void because(char *why, size_t size, const char *fmt, ...)
{
	size_t len = strlen(why);
	va_list ap;

	if (len && len + 2 < size) {
		strcpy(why + len, "; ");
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(why + len, size - len, fmt, ap);
	va_end(ap);
}

/* Print the verdict on the run; true when it failed. */
static bool judge(const char *name, const char *cmd, int exec_errno, bool need_plan,
		  long case_timeout_ms, const struct tap_count *c, const struct outcome *o)
{
	long seen = c->ok + c->not_ok;
	char why[1024] = "", status[64];
	const char *abbrev;
	int sig;

	if (exec_errno == ENOENT)
		because(why, sizeof(why), "missing: %s: %s", cmd, strerror(exec_errno));
	else if (exec_errno)
		because(why, sizeof(why), "cannot run %s: %s", cmd, strerror(exec_errno));
	else if (o->timed_out)
		because(why, sizeof(why), "no TAP line for %ld s: killed after %ld case%s",
			case_timeout_ms / 1000, seen, seen == 1 ? "" : "s");
	else if (WIFSIGNALED(o->wstatus) && (abbrev = sigabbrev_np(WTERMSIG(o->wstatus))))
		because(why, sizeof(why), "killed by SIG%s (%s) after %ld case%s", abbrev,
			strsignal(WTERMSIG(o->wstatus)), seen, seen == 1 ? "" : "s");
	else if (WIFSIGNALED(o->wstatus))
		because(why, sizeof(why), "killed by signal %d after %ld case%s",
			WTERMSIG(o->wstatus), seen, seen == 1 ? "" : "s");
	else if (WEXITSTATUS(o->wstatus) && !c->not_ok)
		because(why, sizeof(why), "exited with status %d, no case failed",
			WEXITSTATUS(o->wstatus));
	if (need_plan && !exec_errno) {
		if (!c->plans)
			because(why, sizeof(why), "printed no TAP plan (1..N)");
		else if (c->plans > 1)
			because(why, sizeof(why), "printed %d TAP plans", c->plans);
		else if (c->planned != seen)
			because(why, sizeof(why), "planned %ld cases, printed %ld",
				c->planned, seen);
	}
	if (*why)
		printf("not ok - %s: %s\n", name, why);

	sig = WIFSIGNALED(o->wstatus) ? WTERMSIG(o->wstatus) : 0;
	if (exec_errno)
		snprintf(status, sizeof(status), "not run");
	else if (sig)
		snprintf(status, sizeof(status), "signal %d", sig);
	else
		snprintf(status, sizeof(status), "exit %d", WEXITSTATUS(o->wstatus));
	printf("# tap-run: end %s: %ld passed, %ld failed, %ld skipped, plan %ld, %s\n",
	       name, c->ok - c->skipped, c->not_ok + (*why != '\0'), c->skipped,
	       c->plans == 1 ? c->planned : -1L, status);
	return *why || c->not_ok;
}

static void usage(void)
{
	fprintf(stderr, "usage: tap-run [--case-timeout SECONDS] [--no-plan] NAME COMMAND [ARG...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct tap_count c = { .planned = -1 };
	struct outcome o = { 0 };
	long case_timeout_ms = 0;
	bool need_plan = true, failed;
	int i = 1, fd, exec_errno;
	pid_t pid;

	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--no-plan")) {
			need_plan = false;
		} else if (!strcmp(argv[i], "--case-timeout") && i + 1 < argc) {
			char *end;
			long s = strtol(argv[++i], &end, 10);

			if (*end || s <= 0 || s > INT_MAX / 1000) {
				fprintf(stderr, "tap-run: --case-timeout %s: want a number of seconds\n",
					argv[i]);
				exit(2);
			}
			case_timeout_ms = s * 1000;
		} else {
			usage();
		}
	}
	if (argc - i < 2)
		usage();
	/* A test killed for its silence must not take the runner with it. */
	signal(SIGPIPE, SIG_IGN);
	pid = start(argv + i + 1, &fd, &exec_errno);
	watch(pid, fd, exec_errno ? 0 : case_timeout_ms, &c, &o);
	failed = judge(argv[i], argv[i + 1], exec_errno, need_plan, case_timeout_ms, &c, &o);
	fflush(stdout);
	return failed;
}
