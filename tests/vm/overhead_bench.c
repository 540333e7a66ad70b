// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest, for `make bench` (docs/benchmarks.md): what confinement costs
 * the operations a container does most, under ctrpol and under its peers.
 *
 * Seven operations (open+close, stat, exec of a tiny static program, mmap
 * PROT_EXEC, socket+connect on loopback, fork+exit, and an open the profile
 * denies) are timed in each configuration: unconfined with ctrpol idle
 * (nothing attached) or attached elsewhere; confined by ctrpol, by AppArmor
 * (change_profile) and by Landlock, each with an equivalent profile of 10,
 * 1,000 and 10,000 rules; and by ctrpol 1 and 8 cgroup levels below the
 * attachment.  Configurations take turns in rounds (A B C A B C...) so that
 * the host's bursts of noise hit them alike; each round gives one mean per
 * operation, and records quote the median and spread of the rounds.  Then
 * ctrpol alone: the cost of a check while 1 and while 10,000 cgroups have
 * attachments, in alternation; the time to load and replace a profile; and
 * the kernel memory a profile and an attachment take.
 *
 * On a kernel where ctrpol is not in lsm= the same operations are timed
 * unconfined only: the baseline, from a boot of its own.  make bench's
 * instruction-counted boots time fewer things in longer slices:
 * CTRPOL_BENCH=idle the operations unconfined only, on either kernel
 * (ctrpol-idle where ctrpol is in lsm=), and CTRPOL_BENCH=confined open+close
 * and stat in the interleaved configurations, and 1 against 10,000 cgroups.
 *
 * Results are JSON records, one per line, each printed after "# bench " (the
 * host gathers them from the TAP: scripts/bench-report.pl) and all of them
 * written to RESULTS as one JSON array.  CTRPOL_BENCH=smoke runs every
 * configuration with few iterations and small profiles, idle-smoke and
 * confined-smoke the same for idle and confined: what bench_test checks in
 * `make check`.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"
#include "loopback.h"
#include "policy.h"
#include "rawgenl.h"
#include <linux/ctrpol.h>

#define RESULTS "/tmp/bench-results.json"
#define DATA_FILE "/tmp/bench/data/file.txt"
#define DENIED_FILE "/tmp/bench/data/denied.txt"
#define EXIT_PROGRAM "/tests/bench_exit"
#define PORT 7777
/* The rules every profile has for the workload; the rest are fillers. */
#define WORKLOAD_RULES 4
#define MAX_ROUNDS 64
#define NSIZES 3
#define DEPTH 8
/* Slices of open+close, confined and control each, in a phase of scale_rounds(). */
#define SCALE_SLICES 32

/* How much a run measures. */
struct plan {
	int rounds;		/* of the interleaved configurations */
	int alternations;	/* of 1 and of plan->cgroups attached cgroups */
	int load_rounds;	/* of profile loads and replacements */
	int sizes[NSIZES];	/* rules per profile */
	int cgroups;		/* attached, at most */
	int mem_profiles;	/* small profiles loaded to weigh one */
	int settle_ms;		/* before each reading of kernel memory: kmem_now() */
	int iters[8];		/* per slice, by &enum bench */
};

static const struct plan full = {
	.rounds = 61, .alternations = 8, .load_rounds = 5,
	.sizes = { 10, 1000, 10000 }, .cgroups = 10000, .mem_profiles = 100,
	.settle_ms = 2500,
	.iters = { 100, 100, 3, 60, 15, 4, 200, 12 },
};

static const struct plan smoke = {
	.rounds = 2, .alternations = 1, .load_rounds = 1,
	.sizes = { 10, 30, 100 }, .cgroups = 100, .mem_profiles = 2,
	.settle_ms = 100,
	.iters = { 5, 5, 2, 5, 3, 2, 5, 5 },
};

/*
 * The unconfined operations alone, in instruction-counted boots (QEMU
 * -icount: a guest ns is a guest instruction), where the host's noise is
 * gone but the guest's own periodic work (ticks, RCU, kworkers) is not:
 * slices of about 10 ms instead of 1 even out how many ticks fall in one.
 * What is left differs from boot to boot more than from round to round,
 * so a few rounds each, and more boots (scripts/bench-run.sh).
 */
static const struct plan counted = {
	.rounds = 11,
	.iters = { 1600, 1600, 48, 960, 240, 64, 3200, 0 },
};

/*
 * Confined open+close and stat alone, then open+close with 1 and with
 * 10,000 cgroups attached, instruction-counted likewise: what ctrpol adds
 * against what AppArmor adds, and what many attachments add, are judged
 * from these.
 */
static const struct plan counted_confined = {
	.rounds = 5, .alternations = 3,
	.sizes = { 10, 1000, 10000 }, .cgroups = 10000,
	.iters = { 1600, 1600 },
};

static const struct plan confined_smoke = {
	.rounds = 2, .alternations = 1,
	.sizes = { 10, 30, 100 }, .cgroups = 100,
	.iters = { 5, 5 },
};

/* What a boot measures. */
enum scope {
	EVERYTHING,	/* with the scale, load and memory steps */
	UNCONFINED,	/* the operations unconfined only */
	CONFINED,	/* the interleaved configurations and the scale, without events */
};

/*
 * CTRPOL_BENCH: full, smoke (a quick pass over everything, for bench_test),
 * idle (the unconfined operations only, named ctrpol-idle when ctrpol is in
 * lsm=), confined (the configurations' open+close and stat): make bench's
 * instruction-counted boots; idle-smoke and confined-smoke, their quick passes.
 */
static const struct mode {
	const char *name;
	const struct plan *plan;
	enum scope scope;
} modes[] = {
	{ "full", &full, EVERYTHING },
	{ "smoke", &smoke, EVERYTHING },
	{ "idle", &counted, UNCONFINED },
	{ "idle-smoke", &smoke, UNCONFINED },
	{ "confined", &counted_confined, CONFINED },
	{ "confined-smoke", &confined_smoke, CONFINED },
};

static const struct plan *plan;

/*
 * The operations.  B_SYSCALL (getppid, which no LSM sees) is the yardstick:
 * it slows down with the host alone, so ratios to it compare boots.
 */
enum bench { B_OPEN, B_STAT, B_EXEC, B_MMAP, B_CONNECT, B_FORK, B_SYSCALL, B_DENIED, NBENCH };
static const char *const bench_names[NBENCH] = {
	"open_close", "stat", "exec", "mmap_exec", "socket_connect", "fork_exit", "syscall",
	"open_denied",
};

enum kind { PLAIN, CTRPOL, APPARMOR, LANDLOCK };

/*
 * A configuration measured: how a child enters it, and what its records say.
 * ctrpol configurations are a cgroup; whether it is attached depends on the
 * phase of the round (phase 0: nothing attached anywhere; phase 1: all).
 */
struct config {
	const char *name;	/* the records' "config" */
	enum kind kind;
	int rules;		/* 0: unconfined */
	int depth;		/* below the attachment, for ctrpol-depth */
	int phase;
	char cgroup[128];	/* CTRPOL: under CGROUP_ROOT */
	char profile[64];	/* CTRPOL, APPARMOR: the profile's name */
	int ruleset;		/* LANDLOCK: a ruleset fd */
};

#define MAX_CONFIGS 16
static struct config configs[MAX_CONFIGS];
static int nconfigs;

/* ns per operation, by configuration, operation and round: shared with the children. */
static double (*samples)[NBENCH][MAX_ROUNDS];

static FILE *results;
static int nresults;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Append a record, "{...}" without the braces, to RESULTS and the TAP. */
static void record(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void record(const char *fmt, ...)
{
	char body[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	printf("# bench {%s}\n", body);
	fprintf(results, "%s\n  {%s}", nresults++ ? "," : "[", body);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The value below which a fraction q of the n sorted samples lie (nearest rank). */
static double quantile(const double *sorted, int n, double q)
{
	int i = (int)(q * (n - 1) + 0.5);

	return sorted[i];
}

struct spread {
	double p10, median, p90;
};

/* The median of n values (at most MAX_ROUNDS), and the 10th and 90th percentiles. */
static struct spread spread_of(const double *v, int n)
{
	double sorted[MAX_ROUNDS];

	memcpy(sorted, v, n * sizeof(*v));
	qsort(sorted, n, sizeof(*sorted), cmp_double);
	return (struct spread){ quantile(sorted, n, 0.1), quantile(sorted, n, 0.5),
				quantile(sorted, n, 0.9) };
}

/* "v0, v1, ...", with digits decimals: a record's samples, until the next call. */
static const char *list_of(const double *v, int n, int digits)
{
	static char list[MAX_ROUNDS * 16];
	size_t len = 0;
	int i;

	list[0] = '\0';
	for (i = 0; i < n; i++)
		len += snprintf(list + len, sizeof(list) - len, "%s%.*f", i ? ", " : "", digits, v[i]);
	return list;
}

/*
 * One record of timings: name, config, rules, the median and spread of the
 * samples, and each sample's ns per operation (the host merges boots with
 * them).  A sample is iters operations.
 */
static void record_timing(const char *name, const struct config *c, const char *extra,
			  const double *ns, int n, int iters)
{
	struct spread s = spread_of(ns, n);

	record("\"name\": \"%s\", \"config\": \"%s\", \"rules\": %d%s, \"median_ns\": %.0f, "
	       "\"p10_ns\": %.0f, \"p90_ns\": %.0f, \"iterations\": %d, \"samples_ns\": [%s]",
	       name, c->name, c->rules, extra, s.median, s.p10, s.p90, iters * n, list_of(ns, n, 0));
}

/* ---- The operations, each returning 0 or the errno it failed with. ---- */

static int mmap_fd = -1;
/* Instruction-counted, the listening socket op_connect's connections queue on: start_server(). */
static int backlog_fd = -1;

static int op_open(void)
{
	int fd = open(DATA_FILE, O_RDONLY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int op_stat(void)
{
	struct stat st;

	return stat(DATA_FILE, &st) ? errno : 0;
}

static int op_exec(void)
{
	char *const argv[] = { EXIT_PROGRAM, NULL };
	int status, err;
	pid_t pid;

	err = posix_spawn(&pid, EXIT_PROGRAM, NULL, NULL, argv, (char *const[]){ NULL });
	if (err)
		return err;
	if (waitpid(pid, &status, 0) != pid)
		return errno;
	/* exec refused after the fork: posix_spawn reports it as exit 127. */
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : EACCES;
}

static int op_mmap(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, mmap_fd, 0);

	if (p == MAP_FAILED)
		return errno;
	munmap(p, 4096);
	return 0;
}

static int op_connect(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	/* A reset on close: no TIME_WAIT, whose ports thousands of connects would use up. */
	struct linger lin = { .l_onoff = 1, .l_linger = 0 };
	int s = socket(AF_INET, SOCK_STREAM, 0), err = 0;

	if (s < 0)
		return errno;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (setsockopt(s, SOL_SOCKET, SO_LINGER, &lin, sizeof(lin)) ||
	    connect(s, (struct sockaddr *)&sin, sizeof(sin)))
		err = errno;
	close(s);
	return err;
}

static int op_fork(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	return waitpid(pid, &status, 0) == pid ? 0 : errno;
}

/* What an open the profile refuses costs: it must fail with EACCES. */
static int op_denied(void)
{
	int fd = open(DENIED_FILE, O_RDONLY);

	if (fd >= 0) {
		close(fd);
		return EEXIST;	/* allowed: not what is measured */
	}
	return errno == EACCES ? 0 : errno;
}

static int op_syscall(void)
{
	syscall(SYS_getppid);
	return 0;
}

static int (*const ops[NBENCH])(void) = {
	op_open, op_stat, op_exec, op_mmap, op_connect, op_fork, op_syscall, op_denied,
};

/* ns per operation over plan->iters[b] of them, or -errno of the first failure. */
static double time_op(enum bench b)
{
	int i, err, n = plan->iters[b];
	double t;

	/* One untimed first: caches and the dentry warm, as in steady state. */
	err = ops[b]();
	if (err)
		return -err;
	t = now_ns();
	for (i = 0; i < n; i++) {
		err = ops[b]();
		if (err)
			return -err;
	}
	return (now_ns() - t) / n;
}

/* ---- Entering a configuration, in the child that measures it. ---- */

static int landlock_restrict(int ruleset)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return errno;
	return syscall(__NR_landlock_restrict_self, ruleset, 0) ? errno : 0;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		err = errno;
	close(fd);
	return err;
}

/* AppArmor's change_profile, as aa-exec does it but without the exec. */
static int apparmor_change(const char *profile)
{
	char cmd[96];

	snprintf(cmd, sizeof(cmd), "changeprofile %s", profile);
	return write_file("/proc/self/attr/apparmor/current", cmd);
}

static int enter(const struct config *c)
{
	char procs[192], pid[16];

	switch (c->kind) {
	case CTRPOL:
		snprintf(procs, sizeof(procs), "%s/%s/cgroup.procs", CGROUP_ROOT, c->cgroup);
		snprintf(pid, sizeof(pid), "%d", getpid());
		return write_file(procs, pid);
	case APPARMOR:
		return apparmor_change(c->profile);
	case LANDLOCK:
		return landlock_restrict(c->ruleset);
	case PLAIN:
		break;
	}
	return 0;
}

/*
 * Each configuration has a worker: a child that entered it (for good) and
 * runs slices of an operation when told to, writing their ns per operation
 * to shared memory.  Slices of every configuration take turns, a few
 * milliseconds each, so that a burst of host noise hits them all.  Once
 * confined a worker only computes, and reads and writes the pipes it had:
 * it must not need what the profiles do not allow.
 */
struct worker {
	pid_t pid;
	int cmd;	/* the slice to run: struct slice */
	int done;	/* a byte back when it ran */
};

struct slice {
	uint8_t bench;
	uint8_t round;
};

static struct worker workers[MAX_CONFIGS];

/* Accept and drop what a slice of connects left queued, untimed. */
static void drain_backlog(void)
{
	int c;

	while ((c = accept(backlog_fd, NULL, NULL)) >= 0)
		close(c);
}

static void worker_loop(int ci, int cmd, int done)
{
	struct slice sl;
	int err;

	/* One CPU for the timed work; the loopback server takes the other. */
	pin_to_cpu(0);
	err = enter(&configs[ci]);
	mmap_fd = open(DATA_FILE, O_RDONLY);
	while (read(cmd, &sl, sizeof(sl)) == sizeof(sl)) {
		samples[ci][sl.bench][sl.round] = err ? -(100 + err) : time_op(sl.bench);
		if (sl.bench == B_CONNECT && backlog_fd >= 0)
			drain_backlog();
		if (write(done, "", 1) != 1)
			break;
	}
	_exit(0);
}

static void start_worker(int ci)
{
	int cmd[2], done[2];
	struct worker *w = &workers[ci];

	int j;

	/* Close-on-exec: what a worker runs must not keep its pipes open. */
	if (pipe2(cmd, O_CLOEXEC) || pipe2(done, O_CLOEXEC))
		FAIL("pipe: %s", strerror(errno));
	w->pid = fork_child();
	if (w->pid == 0) {
		/* Other workers' pipes too: their end must come when they do. */
		for (j = 0; j < MAX_CONFIGS; j++)
			if (workers[j].pid) {
				close(workers[j].cmd);
				close(workers[j].done);
			}
		close(cmd[1]);
		close(done[0]);
		worker_loop(ci, cmd[0], done[1]);
	}
	close(cmd[0]);
	close(done[1]);
	w->cmd = cmd[1];
	w->done = done[0];
}

static void stop_workers(void)
{
	int ci;

	for (ci = 0; ci < nconfigs; ci++)
		if (workers[ci].pid) {
			close(workers[ci].cmd);
			close(workers[ci].done);
			waitpid(workers[ci].pid, NULL, 0);
			workers[ci].pid = 0;
		}
}

/* Operation b of configuration ci, slice r: plan->iters[b] of it, timed by its worker. */
static void run_slice(int ci, enum bench b, int r)
{
	const struct config *c = &configs[ci];
	const struct slice sl = { b, r };
	struct worker *w = &workers[ci];
	char byte;
	double v;

	if (!w->pid)
		start_worker(ci);
	if (write(w->cmd, &sl, sizeof(sl)) != sizeof(sl) || read(w->done, &byte, 1) != 1)
		FAIL("the worker measuring %s (%d rules) died", c->name, c->rules);
	v = samples[ci][b][r];
	if (v <= -100)
		FAIL("entering %s (%d rules): %s", c->name, c->rules, strerror((int)(-v - 100)));
	if (v < 0)
		FAIL("%s failed under %s (%d rules): %s", bench_names[b], c->name, c->rules,
		     strerror((int)-v));
}

/* Whether configuration c has operation b in this plan: nothing refuses an unconfined open. */
static bool has_bench(const struct config *c, enum bench b)
{
	return plan->iters[b] && (b != B_DENIED || c->rules);
}

/* One slice of each operation for the configurations of phase, taking turns. */
static void run_round(int phase, int r)
{
	int b, ci;

	for (b = 0; b < NBENCH; b++)
		for (ci = 0; ci < nconfigs; ci++)
			if (configs[ci].phase == phase && has_bench(&configs[ci], b))
				run_slice(ci, b, r);
}

/* The records of configuration ci's operations over n rounds. */
static void record_config(int ci, const char *extra, int n)
{
	int b;

	for (b = 0; b < NBENCH; b++)
		if (has_bench(&configs[ci], b))
			record_timing(bench_names[b], &configs[ci], extra, samples[ci][b], n,
				      plan->iters[b]);
}

/* ---- The profiles, equivalent for the three LSMs. ---- */

/* The path the i-th filler rule allows reading: files that exist, for Landlock. */
static void filler_path(char *buf, size_t size, int i)
{
	snprintf(buf, size, "/srv/bench/d%d/f%d", i % 100, i);
}

static void make_files(int max_rules)
{
	char path[64];
	int i, fd;

	run_cmd((char *const[]){ "mkdir", "-p", "/tmp/bench/data", NULL }, AS_CALLER,
		&(struct cmd_result){ 0 });
	put_file(DATA_FILE, "some data\n", 0644);
	put_file(DENIED_FILE, "secret\n", 0644);
	mkdir("/srv", 0755);
	mkdir("/srv/bench", 0755);
	for (i = 0; i < 100; i++) {
		snprintf(path, sizeof(path), "/srv/bench/d%d", i);
		mkdir(path, 0755);
	}
	for (i = 0; i < max_rules; i++) {
		filler_path(path, sizeof(path), i);
		fd = open(path, O_WRONLY | O_CREAT, 0644);
		if (fd < 0)
			FAIL("creating %s: %s", path, strerror(errno));
		close(fd);
	}
}

/* A growable text buffer for the large profiles. */
struct text {
	char *s;
	size_t len, cap;
};

static void text_add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (t->s && (size_t)n < t->cap - t->len)
			break;
		t->cap = t->cap * 2 + n + 4096;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			FAIL("out of memory for a profile of %zu bytes", t->cap);
	}
	t->len += n;
}

static void put_text(const char *path, struct text *t)
{
	put_file(path, t->s, 0644);
	free(t->s);
	*t = (struct text){ 0 };
}

static double elapsed_since(double t0)
{
	return now_ns() - t0;
}

/* ctrpol: the workload's four rules and fillers; compiled with the guest's ctrpol. */
static void write_ctrpol(const char *name, int rules)
{
	struct text t = { 0 };
	char src[96], out[96], path[64];
	struct cmd_result r;
	int i;

	text_add(&t, "profile %s {\n", name);
	text_add(&t, "allow read,mmap_exec %s\nallow read,exec %s\n", DATA_FILE, EXIT_PROGRAM);
	text_add(&t, "allow net create stream tcp\nallow net connect tcp 127.0.0.1 port %d\n", PORT);
	for (i = 0; i < rules - WORKLOAD_RULES; i++) {
		filler_path(path, sizeof(path), i);
		text_add(&t, "allow read %s\n", path);
	}
	text_add(&t, "}\n");
	snprintf(src, sizeof(src), "/tmp/%s.ctp", name);
	snprintf(out, sizeof(out), "/tmp/%s.bin", name);
	put_text(src, &t);
	run_cmd((char *const[]){ "ctrpol", "compile", src, "-o", out, NULL }, AS_CALLER, &r);
	if (r.status)
		FAIL("ctrpol compile %s: %s", src, r.err);
}

/* AppArmor: the same paths; loaded (compiled in the guest) with apparmor_parser. */
static double load_apparmor(const char *name, int rules)
{
	struct text t = { 0 };
	char src[96], path[64];
	struct cmd_result r;
	double t0;
	int i;

	text_add(&t, "profile %s {\n  %s rm,\n  %s rix,\n  network inet stream,\n", name,
		 DATA_FILE, EXIT_PROGRAM);
	for (i = 0; i < rules - WORKLOAD_RULES; i++) {
		filler_path(path, sizeof(path), i);
		text_add(&t, "  %s r,\n", path);
	}
	text_add(&t, "}\n");
	snprintf(src, sizeof(src), "/tmp/%s.aa", name);
	put_text(src, &t);
	t0 = now_ns();
	run_cmd((char *const[]){ "apparmor_parser", "-r", "-q", src, NULL }, AS_CALLER, &r);
	if (r.status)
		FAIL("apparmor_parser -r %s: exit %d: %s", src, r.status, r.err);
	return elapsed_since(t0);
}

/* Landlock ABI 4's network rules, which the build's older headers may lack. */
struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
};

struct ll_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
} __attribute__((packed));

#define LL_RULE_NET_PORT 2
#define LL_ACCESS_NET_CONNECT_TCP (1ULL << 1)
#define LL_ACCESS_FS_ALL ((1ULL << 16) - 1)	/* ABI 5: up to IOCTL_DEV */

static void ll_add_path(int ruleset, const char *path, uint64_t access)
{
	struct landlock_path_beneath_attr pb = { .allowed_access = access };

	pb.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (pb.parent_fd < 0)
		FAIL("open %s: %s", path, strerror(errno));
	if (syscall(__NR_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &pb, 0))
		FAIL("landlock_add_rule %s: %s", path, strerror(errno));
	close(pb.parent_fd);
}

/* Landlock: the same files and port, as a ruleset a child restricts itself with. */
static int landlock_ruleset(int rules)
{
	const uint64_t rd = LANDLOCK_ACCESS_FS_READ_FILE;
	struct ll_ruleset_attr attr = { .handled_access_net = LL_ACCESS_NET_CONNECT_TCP };
	struct ll_net_port_attr port = { LL_ACCESS_NET_CONNECT_TCP, PORT };
	char path[64];
	int abi, fd, i;

	abi = syscall(__NR_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 4)
		FAIL("Landlock ABI %d: network rules need 4 (Linux 6.7)", abi);
	/* What each ABI version handles: REFER from 2, TRUNCATE from 3, IOCTL_DEV from 5. */
	attr.handled_access_fs = LL_ACCESS_FS_ALL >> (abi >= 5 ? 0 : 1);
	fd = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		FAIL("landlock_create_ruleset: %s", strerror(errno));
	ll_add_path(fd, DATA_FILE, rd);
	ll_add_path(fd, EXIT_PROGRAM, rd | LANDLOCK_ACCESS_FS_EXECUTE);
	if (syscall(__NR_landlock_add_rule, fd, LL_RULE_NET_PORT, &port, 0))
		FAIL("landlock_add_rule port %d: %s", PORT, strerror(errno));
	for (i = 0; i < rules - WORKLOAD_RULES; i++) {
		filler_path(path, sizeof(path), i);
		ll_add_path(fd, path, rd);
	}
	return fd;
}

/* ---- ctrpol over raw netlink: blobs of any size, timed. ---- */

static size_t read_blob(const char *name, void **blob)
{
	char path[96];
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "/tmp/%s.bin", name);
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		FAIL("%s: %s", path, strerror(errno));
	*blob = malloc(st.st_size);
	if (!*blob || read(fd, *blob, st.st_size) != st.st_size)
		FAIL("reading %s", path);
	close(fd);
	return st.st_size;
}

/*
 * Load (or with CTRPOL_LOAD_REPLACE, replace) a compiled profile of any
 * size: the blob in CTRPOL_BLOB_CHUNK_MAX attributes of one message, as
 * the tool sends it.  Returns the ns from sending to the kernel's ack.
 */
static double load_blob(const void *blob, size_t size, uint32_t flags)
{
	size_t cap = size + size / 8 + 4096, off = 0, n;
	int fd = rawgenl_open(), family = rawgenl_family(fd, CTRPOL_GENL_NAME);
	int sndbuf = (int)cap * 2;
	struct nlmsghdr *nlh;
	struct rawgenl_msg ack;
	struct nlattr *a;
	char *msg;
	double t0;

	msg = calloc(1, cap);
	if (!msg || family < 0)
		FAIL("no memory or no ctrpol family for a %zu-byte load", size);
	nlh = (struct nlmsghdr *)msg;
	*nlh = (struct nlmsghdr){
		.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN, .nlmsg_type = family,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
	};
	*(struct genlmsghdr *)NLMSG_DATA(nlh) = (struct genlmsghdr){
		.cmd = CTRPOL_CMD_LOAD, .version = CTRPOL_GENL_VERSION,
	};
	for (; off < size; off += n) {
		n = size - off < CTRPOL_BLOB_CHUNK_MAX ? size - off : CTRPOL_BLOB_CHUNK_MAX;
		a = (struct nlattr *)(msg + nlh->nlmsg_len);
		*a = (struct nlattr){ .nla_len = NLA_HDRLEN + n, .nla_type = CTRPOL_A_BLOB };
		memcpy((char *)a + NLA_HDRLEN, (const char *)blob + off, n);
		nlh->nlmsg_len += NLA_ALIGN(a->nla_len);
	}
	if (flags) {
		a = (struct nlattr *)(msg + nlh->nlmsg_len);
		*a = (struct nlattr){ .nla_len = NLA_HDRLEN + 4, .nla_type = CTRPOL_A_FLAGS };
		memcpy((char *)a + NLA_HDRLEN, &flags, 4);
		nlh->nlmsg_len += NLA_ALIGN(a->nla_len);
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(sndbuf));
	t0 = now_ns();
	if (send(fd, msg, nlh->nlmsg_len, 0) != (ssize_t)nlh->nlmsg_len)
		FAIL("sending a %zu-byte profile: %s", size, strerror(errno));
	if (recv(fd, &ack, sizeof(ack), 0) < (ssize_t)NLMSG_HDRLEN ||
	    ack.nlh.nlmsg_type != NLMSG_ERROR)
		FAIL("no ack for a %zu-byte profile", size);
	t0 = elapsed_since(t0);
	if (((struct nlmsgerr *)NLMSG_DATA(&ack.nlh))->error)
		FAIL("loading a %zu-byte profile: %s", size,
		     strerror(-((struct nlmsgerr *)NLMSG_DATA(&ack.nlh))->error));
	free(msg);
	close(fd);
	return t0;
}

/*
 * Attach profile to the cgroup id, or with NULL detach it, over one socket
 * kept open: scale_rounds() makes tens of thousands of these.
 */
static void set_attached(uint64_t cgid, const char *profile)
{
	static int fd = -1, family;
	static struct rawgenl_msg m;
	int err;

	if (fd < 0) {
		fd = rawgenl_open();
		family = rawgenl_family(fd, CTRPOL_GENL_NAME);
	}
	rawgenl_start(&m, family, profile ? CTRPOL_CMD_ATTACH : CTRPOL_CMD_DETACH,
		      CTRPOL_GENL_VERSION);
	rawgenl_put(&m, CTRPOL_A_CGROUP_ID, &cgid, sizeof(cgid));
	if (profile)
		rawgenl_put(&m, CTRPOL_A_NAME, profile, strlen(profile) + 1);
	err = rawgenl_xfer(fd, &m, m.nlh.nlmsg_len, NULL);
	if (err)
		FAIL("%s cgroup %llu: %s", profile ? "attaching to" : "detaching",
		     (unsigned long long)cgid, strerror(-err));
}

/* The same, by the cgroup's path under CGROUP_ROOT. */
static void set_attached_path(const char *cgroup, const char *profile)
{
	char full[192];
	struct stat st;

	snprintf(full, sizeof(full), "%s/%s", CGROUP_ROOT, cgroup);
	if (stat(full, &st))
		FAIL("stat %s: %s", full, strerror(errno));
	set_attached(st.st_ino, profile);
}

/* ---- The guest's state. ---- */

static bool lsm_active(const char *lsms, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = lsms; (p = strstr(p, name)); p += n)
		if ((p == lsms || p[-1] == ',') && (p[n] == ',' || p[n] == '\0' || p[n] == '\n'))
			return true;
	return false;
}

/*
 * A loopback server that accepts and drops connections, for op_connect.
 * Timed by the wall clock it serves from CPU 1, beside the timed work: left
 * to the scheduler, its CPU changed from boot to boot, and a connect's cost
 * with it.  Instruction-counted, the instructions of both vCPUs make the
 * guest's time, and wherever and whenever the server ran, a connect cost
 * 99,000 to 126,000 instructions by how its turns fell among the worker's:
 * there is no server then (0 returned), and each worker accepts what its
 * slice of connects left queued after the slice (drain_backlog()).
 */
static pid_t start_server(bool counted)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);
	pid_t pid;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	network_up();
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)&sin, sizeof(sin)) || listen(s, 4096))
		FAIL("a server on 127.0.0.1:%d: %s", PORT, strerror(errno));
	if (counted) {
		if (fcntl(s, F_SETFL, O_NONBLOCK))
			FAIL("a non-blocking listener: %s", strerror(errno));
		backlog_fd = s;
		return 0;
	}
	pid = fork_child();
	if (pid == 0) {
		pin_to_cpu(1);
		for (;;) {
			int c = accept(s, NULL, NULL);

			if (c >= 0)
				close(c);
		}
	}
	close(s);
	return pid;
}

/* `ctrpol monitor` listening: without a listener no event is built at all. */
static pid_t start_monitor(void)
{
	pid_t pid = fork_child();

	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDOUT_FILENO);
		execlp("ctrpol", "ctrpol", "monitor", "--json", (char *)NULL);
		_exit(127);
	}
	rawgenl_wait_joined(pid, CTRPOL_GENL_NAME, CTRPOL_MCGRP_EVENTS, 20);
	return pid;
}

static void stop(pid_t pid, int sig)
{
	kill(pid, sig);
	waitpid(pid, NULL, 0);
}

static struct config *add_config(const char *name, enum kind kind, int rules, int phase)
{
	struct config *c = &configs[nconfigs++];

	*c = (struct config){ .name = name, .kind = kind, .rules = rules, .phase = phase };
	return c;
}

static void cgroup_at(struct config *c, const char *path)
{
	snprintf(c->cgroup, sizeof(c->cgroup), "%s", path);
	cgroup_create(c->cgroup);
}

/*
 * ---- Unconfined only: the baseline boot (ctrpol not in lsm=) and the
 * instruction-counted boots (the same work with ctrpol idle). ----
 */

static void unconfined(const char *name)
{
	int r;

	add_config(name, PLAIN, 0, 0);
	for (r = 0; r < plan->rounds; r++)
		run_round(0, r);
	stop_workers();
	record_config(0, "", plan->rounds);
}

/* ---- The boot with ctrpol, AppArmor and Landlock. ---- */

/* Every configuration of the interleaved rounds; profiles loaded, rulesets built. */
static void set_up_configs(void)
{
	static char names[3][NSIZES][48];
	char depth_path[128];
	struct config *c;
	double ns;
	int i, d;

	c = add_config("ctrpol-idle", CTRPOL, 0, 0);
	cgroup_create("bench");
	cgroup_at(c, "bench/free");
	for (i = 0; i < NSIZES; i++) {
		snprintf(names[1][i], sizeof(names[1][i]), "bench-aa-%d", plan->sizes[i]);
		c = add_config("apparmor", APPARMOR, plan->sizes[i], 1);
		snprintf(c->profile, sizeof(c->profile), "%s", names[1][i]);
		ns = load_apparmor(c->profile, c->rules);
		/* apparmor_parser compiles in the guest, then loads: not the kernel's time alone. */
		record_timing("policy_load_parser", c, "", &ns, 1, 1);
	}
	for (i = 0; i < NSIZES; i++) {
		c = add_config("landlock", LANDLOCK, plan->sizes[i], 1);
		c->ruleset = landlock_ruleset(c->rules);
	}
	c = add_config("ctrpol-elsewhere", CTRPOL, 0, 1);
	cgroup_at(c, "bench/free");
	for (i = 0; i < NSIZES; i++) {
		void *blob;
		size_t size;

		c = add_config("ctrpol", CTRPOL, plan->sizes[i], 1);
		snprintf(c->profile, sizeof(c->profile), "bench-ctrpol-%d", c->rules);
		snprintf(depth_path, sizeof(depth_path), "bench/%s", c->profile);
		cgroup_at(c, depth_path);
		write_ctrpol(c->profile, c->rules);
		size = read_blob(c->profile, &blob);
		/* Replaced if loaded: bench_test runs several modes in one boot. */
		load_blob(blob, size, CTRPOL_LOAD_REPLACE);
		free(blob);
	}
	/* The 10-rule profile again, attached above 8 levels of cgroups. */
	write_ctrpol("bench-depth", plan->sizes[0]);
	cgroup_create("bench/depth");
	snprintf(depth_path, sizeof(depth_path), "bench/depth");
	for (d = 1; d <= DEPTH; d++) {
		snprintf(depth_path + strlen(depth_path), sizeof(depth_path) - strlen(depth_path),
			 "/l%d", d);
		cgroup_create(depth_path);
		if (d != 1 && d != DEPTH)
			continue;
		c = add_config("ctrpol-depth", CTRPOL, plan->sizes[0], 1);
		c->depth = d;
		snprintf(c->profile, sizeof(c->profile), "bench-depth");
		snprintf(c->cgroup, sizeof(c->cgroup), "%s", depth_path);
	}
	{
		void *blob;
		size_t size = read_blob("bench-depth", &blob);

		load_blob(blob, size, CTRPOL_LOAD_REPLACE);
		free(blob);
	}
}

/* Attach every ctrpol profile of the rounds to its cgroup, or detach them all. */
static void attach_all(bool on)
{
	static bool attached;
	int i;

	if (on == attached)
		return;
	attached = on;
	for (i = 0; i < nconfigs; i++) {
		const struct config *c = &configs[i];

		if (c->kind != CTRPOL || !c->rules || c->depth == DEPTH)
			continue;
		set_attached_path(c->depth ? "bench/depth" : c->cgroup, on ? c->profile : NULL);
	}
}

static void interleaved_rounds(void)
{
	uint64_t sent[NSIZES + 1], dropped[NSIZES + 1];
	char extra[32];
	int r, i, phase, k;

	for (i = 0, k = 0; i < nconfigs; i++)
		if (configs[i].kind == CTRPOL && configs[i].rules && configs[i].depth != DEPTH) {
			sent[k] = profile_counter(configs[i].profile, CTRPOL_COUNTER_EVENTS);
			dropped[k++] = profile_counter(configs[i].profile, CTRPOL_COUNTER_DROPPED);
		}
	for (r = 0; r < plan->rounds; r++)
		for (phase = 0; phase < 2; phase++) {
			/* Phase 0 with nothing attached anywhere: the static key is off. */
			attach_all(phase);
			run_round(phase, r);
		}
	attach_all(false);
	stop_workers();
	for (i = 0, k = 0; i < nconfigs; i++) {
		const struct config *c = &configs[i];

		snprintf(extra, sizeof(extra), c->depth ? ", \"depth\": %d" : "", c->depth);
		record_config(i, extra, plan->rounds);
		if (c->kind != CTRPOL || !c->rules || c->depth == DEPTH || !has_bench(c, B_DENIED))
			continue;
		/* Every denial below the rate limit must have become an event. */
		record("\"name\": \"events\", \"config\": \"%s\", \"rules\": %d%s, "
		       "\"denials\": %d, \"sent\": %llu, \"dropped\": %llu",
		       c->name, c->rules, extra,
		       (plan->iters[B_DENIED] + 1) * plan->rounds * (c->depth ? 2 : 1),
		       (unsigned long long)(profile_counter(c->profile, CTRPOL_COUNTER_EVENTS) -
					    sent[k]),
		       (unsigned long long)(profile_counter(c->profile, CTRPOL_COUNTER_DROPPED) -
					    dropped[k]));
		k++;
	}
}

/* The index of the configuration named name: the first, for those of one instance. */
static int config_index(const char *name)
{
	int i;

	for (i = 0; i < nconfigs; i++)
		if (!strcmp(configs[i].name, name))
			return i;
	FAIL("no configuration %s", name);
}

/* The cgroups bench/scale/cN, for scale_rounds() and kmem_steps(): their ids. */
static uint64_t *scale_cgroups(void)
{
	uint64_t *ids = calloc(plan->cgroups, sizeof(*ids));
	char path[64];
	int i;

	ASSERT_TRUE(ids);
	cgroup_create("bench/scale");
	for (i = 0; i < plan->cgroups; i++) {
		snprintf(path, sizeof(path), "bench/scale/c%d", i);
		ids[i] = cgroup_create(path);
	}
	return ids;
}

/* Attach profile to every cgroup of ids but the first (NULL: detach them); the ms it took. */
static double attach_others(const uint64_t *ids, const char *profile)
{
	double t0 = now_ns();
	int i;

	for (i = 1; i < plan->cgroups; i++)
		set_attached(ids[i], profile);
	return elapsed_since(t0) / 1e6;
}

/*
 * Whether a check costs more as more cgroups have attachments: open+close
 * by a task of the first cgroup of ids, which has one, while no other has
 * or while all the others have.  Drift of the host between phases would
 * pass for a difference, so the two alternate (1, N, 1, N, ... 1) and each
 * N phase is compared with the 1 phases on either side of it; and within a
 * phase each slice is paired with one of the same operation by the
 * unconfined worker (ctrpol-elsewhere), which ctrpol does not slow down: a
 * phase is the median of the pairs' ratios, which a burst of host noise
 * hitting both slices of a pair leaves alone.
 */
static void scale_rounds(const uint64_t *ids)
{
	int ctl = config_index("ctrpol-elsewhere"), n = plan->alternations, ci, p, k;
	double conf[MAX_ROUNDS], control[MAX_ROUNDS], paired[MAX_ROUNDS];
	double slices[3][SCALE_SLICES], one[MAX_ROUNDS], many[MAX_ROUNDS], attach_ms[MAX_ROUNDS];
	double raw[MAX_ROUNDS], drift[MAX_ROUNDS], ratio[MAX_ROUNDS];
	char extra[32];
	struct config *c;
	struct spread r;

	c = add_config("ctrpol-cgroups", CTRPOL, plan->sizes[0], 1);
	ci = nconfigs - 1;
	snprintf(c->profile, sizeof(c->profile), "bench-depth");
	snprintf(c->cgroup, sizeof(c->cgroup), "bench/scale/c0");
	set_attached(ids[0], c->profile);
	for (p = 0; p < 2 * n + 1; p++) {
		if (p % 2)
			attach_ms[p / 2] = attach_others(ids, c->profile);
		else if (p)
			attach_others(ids, NULL);
		for (k = 0; k < SCALE_SLICES; k++) {
			run_slice(ci, B_OPEN, 0);
			run_slice(ctl, B_OPEN, 0);
			slices[0][k] = samples[ci][B_OPEN][0];
			slices[1][k] = samples[ctl][B_OPEN][0];
			slices[2][k] = slices[0][k] / slices[1][k];
		}
		conf[p] = spread_of(slices[0], SCALE_SLICES).median;
		control[p] = spread_of(slices[1], SCALE_SLICES).median;
		paired[p] = spread_of(slices[2], SCALE_SLICES).median;
		(p % 2 ? many : one)[p / 2] = conf[p];
	}
	set_attached(ids[0], NULL);
	stop_workers();
	for (k = 0, p = 1; k < n; k++, p += 2) {
		ratio[k] = 2 * paired[p] / (paired[p - 1] + paired[p + 1]);
		raw[k] = 2 * conf[p] / (conf[p - 1] + conf[p + 1]);
		drift[k] = 2 * control[p] / (control[p - 1] + control[p + 1]);
	}
	snprintf(extra, sizeof(extra), ", \"cgroups\": 1");
	record_timing(bench_names[B_OPEN], c, extra, one, n + 1, SCALE_SLICES * plan->iters[B_OPEN]);
	snprintf(extra, sizeof(extra), ", \"cgroups\": %d", plan->cgroups);
	record_timing(bench_names[B_OPEN], c, extra, many, n, SCALE_SLICES * plan->iters[B_OPEN]);
	r = spread_of(ratio, n);
	record("\"name\": \"cgroups_ratio\", \"config\": \"%s\", \"rules\": %d, \"cgroups\": %d, "
	       "\"versus\": 1, \"median\": %.4f, \"p10\": %.4f, \"p90\": %.4f, \"raw_median\": %.4f, "
	       "\"control_median\": %.4f, \"attach_ms\": %.0f, \"samples\": [%s]",
	       c->name, c->rules, plan->cgroups, r.median, r.p10, r.p90, spread_of(raw, n).median,
	       spread_of(drift, n).median, spread_of(attach_ms, n).median, list_of(ratio, n, 4));
}

static void unload(const char *name)
{
	int err = request_unload(name);

	if (err)
		FAIL("unloading %s: %s", name, strerror(-err));
}

/*
 * Load and replace times of the smallest and largest profile, the kernel's
 * side only (the blob sent to the ack).
 */
static void load_rounds(void)
{
	int sizes[2] = { plan->sizes[0], plan->sizes[NSIZES - 1] }, i, r;
	double load[MAX_ROUNDS], replace[MAX_ROUNDS];
	struct config c = { .name = "ctrpol" };
	char name[48];
	void *blob;
	size_t size;

	for (i = 0; i < 2; i++) {
		c.rules = sizes[i];
		snprintf(name, sizeof(name), "bench-ctrpol-%d", c.rules);
		size = read_blob(name, &blob);
		for (r = 0; r < plan->load_rounds; r++) {
			unload(name);
			usleep(50 * 1000);	/* the last version's grace period */
			load[r] = load_blob(blob, size, 0);
			replace[r] = load_blob(blob, size, CTRPOL_LOAD_REPLACE);
		}
		free(blob);
		record_timing("policy_load", &c, "", load, plan->load_rounds, 1);
		record_timing("policy_replace", &c, "", replace, plan->load_rounds, 1);
	}
}

/* ---- Kernel memory, as charged to a memory cgroup of the bench's own. ---- */

#define KMEM_CGROUP "bench-kmem"

/* Bytes of kernel memory: slab objects, per-CPU memory, vmalloc pages. */
struct kmem {
	double slab, percpu, vmalloc;
};

/*
 * What KMEM_CGROUP is charged, once the last step settled: a memory cgroup
 * folds its per-CPU counts into memory.stat at least every 2 s (FLUSH_TIME
 * in mm/memcontrol.c), and what an unload or a detach frees goes a grace
 * period later.
 */
static struct kmem kmem_now(void)
{
	const struct timespec settle = { plan->settle_ms / 1000, plan->settle_ms % 1000 * 1000000L };
	struct kmem k = { -1, -1, -1 };
	char line[128];
	FILE *f;

	nanosleep(&settle, NULL);
	f = fopen(CGROUP_ROOT "/" KMEM_CGROUP "/memory.stat", "r");
	if (!f)
		FAIL("%s/memory.stat: %s", KMEM_CGROUP, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "slab_unreclaimable %lf", &k.slab);
		sscanf(line, "percpu %lf", &k.percpu);
		sscanf(line, "vmalloc %lf", &k.vmalloc);
	}
	fclose(f);
	if (k.slab < 0 || k.percpu < 0 || k.vmalloc < 0)
		FAIL("%s/memory.stat lacks slab_unreclaimable, percpu or vmalloc", KMEM_CGROUP);
	return k;
}

/*
 * A step's charge per object, from *at (read before it) to now: n objects
 * made, or with n negative, what freeing -n of them gave back.  *at moves
 * on to now.
 */
static struct kmem kmem_step(struct kmem *at, int n)
{
	struct kmem now = kmem_now(), from = n > 0 ? *at : now, to = n > 0 ? now : *at, d;

	n = abs(n);
	d = (struct kmem){ (to.slab - from.slab) / n, (to.percpu - from.percpu) / n,
			   (to.vmalloc - from.vmalloc) / n };
	*at = now;
	return d;
}

/*
 * What the kernel should charge for ctrpol's allocations (kernel/profile.c,
 * kernel/attach.c; the structures of kernel/ctrpol.h), to hold the measure
 * against.  kmalloc: the object's size class (mm/slab_common.c) and the
 * memory cgroup's pointer to it; past 8 KiB, pages, a power of two of them.
 */
static double kmalloc_charge(size_t n)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
					  8192 };
	size_t i, bytes = 4096;

	for (i = 0; i < sizeof(classes) / sizeof(*classes); i++)
		if (n <= classes[i])
			return classes[i] + sizeof(void *);
	while (bytes < n)
		bytes *= 2;
	return bytes;
}

/* alloc_percpu(): n bytes on each possible CPU, and a memory cgroup pointer per 4 (mm/percpu.c). */
static double percpu_charge(size_t n)
{
	return n * sysconf(_SC_NPROCESSORS_CONF) + n / 4 * sizeof(void *);
}

/* struct ctrpol_policy: rcu_head, id, view and size, then the blob, 8-byte aligned. */
#define POLICY_HEADER_BYTES ((16 + 8 + sizeof(struct ctrpol_blob_view) + 4 + 7) / 8 * 8)
/* struct ctrpol_profile: 72 bytes and the name. */
#define PROFILE_BYTES (72 + CTRPOL_NAME_MAX)
/* struct ctrpol_counts: 3 outcomes per class of rules, events, dropped. */
#define COUNTS_BYTES ((CTRPOL_RULE_KIND_MAX * 3 + 2) * 8)
#define ATTACHMENT_BYTES 64

static double expected_profile(size_t blob)
{
	return kmalloc_charge(POLICY_HEADER_BYTES + blob) + kmalloc_charge(PROFILE_BYTES) +
	       percpu_charge(COUNTS_BYTES);
}

/* A record of what one object takes: the median of the n samples, with its parts. */
static void record_kmem(const char *name, int rules, const char *extra, const struct kmem *k, int n,
			double expected)
{
	double total[MAX_ROUNDS];
	struct spread s;
	int i, m = 0;

	for (i = 0; i < n; i++)
		total[i] = k[i].slab + k[i].percpu + k[i].vmalloc;
	s = spread_of(total, n);
	while (total[m] != s.median)
		m++;
	record("\"name\": \"%s\", \"config\": \"ctrpol\", \"rules\": %d%s, \"bytes\": %.0f, "
	       "\"slab_bytes\": %.0f, \"percpu_bytes\": %.0f, \"vmalloc_bytes\": %.0f, "
	       "\"expected_bytes\": %.0f, \"samples_bytes\": [%s]",
	       name, rules, extra, s.median, k[m].slab, k[m].percpu, k[m].vmalloc, expected,
	       list_of(total, n, 0));
}

/*
 * What a profile and an attachment take in kernel memory: what the kernel
 * charges the memory cgroup of the process that loads and attaches (ctrpol
 * allocates with GFP_KERNEL_ACCOUNT): slab objects by their size, per-CPU
 * memory, vmalloc pages.  The cgroup is the bench's own, so that nothing
 * else the guest does counts, and its controller is enabled only now, so
 * that it charged nothing timed before.  Charges for slab objects reach
 * memory.stat up to a page late on each CPU: hence steps of many objects
 * (the small profiles; attachments to the cgroups of ids but the first,
 * made beforehand), each weighed done and undone (an unload or a detach
 * must give back what the load or the attach took).  The largest profile,
 * a single object, is weighed to within a page.
 */
static void kmem_steps(const uint64_t *ids)
{
	int n = plan->mem_profiles, m = plan->cgroups - 1, i, err;
	struct kmem small[2], large[2], attached[2], at;
	char (*names)[48] = calloc(n + 1, sizeof(*names)), extra[64];
	void **blobs = calloc(n + 1, sizeof(*blobs));
	size_t *sizes = calloc(n + 1, sizeof(*sizes));

	ASSERT_TRUE(names && blobs && sizes);
	/* Compiled, read, and the largest profile unloaded before anything is weighed. */
	for (i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "bench-mem-%d", i);
		write_ctrpol(names[i], plan->sizes[0]);
	}
	snprintf(names[n], sizeof(names[n]), "bench-ctrpol-%d", plan->sizes[NSIZES - 1]);
	for (i = 0; i <= n; i++)
		sizes[i] = read_blob(names[i], &blobs[i]);
	unload(names[n]);
	err = write_file(CGROUP_ROOT "/cgroup.subtree_control", "+memory");
	if (!err) {
		cgroup_create(KMEM_CGROUP);
		err = enter_cgroup(KMEM_CGROUP);
	}
	if (err)
		FAIL("a memory cgroup %s: %s", KMEM_CGROUP, strerror(err));
	at = kmem_now();
	for (i = 0; i < n; i++)
		load_blob(blobs[i], sizes[i], 0);
	small[0] = kmem_step(&at, n);
	load_blob(blobs[n], sizes[n], 0);
	large[0] = kmem_step(&at, 1);
	attach_others(ids, "bench-depth");
	attached[0] = kmem_step(&at, m);
	attach_others(ids, NULL);
	attached[1] = kmem_step(&at, -m);
	unload(names[n]);
	large[1] = kmem_step(&at, -1);
	for (i = 0; i < n; i++)
		unload(names[i]);
	small[1] = kmem_step(&at, -n);
	snprintf(extra, sizeof(extra), ", \"blob_bytes\": %zu, \"objects\": %d", sizes[0], n);
	record_kmem("kmem_per_profile", plan->sizes[0], extra, small, 2, expected_profile(sizes[0]));
	snprintf(extra, sizeof(extra), ", \"blob_bytes\": %zu, \"objects\": 1", sizes[n]);
	record_kmem("kmem_per_profile", plan->sizes[NSIZES - 1], extra, large, 2,
		    expected_profile(sizes[n]));
	snprintf(extra, sizeof(extra), ", \"objects\": %d", m);
	record_kmem("kmem_per_attachment", plan->sizes[0], extra, attached, 2,
		    kmalloc_charge(ATTACHMENT_BYTES));
	for (i = 0; i <= n; i++)
		free(blobs[i]);
	free(blobs);
	free(sizes);
	free(names);
}

TEST(overhead)
{
	const char *name = getenv("CTRPOL_BENCH");
	const struct mode *mode = modes, *end = modes + sizeof(modes) / sizeof(*modes);
	char lsms[256] = "";
	pid_t server, monitor = 0;
	uint64_t *ids;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	bool ctrpol;
	int fd, n;

	while (name && mode < end && strcmp(name, mode->name))
		mode++;
	if (mode == end)
		FAIL("CTRPOL_BENCH=%s: not full, smoke, idle, idle-smoke, confined or confined-smoke",
		     name);
	plan = mode->plan;
	fd = open("/sys/kernel/security/lsm", O_RDONLY);
	n = fd < 0 ? -1 : read(fd, lsms, sizeof(lsms) - 1);
	if (n <= 0)
		FAIL("/sys/kernel/security/lsm: %s", strerror(errno));
	close(fd);
	lsms[strcspn(lsms, "\n")] = '\0';
	/* Configurations measured on one CPU while the other serves: SMP needs ACPI. */
	if (cpus != 2)
		FAIL("the guest has %ld CPUs, not 2: is CONFIG_ACPI set?", cpus);
	samples = mmap(NULL, sizeof(*samples) * MAX_CONFIGS, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	results = fopen(RESULTS, "w");
	ASSERT_TRUE(samples != MAP_FAILED && results);
	record("\"name\": \"guest\", \"config\": \"\", \"rules\": 0, \"mode\": \"%s\", \"cpus\": %ld, \"lsm\": \"%s\"", mode->name,
	       cpus, lsms);
	make_files(plan->sizes[NSIZES - 1]);
	server = start_server(mode->scope != EVERYTHING);
	ctrpol = lsm_active(lsms, "ctrpol");
	if (mode->scope == UNCONFINED || (!ctrpol && mode->scope == EVERYTHING)) {
		unconfined(ctrpol ? "ctrpol-idle" : "baseline");
	} else {
		if (!ctrpol || !lsm_active(lsms, "apparmor") || !lsm_active(lsms, "landlock"))
			FAIL("lsm=%s: the comparison needs landlock,ctrpol,apparmor", lsms);
		if (mode->scope == EVERYTHING)
			monitor = start_monitor();
		set_up_configs();
		interleaved_rounds();
		ids = scale_cgroups();
		scale_rounds(ids);
		if (mode->scope == EVERYTHING) {
			load_rounds();
			kmem_steps(ids);
			stop(monitor, SIGINT);
		}
		free(ids);
	}
	if (server)
		stop(server, SIGKILL);
	fprintf(results, "\n]\n");
	ASSERT_TRUE(fclose(results) == 0);
}
