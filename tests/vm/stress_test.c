// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: every decision stays right while policy churns on both CPUs.
 *
 * For a bounded time (CTRPOL_STRESS_SECONDS, 20 by default; the kernel
 * command line's ctrpol.stress=SECONDS sets it), controllers load, replace,
 * attach, detach and unload profiles and create, attach and remove cgroups,
 * while workers in those cgroups open files, execute a program, connect
 * over loopback and signal tasks of their own and of other cgroups:
 *
 *   stress-a    attached throughout to stress-a, which is replaced again and
 *               again by versions that differ in bytes, not in decisions
 *   stress-a/n  nested: stress-n, stricter, attached and detached in a loop;
 *               what stress-a denies stays denied at every moment
 *   stress-b    stress-b attached and detached in a loop, and unloaded and
 *               loaded again while detached
 *   stress-c    created, attached (or not), populated by a short-lived
 *               worker, emptied and removed, again and again
 *
 * Each worker knows what each operation gives with its cgroup's changing
 * attachment in place and without it.  The controller of that attachment
 * bumps a generation counter in shared memory before and after each change
 * (odd: changing; 0 mod 4: detached; 2 mod 4: attached), and the worker
 * reads it before and after each attempt: an attempt that lies wholly in a
 * known state must give exactly that state's answer; one that overlaps a
 * change must give one of the two, and nothing else.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/ctrpol.h>

#include "attempts.h"
#include "confine.h"
#include "harness.h"
#include "loopback.h"
#include "rawgenl.h"

#define DEFAULT_SECONDS 20
#define PORT_OK 7101
#define PORT_NO 7102
#define FILE_OK "/tmp/stress/ok"
#define FILE_WIDE "/tmp/stress/wide"	/* stress-n denies it, the others allow it */
#define FILE_NO "/tmp/stress/no"
#define EXEC_OK_PATH "/bin/busybox"
#define EXEC_NO_PATH "/tmp/stress/busybox"	/* a copy no profile lets run */

/*
 * What must have happened for the run to mean something: each operation in
 * each cgroup, each answer a changing attachment gives seen in a window
 * known to have it, and each action of each controller.
 */
#define MIN_OPS 40
#define MIN_KNOWN 10
#define MIN_ACTIONS 10

enum op {
	OPEN_OK, OPEN_WIDE, OPEN_NO, EXEC_OK, EXEC_NO, CONNECT_OK, CONNECT_NO,
	KILL_OWN,	/* a task in the worker's own cgroup, or the worker itself */
	KILL_OTHER,	/* a task in another cgroup, confined or not */
	KILL_HOST,	/* a task in the root cgroup */
	NOPS
};

static const char *const op_names[NOPS] = {
	"open_ok", "open_wide", "open_no", "exec_ok", "exec_no", "connect_ok", "connect_no",
	"kill_own", "kill_other", "kill_host",
};

/* Where an attempt lay: the indexes of struct worker's want. */
enum window { DETACHED, ATTACHED, OVERLAPPING, NWINDOWS };

static const char *const window_names[NWINDOWS] = { "detached", "attached", "overlapping" };

/* The cgroups, each with the profile named after it. */
enum place { IN_A, IN_N, IN_B, IN_C, NPLACES };

static const char *const cgroups[NPLACES] = { "stress-a", "stress-a/n", "stress-b", "stress-c" };
static const char *const profiles[NPLACES] = { "stress-a", "stress-n", "stress-b", "stress-c" };

enum action { LOAD, REPLACE, ATTACH, DETACH, UNLOAD, MKDIR, RMDIR, LIST, NACTIONS };

static const char *const action_names[NACTIONS] = {
	"load", "replace", "attach", "detach", "unload", "mkdir", "rmdir", "list",
};

/* Which actions each place's controller must have done, MIN_ACTIONS times each. */
static const bool required[NPLACES][NACTIONS] = {
	[IN_A] = { [REPLACE] = true },
	[IN_N] = { [LOAD] = true, [REPLACE] = true, [ATTACH] = true, [DETACH] = true,
		   [UNLOAD] = true },
	[IN_B] = { [LOAD] = true, [REPLACE] = true, [ATTACH] = true, [DETACH] = true,
		   [UNLOAD] = true },
	[IN_C] = { [LOAD] = true, [ATTACH] = true, [DETACH] = true, [UNLOAD] = true,
		   [MKDIR] = true, [RMDIR] = true, [LIST] = true },
};

/* Between the processes of the run; each counter has a single writer. */
struct shared {
	atomic_bool stop;
	atomic_uint gen[NPLACES];	/* odd: changing; 0 mod 4: detached; 2: attached */
	atomic_uint round_us[NPLACES];	/* how long its worker's last round took */
	uint64_t ops[NPLACES][NOPS][NWINDOWS];
	uint64_t actions[NPLACES][NACTIONS];
};

static struct shared *shared;

struct worker {
	enum place place;
	pid_t own;		/* KILL_OWN's target; 0: the worker itself */
	pid_t other;		/* KILL_OTHER's */
	bool once;		/* one round, not until the run stops */
	int want[2][NOPS];	/* 0 or errno: [DETACHED], [ATTACHED] */
};

static pid_t host;		/* KILL_HOST's target */

/* A compiled version of a profile. */
struct blob {
	char bytes[RAWGENL_BUF - 512];
	size_t size;
};

/* Each place's profile in versions that decide alike, loaded and replaced in turn. */
static struct blob blobs[NPLACES][4];
static unsigned int nblobs[NPLACES];

/* The profile every cgroup but stress-a/n can have, in versions that decide alike. */
static const char *const base_versions[] = {
	"allow read,exec " EXEC_OK_PATH "\n"
	"allow read /tmp/stress/{ok,wide}\n"
	"allow net create inet stream tcp\n"
	"allow net connect inet tcp 127.0.0.1 port 7101",

	/* Other order, explicit defaults, rules on what no worker does. */
	"mode enforce\n"
	"default deny\n"
	"allow net connect inet tcp 127.0.0.1 port 7101\n"
	"deny write /tmp/stress/ok\n"
	"allow read /tmp/stress/wide\n"
	"allow net connect inet tcp 127.0.0.1 port 7201-7299\n"
	"allow read /tmp/stress/ok\n"
	"allow net create stream tcp\n"
	"allow exec,read " EXEC_OK_PATH "\n"
	"allow read /tmp/stress/elsewhere/**",

	/* Wider allows narrowed by denials; a peer rule naming no profile here. */
	"allow read /tmp/stress/*\n"
	"deny read /tmp/stress/no\n"
	"allow read,exec " EXEC_OK_PATH "\n"
	"allow net create inet stream tcp\n"
	"allow net connect inet tcp 127.0.0.0/8 port 7100-7101\n"
	"deny net connect inet tcp 127.0.0.1 port 7102\n"
	"allow signal usr2 peer stress-nobody",
};

/* stress-a/n's: FILE_WIDE denied, and signals to stress-a outside its boundary. */
static const char *const strict_versions[] = {
	"allow read,exec " EXEC_OK_PATH "\n"
	"allow read /tmp/stress/ok\n"
	"allow net create inet stream tcp\n"
	"allow net connect inet tcp 127.0.0.1 port 7101",

	"allow net connect inet tcp 127.0.0.1 port 7101\n"
	"allow net create inet stream tcp\n"
	"deny read /tmp/stress/wide\n"
	"allow read /tmp/stress/{ok,other}\n"
	"allow exec,read " EXEC_OK_PATH,
};

/* What each operation gives under the base profile; unconfined, all work. */
static const int base_want[NOPS] = {
	[OPEN_NO] = EACCES, [EXEC_NO] = EACCES, [CONNECT_NO] = EACCES,
	[KILL_OTHER] = EPERM, [KILL_HOST] = EPERM,
};

static const int free_want[NOPS];

/* A worker in p, answered as without when its attachment is gone, base_want with it. */
static void set_worker(struct worker *w, enum place p, pid_t own, pid_t other,
		       const int *without)
{
	*w = (struct worker){ .place = p, .own = own, .other = other, .once = p == IN_C };
	memcpy(w->want[DETACHED], without, sizeof(w->want[DETACHED]));
	memcpy(w->want[ATTACHED], base_want, sizeof(w->want[ATTACHED]));
}

static bool stopping(void)
{
	return atomic_load(&shared->stop);
}

/* A change to place's attachment begins, or is done. */
static void bump(enum place p)
{
	atomic_fetch_add(&shared->gen[p], 1);
}

static const char *result(int err)
{
	return err ? strerror(err) : "success";
}

static void expect_ok(int err, const char *what, enum place p)
{
	if (err)
		FAIL("%s %s (%s): %s", what, profiles[p], cgroups[p], strerror(-err));
}

/*
 * Sleep a while, or not: most changes follow each other closely, to race
 * with the checks, but with hold_us now and then one stays for one to two
 * times that long, so that attempts lie wholly within it, execs included
 * (the slowest: several milliseconds under TCG, many more on a debug kernel).
 */
static void dwell(unsigned int max_us, unsigned int hold_us)
{
	unsigned int r = (unsigned int)rand();

	if (hold_us && r % 8 == 0)
		usleep(hold_us + r / 8 % hold_us);
	else if (r % 8 > 2)
		usleep(r / 8 % max_us);
}

static int connect_to(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct linger reset = { .l_onoff = 1, .l_linger = 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0), ret;

	if (fd < 0)
		return errno;
	ret = connect(fd, (struct sockaddr *)&sin, sizeof(sin)) ? errno : 0;
	/* Reset rather than linger in TIME_WAIT: thousands of connections follow. */
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
	close(fd);
	return ret;
}

/* Do op as worker w, the n-th time; 0 or its errno. */
static int attempt(const struct worker *w, enum op op, unsigned int n)
{
	struct target t = { .sig = n % 2 ? SIGUSR1 : 0 };

	switch (op) {
	case OPEN_OK:
		return try_here("read", FILE_OK, NULL);
	case OPEN_WIDE:
		return try_here("read", FILE_WIDE, NULL);
	case OPEN_NO:
		return try_here("read", FILE_NO, NULL);
	case EXEC_OK:
		return try_here("exec", EXEC_OK_PATH, NULL);
	case EXEC_NO:
		return try_here("exec", EXEC_NO_PATH, NULL);
	case CONNECT_OK:
		return connect_to(PORT_OK);
	case CONNECT_NO:
		return connect_to(PORT_NO);
	case KILL_OWN:
		t.pid = w->own ? w->own : getpid();
		break;
	case KILL_OTHER:
		t.pid = w->other;
		break;
	default:
		t.pid = host;
		break;
	}
	return attempt_kill(&t);
}

/* Each operation once, each judged by the window it lay in. */
static void one_round(const struct worker *w, unsigned int n)
{
	atomic_uint *gen = &shared->gen[w->place];
	enum op op;

	for (op = 0; op < NOPS; op++) {
		unsigned int before, after;
		enum window win;
		bool right;
		int got;

		before = atomic_load(gen);
		got = attempt(w, op, n);
		after = atomic_load(gen);
		win = before != after || before % 2 ? OVERLAPPING : before % 4 ? ATTACHED : DETACHED;
		right = win != OVERLAPPING ? got == w->want[win][op] :
			got == w->want[DETACHED][op] || got == w->want[ATTACHED][op];
		shared->ops[w->place][op][win]++;
		if (!right)
			FAIL("%s in %s, %s (generation %u to %u): %s, want %s", op_names[op],
			     cgroups[w->place], window_names[win], before, after, result(got),
			     win == OVERLAPPING ? "either" : result(w->want[win][op]));
	}
}

static unsigned int elapsed_us(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000000 + (now.tv_nsec - since->tv_nsec) / 1000;
}

static int work(const void *arg)
{
	const struct worker *w = arg;
	struct timespec t;
	unsigned int n = 0;

	signal(SIGUSR1, SIG_IGN);	/* KILL_OWN's, when it is its own target */
	do {
		clock_gettime(CLOCK_MONOTONIC, &t);
		one_round(w, n++);
		atomic_store(&shared->round_us[w->place], elapsed_us(&t));
	} while (!w->once && !stopping());
	return 0;
}

/* stress-a's controller: replace its profile, version after version. */
static void replace_a(void)
{
	unsigned int i;

	for (i = 1; !stopping(); i++) {
		const struct blob *b = &blobs[IN_A][i % nblobs[IN_A]];

		expect_ok(request_load(b->bytes, b->size, CTRPOL_LOAD_REPLACE), "replacing", IN_A);
		shared->actions[IN_A][REPLACE]++;
		dwell(2000, 0);
	}
}

/* Long enough for a whole round of p's worker to lie within: twice its last one. */
static unsigned int hold_for(enum place p)
{
	unsigned int us = 2 * atomic_load(&shared->round_us[p]);

	return us > 50000 ? us : 50000;
}

/*
 * The controller of stress-b or stress-a/n: attach, maybe replace, detach;
 * every other time, unload and load again while detached.  It stops
 * detached and unloaded.
 */
static void toggle(enum place p, uint64_t cgid)
{
	uint64_t *n = shared->actions[p];
	bool loaded = false;
	unsigned int i;

	for (i = 0; !stopping(); i++) {
		const struct blob *b = &blobs[p][i % nblobs[p]];

		if (!loaded) {
			expect_ok(request_load(b->bytes, b->size, 0), "loading", p);
			n[LOAD]++;
			loaded = true;
		}
		bump(p);
		expect_ok(request_attach(cgid, profiles[p]), "attaching", p);
		bump(p);
		n[ATTACH]++;
		dwell(8000, hold_for(p));
		if (i % 3 == 1) {
			b = &blobs[p][(i + 1) % nblobs[p]];
			expect_ok(request_load(b->bytes, b->size, CTRPOL_LOAD_REPLACE),
				  "replacing", p);
			n[REPLACE]++;
			dwell(8000, hold_for(p));
		}
		bump(p);
		expect_ok(request_detach(cgid), "detaching", p);
		bump(p);
		n[DETACH]++;
		dwell(8000, hold_for(p));
		if (i % 2) {
			expect_ok(request_unload(profiles[p]), "unloading", p);
			n[UNLOAD]++;
			loaded = false;
		}
	}
	if (loaded)
		expect_ok(request_unload(profiles[p]), "unloading", p);
}

/* Cgroups that may be attached while stress-c churns: the baseline's and ours. */
static uint64_t known_ids[64];
static size_t nknown;

/* The attachments listed name no removed cgroup, and no more cgroups than may have one. */
static void check_listing(uint64_t removed)
{
	uint64_t ids[64];
	size_t n = attachment_ids(ids, 64), i, j;

	if (n > nknown)
		FAIL("%zu attachments listed, more than the %zu cgroups that may have one", n,
		     nknown);
	for (i = 0; i < n; i++) {
		if (ids[i] == removed)
			FAIL("cgroup %llu is listed after its removal", (unsigned long long)removed);
		for (j = 0; j < nknown && known_ids[j] != ids[i]; j++)
			;
		if (j == nknown)
			FAIL("cgroup %llu is listed, which no one attached",
			     (unsigned long long)ids[i]);
	}
	shared->actions[IN_C][LIST]++;
}

/*
 * stress-c's controller, in a cycle of four: attached and removed without
 * a detach; not attached (right after the removal of one that was: the
 * new cgroup must not inherit its profile); attached, detached, removed;
 * attached, removed, then the profile unloaded, which must work at once.
 */
static void churn(struct worker *w)
{
	const char *path = CGROUP_ROOT "/stress-c";
	uint64_t *n = shared->actions[IN_C], id;
	unsigned int i;

	for (i = 0; !stopping(); i++) {
		bool attach = i % 4 != 1, detach = i % 4 == 2, unload = i % 4 == 3;
		const struct blob *b = &blobs[IN_C][i % nblobs[IN_C]];

		id = cgroup_create(cgroups[IN_C]);
		n[MKDIR]++;
		if (attach) {
			bump(IN_C);
			expect_ok(request_attach(id, profiles[IN_C]), "attaching", IN_C);
			bump(IN_C);
			n[ATTACH]++;
		}
		if (run_in(cgroups[IN_C], AS_CALLER, work, w))
			FAIL("a worker in %s failed", cgroups[IN_C]);
		if (attach)
			bump(IN_C);
		if (detach) {
			expect_ok(request_detach(id), "detaching", IN_C);
			n[DETACH]++;
		}
		if (rmdir(path))
			FAIL("rmdir %s: %s", path, strerror(errno));
		n[RMDIR]++;
		if (attach)
			bump(IN_C);
		if (i % 4 == 0)
			continue;	/* the next cycle comes before any listing */
		check_listing(id);
		if (unload) {
			expect_ok(request_unload(profiles[IN_C]), "unloading", IN_C);
			n[UNLOAD]++;
			expect_ok(request_load(b->bytes, b->size, 0), "loading", IN_C);
			n[LOAD]++;
		}
	}
	expect_ok(request_unload(profiles[IN_C]), "unloading", IN_C);
}

/* Accept and drop connections on both ports, until killed. */
static void listen_loop(void)
{
	struct pollfd fds[2] = {
		{ .fd = listen_any(PORT_OK), .events = POLLIN },
		{ .fd = listen_any(PORT_NO), .events = POLLIN },
	};
	int i, fd;

	for (;;) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			_exit(1);
		for (i = 0; i < 2; i++) {
			if (!(fds[i].revents & POLLIN))
				continue;
			fd = accept(fds[i].fd, NULL, NULL);
			if (fd >= 0)
				close(fd);
		}
	}
}

/* The processes of the run, to wait for: a name for each. */
static struct {
	pid_t pid;
	const char *name;
} runners[8];
static int nrunners;

enum role { WORKER, REPLACER, TOGGLER, CHURNER };

struct runner_arg {
	enum role role;
	struct worker *w;
	enum place place;
	uint64_t cgid;
};

static void start(const char *name, const struct runner_arg *a)
{
	pid_t pid = fork_child();

	if (pid == 0) {
		srand((unsigned int)getpid());
		switch (a->role) {
		case WORKER:
			_exit(run_in(cgroups[a->w->place], AS_CALLER, work, a->w));
		case REPLACER:
			replace_a();
			break;
		case TOGGLER:
			toggle(a->place, a->cgid);
			break;
		case CHURNER:
			churn(a->w);
			break;
		}
		_exit(0);
	}
	runners[nrunners].pid = pid;
	runners[nrunners++].name = name;
}

static unsigned int run_seconds(void)
{
	const char *s = getenv("CTRPOL_STRESS_SECONDS");
	char *end;
	long v;

	if (!s || !*s)
		return DEFAULT_SECONDS;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > 86400)
		FAIL("CTRPOL_STRESS_SECONDS=%s: want 1 to 86400", s);
	return v;
}

/*
 * What the run has not done enough of yet for its passing to mean something,
 * written to why; NULL once it has done enough of everything.  The counters
 * are read while they grow: a count is never more than it was.
 */
static const char *shortfall(const struct worker *workers, char *why, size_t size)
{
	int p, op, a;

	for (p = 0; p < NPLACES; p++) {
		const struct worker *w = &workers[p];

		for (op = 0; op < NOPS; op++) {
			const uint64_t *n = shared->ops[p][op];
			uint64_t all = n[DETACHED] + n[ATTACHED] + n[OVERLAPPING];

			if (all < MIN_OPS) {
				snprintf(why, size, "%s in %s: %llu attempts", op_names[op],
					 cgroups[p], (unsigned long long)all);
				return why;
			}
			/* Where the attachment changes the answer, both answers were checked. */
			if (w->want[DETACHED][op] != w->want[ATTACHED][op] &&
			    (n[DETACHED] < MIN_KNOWN || n[ATTACHED] < MIN_KNOWN)) {
				snprintf(why, size, "%s in %s: %llu attempts known detached, %llu attached",
					 op_names[op], cgroups[p], (unsigned long long)n[DETACHED],
					 (unsigned long long)n[ATTACHED]);
				return why;
			}
		}
		for (a = 0; a < NACTIONS; a++)
			if (required[p][a] && shared->actions[p][a] < MIN_ACTIONS) {
				snprintf(why, size, "%s's controller: %s %llu times", cgroups[p],
					 action_names[a], (unsigned long long)shared->actions[p][a]);
				return why;
			}
	}
	return NULL;
}

/* Whether the runner that ended with status failed; says so if it did. */
static bool runner_failed(int i, int status)
{
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return false;
	printf("# %s failed (status %#x)\n", runners[i].name, status);
	return true;
}

/*
 * Let the runners run for seconds, and on while too little has happened
 * (a debug kernel is many times slower, and slower still on a loaded
 * host), until 30 s before the harness's time limit; then stop them.
 * Returns how many
 * failed.  One that ends early stops the others at once: it failed, or
 * will be counted as failed for ending before its time.
 */
static int run_for(unsigned int seconds, const struct worker *workers)
{
	const char *limit = getenv("HARNESS_TIMEOUT");
	long most = (limit ? atol(limit) : 60) - 30;
	struct timespec t0, now;
	int failed = 0, status, i;
	bool ended = false;
	char why[160];
	long t;

	if (most < (long)seconds)
		most = seconds;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		usleep(100000);
		clock_gettime(CLOCK_MONOTONIC, &now);
		t = now.tv_sec - t0.tv_sec;
		for (i = 0; i < nrunners && !ended; i++) {
			if (waitpid(runners[i].pid, &status, WNOHANG) != runners[i].pid)
				continue;
			printf("# %s ended before the time was up\n", runners[i].name);
			failed += 1 + runner_failed(i, status);
			runners[i].pid = 0;
			ended = true;
		}
	} while (!ended && (t < seconds || (t < most && shortfall(workers, why, sizeof(why)))));
	atomic_store(&shared->stop, true);
	printf("# ran for %ld s\n", t);
	for (i = 0; i < nrunners; i++)
		if (runners[i].pid && waitpid(runners[i].pid, &status, 0) == runners[i].pid)
			failed += runner_failed(i, status);
	return failed;
}

static void compile_versions(enum place p, const char *const *texts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		blobs[p][i].size = compile_profile(profiles[p], texts[i], blobs[p][i].bytes,
						   sizeof(blobs[p][i].bytes));
	nblobs[p] = n;
}

/* stress-a's versions: the base ones, and one larger by rules on what no worker touches. */
static void compile_all(void)
{
	static char big[4096];
	size_t used, i;

	compile_versions(IN_A, base_versions, 3);
	used = snprintf(big, sizeof(big), "%s", base_versions[0]);
	for (i = 0; i < 40; i++)
		used += snprintf(big + used, sizeof(big) - used,
				 "\nallow read,write /srv/stress-filler-%zu/**", i);
	blobs[IN_A][3].size = compile_profile(profiles[IN_A], big, blobs[IN_A][3].bytes,
					      sizeof(blobs[IN_A][3].bytes));
	nblobs[IN_A] = 4;
	compile_versions(IN_N, strict_versions, 2);
	compile_versions(IN_B, base_versions, 2);
	compile_versions(IN_C, base_versions + 1, 2);
}

static void report(void)
{
	int p, op, a;

	for (p = 0; p < NPLACES; p++) {
		printf("# %s, attempts (detached/attached/overlapping):", cgroups[p]);
		for (op = 0; op < NOPS; op++)
			printf(" %s %llu/%llu/%llu", op_names[op],
			       (unsigned long long)shared->ops[p][op][DETACHED],
			       (unsigned long long)shared->ops[p][op][ATTACHED],
			       (unsigned long long)shared->ops[p][op][OVERLAPPING]);
		printf("\n# %s, its controller's actions:", cgroups[p]);
		for (a = 0; a < NACTIONS; a++)
			if (shared->actions[p][a])
				printf(" %s %llu", action_names[a],
				       (unsigned long long)shared->actions[p][a]);
		printf("\n");
	}
}

static void put_cgroup_away(const char *cgroup)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", CGROUP_ROOT, cgroup);
	if (rmdir(path) && errno != ENOENT)
		FAIL("rmdir %s: %s", path, strerror(errno));
}

TEST(every_decision_holds_while_policy_and_cgroups_churn_on_both_cpus)
{
	struct worker workers[NPLACES];
	pid_t parked[NPLACES], listener;
	uint32_t profiles0, attachments0;
	uint64_t ids[NPLACES], denied = 0;
	unsigned int seconds = run_seconds();
	struct cmd_result r;
	int p, op, failed;
	char why[160];

	if (sysconf(_SC_NPROCESSORS_ONLN) != 2)
		FAIL("%ld CPUs online: the guest must have 2, so that changes and checks race",
		     sysconf(_SC_NPROCESSORS_ONLN));
	profiles0 = status_u32(CTRPOL_A_NPROFILES);
	attachments0 = status_u32(CTRPOL_A_NATTACHMENTS);
	nknown = attachment_ids(known_ids, 60);
	if (nknown > 60)
		FAIL("%zu attachments before the run", nknown);

	mkdir("/tmp/stress", 0755);
	put_file(FILE_OK, "ok", 0644);
	put_file(FILE_WIDE, "wide", 0644);
	put_file(FILE_NO, "no", 0644);
	run_cmd((char *const[]){ "cp", EXEC_OK_PATH, EXEC_NO_PATH, NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	compile_all();
	network_up();

	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		      -1, 0);
	if (shared == MAP_FAILED)
		FAIL("mmap: %s", strerror(errno));
	for (p = 0; p < NPLACES - 1; p++) {
		ids[p] = cgroup_create(cgroups[p]);
		known_ids[nknown++] = ids[p];
	}
	expect_ok(request_load(blobs[IN_A][0].bytes, blobs[IN_A][0].size, 0), "loading", IN_A);
	expect_ok(request_attach(ids[IN_A], profiles[IN_A]), "attaching", IN_A);
	atomic_store(&shared->gen[IN_A], 2);	/* attached throughout */

	listener = fork_child();
	if (listener == 0)
		listen_loop();
	for (p = 0; p < NPLACES - 1; p++)
		parked[p] = park_in(cgroups[p]);
	host = park_in(NULL);

	/* stress-a: its profile decides, whatever the version. */
	set_worker(&workers[IN_A], IN_A, parked[IN_A], parked[IN_B], base_want);
	/* stress-a/n: stress-a's profile, or its own stricter one. */
	set_worker(&workers[IN_N], IN_N, parked[IN_N], parked[IN_A], base_want);
	workers[IN_N].want[DETACHED][KILL_OTHER] = 0;	/* stress-a is its container */
	workers[IN_N].want[ATTACHED][OPEN_WIDE] = EACCES;
	/* stress-b and stress-c: unconfined, or the base profile. */
	set_worker(&workers[IN_B], IN_B, parked[IN_B], parked[IN_A], free_want);
	set_worker(&workers[IN_C], IN_C, 0, parked[IN_A], free_want);
	expect_ok(request_load(blobs[IN_C][0].bytes, blobs[IN_C][0].size, 0), "loading", IN_C);

	start("the worker in stress-a", &(struct runner_arg){ .role = WORKER, .w = &workers[IN_A] });
	start("the worker in stress-a/n",
	      &(struct runner_arg){ .role = WORKER, .w = &workers[IN_N] });
	start("the worker in stress-b", &(struct runner_arg){ .role = WORKER, .w = &workers[IN_B] });
	start("stress-a's controller", &(struct runner_arg){ .role = REPLACER });
	start("stress-a/n's controller",
	      &(struct runner_arg){ .role = TOGGLER, .place = IN_N, .cgid = ids[IN_N] });
	start("stress-b's controller",
	      &(struct runner_arg){ .role = TOGGLER, .place = IN_B, .cgid = ids[IN_B] });
	start("stress-c's controller", &(struct runner_arg){ .role = CHURNER, .w = &workers[IN_C] });
	failed = run_for(seconds, workers);

	kill(listener, SIGKILL);
	waitpid(listener, NULL, 0);
	kill(host, SIGKILL);
	waitpid(host, NULL, 0);
	for (p = 0; p < NPLACES - 1; p++) {
		kill(parked[p], SIGKILL);
		waitpid(parked[p], NULL, 0);
	}
	report();
	if (failed) {
		/* What the controllers left, so that the tests after this one start clean. */
		request_detach(ids[IN_N]);
		request_detach(ids[IN_B]);
		request_detach(ids[IN_A]);
		for (p = NPLACES - 1; p >= 0; p--) {
			put_cgroup_away(cgroups[p]);
			request_unload(profiles[p]);
		}
		FAIL("%d of the run's processes failed", failed);
	}

	/* stress-a's profile counted what it denied, across every replacement. */
	for (op = 0; op < NOPS; op++)
		if (base_want[op])
			denied += shared->ops[IN_A][op][ATTACHED];
	ASSERT_TRUE(profile_counter(profiles[IN_A], CTRPOL_COUNTER_DENIED) >= denied);
	if (shortfall(workers, why, sizeof(why)))
		FAIL("too little happened for the run to tell anything: %s", why);
	/* The churn changes stress-c only while no worker is in it. */
	for (op = 0; op < NOPS; op++)
		ASSERT_EQ(shared->ops[IN_C][op][OVERLAPPING], 0);

	/* The controllers left only stress-a behind; then nothing is left. */
	ASSERT_EQ(status_u32(CTRPOL_A_NPROFILES), profiles0 + 1);
	ASSERT_EQ(status_u32(CTRPOL_A_NATTACHMENTS), attachments0 + 1);
	ASSERT_EQ(access(CGROUP_ROOT "/stress-c", F_OK), -1);
	expect_ok(request_detach(ids[IN_A]), "detaching", IN_A);
	for (p = NPLACES - 2; p >= 0; p--)
		put_cgroup_away(cgroups[p]);
	expect_ok(request_unload(profiles[IN_A]), "unloading", IN_A);
	ASSERT_EQ(status_u32(CTRPOL_A_NPROFILES), profiles0);
	ASSERT_EQ(status_u32(CTRPOL_A_NATTACHMENTS), attachments0);
	ASSERT_EQ(attachment_ids(ids, 0), attachments0);
	run_cmd((char *const[]){ "rm", "-rf", "/tmp/stress", NULL }, AS_CALLER, &r);
}
