// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol learn without a kernel: events made by hand are gathered
 * (tools/learn/learned.c), written as a profile (learn_write.c), and the
 * profile is compiled by the tool's own compiler.  The kernel's matchers
 * then show that it allows every operation learned and denies neighbours:
 * /etc/shadow next to /etc/passwd, another port, another signal.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/netlink.h>
#include "compile/policy_file.h"
#include "events/event_rules.h"
#include "harness.h"
#include "lang/ast.h"
#include "learn/learn_paths.h"
#include "learn/learn_write.h"
#include "learn/learned.h"

#define LEARNING "learn-42"	/* the temporary profile in complain mode */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* An operation the temporary profile would have denied, as the kernel reports it. */
#define EV(class, bits, ...)                                                              \
	((struct ctrpol_event){ .verdict = CTRPOL_VERDICT_COMPLAINED, .cls = (class),     \
				.requested = (bits), .denied = (bits), .profile = LEARNING, \
				.pid = 7, __VA_ARGS__ })
#define FILE_EV(perms, p) EV(CTRPOL_RULE_FILE, (perms), .path = (p))
#define CAP_EV(cap) EV(CTRPOL_RULE_CAP, 1ULL << (cap), .has_capability = true, .capability = (cap))
#define NET_EV(op, fam, type, proto, ...)                                                 \
	EV(CTRPOL_RULE_NET, (op), .family = (fam), .sock_type = (type), .protocol = (proto), \
	   __VA_ARGS__)
#define SIGNAL_EV(sig, peer_name)                                                          \
	EV(CTRPOL_RULE_PEER, CTRPOL_PEER_SIGNAL, .has_peer = true, .peer_pid = 1,          \
	   .peer_profile = (peer_name), .has_signal = true, .signal = (sig))
#define MOUNT_EV(op, type, p) EV(CTRPOL_RULE_MOUNT, (op), .fstype = (type), .path = (p))

#define R CTRPOL_FILE_READ
#define W CTRPOL_FILE_WRITE

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f))
		FAIL("cannot write %s", path);
}

/* Compile text as dir/name, where its includes are found; the test fails on any error. */
static void compile_in(const char *dir, const char *name, const char *text,
		       struct policy_file *pf)
{
	struct diag d = { .out = stdout };
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_file(path, text);
	if (policy_file_load(path, &d, pf))
		FAIL("%s does not compile; it is:\n%s", name, text);
	unlink(path);
}

static void compile(const char *name, const char *text, struct policy_file *pf)
{
	char dir[] = "/tmp/learn_test.XXXXXX";

	if (!mkdtemp(dir))
		FAIL("mkdtemp: cannot make a directory for %s", name);
	compile_in(dir, name, text, pf);
	rmdir(dir);
}

/* The starting profile as learn loads it: in complain mode, under its temporary name. */
static void starting_profile(const char *rules, struct policy_file *pf)
{
	char text[4096];

	snprintf(text, sizeof(text), "profile " LEARNING " {\nmode complain\n%s}\n", rules);
	compile("start.ctp", text, pf);
}

static const struct learn_meta meta = {
	"app", "/sys/fs/cgroup/app", 1234, 1700000000, 42, "app.ctp",
};

/* A profile learned from events: what was gathered, its text, its compiled form. */
struct learning {
	struct learned l;
	char *text;
	struct policy_file pf;
};

/*
 * Learn evs against a starting profile of start_rules and write the profile
 * into t->text: a new one, or base with the rules added.
 */
static void learn_from(struct learning *t, const struct ctrpol_event *evs, size_t n,
		       const char *start_rules, const char *base)
{
	struct policy_file start;
	const char *why = NULL;
	size_t size, i;
	FILE *out;

	memset(t, 0, sizeof(*t));
	starting_profile(start_rules, &start);
	learned_init(&t->l, LEARNING);
	for (i = 0; i < n; i++)
		ASSERT_EQ(learned_add(&t->l, &evs[i], &start.view), 0);
	out = open_memstream(&t->text, &size);
	ASSERT_TRUE(out != NULL);
	if (learn_write(out, &t->l, &meta, base, &why))
		FAIL("learn_write: %s", why);
	fclose(out);
	policy_file_free(&start);
}

static void learn(struct learning *t, const struct ctrpol_event *evs, size_t n)
{
	learn_from(t, evs, n, "", NULL);
}

static void learning_free(struct learning *t)
{
	learned_free(&t->l);
	free(t->text);
	policy_file_free(&t->pf);
}

/* What the profile refuses of ev in enforce mode: deny wins, then allow, then the default. */
static uint64_t refused(const struct ctrpol_blob_view *v, const struct ctrpol_event *ev)
{
	bool by_default = ev->cls != CTRPOL_RULE_PEER &&
			  v->profile->default_action == CTRPOL_DEFAULT_ALLOW;
	struct event_rules said;

	event_rules_say(v, ev, &said);
	return said.deny | (by_default ? 0 : ev->requested & ~said.allow);
}

static void assert_allows(const struct learning *t, struct ctrpol_event ev)
{
	if (refused(&t->pf.view, &ev))
		FAIL("class %u, path %s: %#llx refused; the profile is:\n%s", ev.cls,
		     ev.path ? ev.path : "-", (unsigned long long)refused(&t->pf.view, &ev), t->text);
}

static void assert_refuses(const struct learning *t, struct ctrpol_event ev)
{
	if (!refused(&t->pf.view, &ev))
		FAIL("class %u, path %s, requested %#llx is allowed", ev.cls, ev.path ? ev.path : "-",
		     (unsigned long long)ev.requested);
}

/* Each of the paths (NULL-terminated) may not be read. */
static void refuses_reading(const struct learning *t, const char *const *paths)
{
	for (; *paths; paths++)
		assert_refuses(t, FILE_EV(CTRPOL_FILE_READ, *paths));
}

/* Compile t's profile and check that it allows each of evs[0..n). */
static void compile_allowing(struct learning *t, const struct ctrpol_event *evs, size_t n)
{
	size_t i;

	compile("app.ctp", t->text, &t->pf);
	for (i = 0; i < n; i++)
		assert_allows(t, evs[i]);
}

/* A rule line as learn_write() lays it out. */
static const char *RULE(const char *ops, const char *target)
{
	static char line[8][512];
	static int next;
	char *p = line[next++ % 8];

	snprintf(p, sizeof(line[0]), "    allow %-28s %s\n", ops, target);
	return p;
}

TEST(permissions_merge_per_path_and_create_goes_with_its_write)
{
	const struct ctrpol_event evs[] = {
		FILE_EV(R, "/etc/passwd"),
		FILE_EV(R, "/etc/passwd"),
		FILE_EV(CTRPOL_FILE_CREATE, "/var/log/app.log"),
		FILE_EV(W | CTRPOL_FILE_APPEND, "/var/log/app.log"),
		FILE_EV(CTRPOL_FILE_EXEC, "/usr/bin/app"),
		FILE_EV(R | CTRPOL_FILE_MMAP_EXEC, "/usr/lib/libz.so"),
	};
	struct learning t;

	learn(&t, evs, ARRAY_SIZE(evs));
	ASSERT_EQ(t.l.events, ARRAY_SIZE(evs));
	ASSERT_EQ(t.l.files.n, 4);
	ASSERT_CONTAINS(t.text, "    # Programs run\n    allow exec");
	ASSERT_CONTAINS(t.text, "    # Libraries mapped\n    allow read,mmap_exec");
	ASSERT_CONTAINS(t.text, "    # Files read\n    allow read                         /etc/passwd\n");
	/* write implies append: the rule does not repeat it. */
	ASSERT_CONTAINS(t.text, "    # Files written, created or changed\n"
			      "    allow write,create                 /var/log/app.log\n");
	compile_allowing(&t, evs, ARRAY_SIZE(evs));
	assert_refuses(&t, FILE_EV(W, "/etc/passwd"));
	assert_refuses(&t, FILE_EV(CTRPOL_FILE_DELETE, "/var/log/app.log"));
	learning_free(&t);
}

/* The glob learn_path_glob() makes of path, as a rule's field. */
static const char *glob_of(const char *path)
{
	static char field[CTRPOL_MAX_PATH + 2];
	struct path_glob g;
	const char *why = learn_path_glob(path, &g);

	if (why || path_glob_field(&g, field, sizeof(field), &why))
		FAIL("%s cannot be learned: %s", path, why);
	return field;
}

#define ASSERT_GLOB(path, glob) ASSERT_STREQ(glob_of(path), (glob))

TEST(pids_and_descriptors_in_proc_become_patterns)
{
	ASSERT_GLOB("/proc/123/status", "/proc/[0-9]*/status");
	ASSERT_GLOB("/proc/1", "/proc/[0-9]*");
	ASSERT_GLOB("/proc/123/task/124/comm", "/proc/[0-9]*/task/[0-9]*/comm");
	ASSERT_GLOB("/proc/123/fdinfo/3", "/proc/[0-9]*/fdinfo/[0-9]*");
	ASSERT_GLOB("/proc/123/task/124/fd/7", "/proc/[0-9]*/task/[0-9]*/fd/[0-9]*");
	/* Numbers that name things, not processes, stay. */
	ASSERT_GLOB("/proc/sys/net/ipv4/conf/eth0/forwarding", "/proc/sys/net/ipv4/conf/eth0/forwarding");
	ASSERT_GLOB("/proc/123/net/dev_snmp6/2", "/proc/[0-9]*/net/dev_snmp6/2");
	ASSERT_GLOB("/proc/self/status", "/proc/self/status");
	ASSERT_GLOB("/proc/meminfo", "/proc/meminfo");
	ASSERT_GLOB("/srv/123/status", "/srv/123/status");
}

TEST(versioned_libraries_become_patterns)
{
	ASSERT_GLOB("/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.[0-9]*");
	ASSERT_GLOB("/usr/lib/libfoo-1.2.so", "/usr/lib/libfoo-[0-9]*.so");
	ASSERT_GLOB("/usr/lib/libfoo-1.2.so.0", "/usr/lib/libfoo-[0-9]*.so.[0-9]*");
	ASSERT_GLOB("/usr/lib/libstdc++.so.6.0.30", "/usr/lib/libstdc++.so.[0-9]*");
	ASSERT_GLOB("/lib64/ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.[0-9]*");
	ASSERT_GLOB("/usr/lib/libgtk-3.so.0", "/usr/lib/libgtk-3.so.[0-9]*");
	ASSERT_GLOB("/usr/lib/libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.[0-9]*");
	/* Not versioned, or not libraries: unchanged. */
	ASSERT_GLOB("/usr/lib/libz.so", "/usr/lib/libz.so");
	ASSERT_GLOB("/usr/lib/libpcre2-8.so", "/usr/lib/libpcre2-8.so");
	ASSERT_GLOB("/etc/ld.so.cache", "/etc/ld.so.cache");
	ASSERT_GLOB("/etc/ld.so.conf.d/x.conf", "/etc/ld.so.conf.d/x.conf");
	ASSERT_GLOB("/srv/notes.so.txt", "/srv/notes.so.txt");
}

TEST(temporary_files_become_their_directory)
{
	ASSERT_GLOB("/tmp/tmp.Xa8f2k", "/tmp/**");
	ASSERT_GLOB("/tmp/build/a/b.o", "/tmp/**");
	ASSERT_GLOB("/var/tmp/x", "/var/tmp/**");
	ASSERT_GLOB("/dev/shm/sem.lock", "/dev/shm/**");
	/* The directories themselves, and look-alikes, stay. */
	ASSERT_GLOB("/tmp", "/tmp");
	ASSERT_GLOB("/tmpfiles/x", "/tmpfiles/x");
	ASSERT_GLOB("/srv/tmp/x", "/srv/tmp/x");
}

TEST(generalised_paths_merge_and_match_what_they_stand_for)
{
	const struct ctrpol_event evs[] = {
		FILE_EV(R, "/proc/123/status"),
		FILE_EV(R, "/proc/456/status"),
		FILE_EV(R | CTRPOL_FILE_MMAP_EXEC, "/lib/x86_64-linux-gnu/libc.so.6"),
		FILE_EV(CTRPOL_FILE_CREATE | W, "/tmp/tmp.abc"),
		FILE_EV(CTRPOL_FILE_DELETE, "/tmp/tmp.def"),
	};
	struct learning t;

	learn(&t, evs, ARRAY_SIZE(evs));
	ASSERT_EQ(t.l.files.n, 3);
	ASSERT_CONTAINS(t.text, RULE("write,create,delete", "/tmp/**"));
	compile_allowing(&t, evs, ARRAY_SIZE(evs));
	/* The same kinds of things, met again in another run, are allowed too. */
	assert_allows(&t, FILE_EV(R, "/proc/99/status"));
	assert_allows(&t, FILE_EV(R, "/lib/x86_64-linux-gnu/libc.so.7"));
	assert_allows(&t, FILE_EV(W, "/tmp/other"));
	assert_refuses(&t, FILE_EV(W, "/tmp"));
	refuses_reading(&t, (const char *const[]){
		"/proc/sys/kernel/core_pattern", "/proc/self/status", "/proc/99/environ",
		"/lib/x86_64-linux-gnu/libm.so.6", NULL });
	learning_free(&t);
}

TEST(siblings_are_not_collapsed_so_etc_shadow_stays_denied)
{
	const struct ctrpol_event evs[] = {
		FILE_EV(R, "/etc/passwd"),
		FILE_EV(R, "/etc/group"),
		FILE_EV(R, "/etc/hosts"),
		FILE_EV(R, "/etc/nsswitch.conf"),
		FILE_EV(R, "/usr/share/zoneinfo/UTC"),
	};
	struct learning t;

	learn(&t, evs, ARRAY_SIZE(evs));
	ASSERT_EQ(t.l.files.n, ARRAY_SIZE(evs));
	ASSERT_TRUE(!strstr(t.text, "/etc/*"));
	compile_allowing(&t, evs, ARRAY_SIZE(evs));
	refuses_reading(&t, (const char *const[]){
		"/etc/shadow", "/etc", "/usr/share/zoneinfo/Europe/Paris", NULL });
	learning_free(&t);
}

TEST(hostile_file_names_name_themselves_only)
{
	const struct ctrpol_event evs[] = {
		FILE_EV(R, "/srv/a b"),
		FILE_EV(R, "/srv/*"),
		FILE_EV(R, "/srv/**"),
		FILE_EV(R, "/srv/?"),
		FILE_EV(R, "/srv/[a-z]"),
		FILE_EV(R, "/srv/{x,y}"),
		FILE_EV(R, "/srv/back\\slash"),
		FILE_EV(R, "/srv/#not-a-comment"),
		FILE_EV(R, "/srv/ #not-a-comment either"),
		FILE_EV(R, "/srv/@{HOME}"),
		FILE_EV(R, "/srv/q\"uote"),
		FILE_EV(R, "/srv/a,b"),
		FILE_EV(R, "/srv/trailing\\"),
	};
	const struct ctrpol_event skipped[] = {
		FILE_EV(R, "/srv/x\n    allow all /**"),
		FILE_EV(R, "/srv/esc\x1b[2J"),
		FILE_EV(R, "/srv/blank and \"quote\""),
	};
	struct ctrpol_event all[ARRAY_SIZE(evs) + ARRAY_SIZE(skipped)];
	struct learning t;

	memcpy(all, evs, sizeof(evs));
	memcpy(all + ARRAY_SIZE(evs), skipped, sizeof(skipped));
	learn(&t, all, ARRAY_SIZE(all));
	ASSERT_EQ(t.l.files.n, ARRAY_SIZE(evs));
	ASSERT_EQ(t.l.unnamed.n, ARRAY_SIZE(skipped));
	ASSERT_CONTAINS(t.text, RULE("read", "\"/srv/a b\""));
	ASSERT_CONTAINS(t.text, RULE("read", "/srv/\\*\\*"));
	ASSERT_CONTAINS(t.text, RULE("read", "/srv/\\{x\\,y\\}"));
	ASSERT_CONTAINS(t.text, "    # Not learned: no rule can name them\n");
	/* Shown, with its control bytes as '?', in a comment that ends where it should. */
	ASSERT_CONTAINS(t.text, "    #   read /srv/x?    allow all /**: it contains a control byte");
	ASSERT_CONTAINS(t.text, "    #   read /srv/esc?[2J: it contains a control byte");
	ASSERT_CONTAINS(t.text, "no field of a policy line can hold");
	compile_allowing(&t, evs, ARRAY_SIZE(evs));
	/* What the names would match as globs stays denied, and the newline added no rule. */
	refuses_reading(&t, (const char *const[]){
		"/srv/anything", "/srv/a/b", "/srv/z", "/srv/x", "/srv/a", "/srv/ab",
		"/srv/#not-a-comment-either", "/etc/shadow", NULL });
	learning_free(&t);
}

/* Names of random bytes, glob syntax, quotes and blanks among them; no digits: no versions. */
TEST(random_hostile_names_always_compile_and_match_only_themselves)
{
	static const char alphabet[] = "ab*?[]{}\\,#@ \t\"'!^-.~\n\x1b\xff";
	static struct ctrpol_event evs[300];
	static char names[300][24];
	uint32_t seed = 12345;
	struct learning t;
	size_t i, j, len;

	for (i = 0; i < sizeof(evs) / sizeof(evs[0]); i++) {
		len = 5 + (seed = seed * 1103515245 + 12345) % 12;
		memcpy(names[i], "/srv/", 5);
		for (j = 5; j < len; j++) {
			seed = seed * 1103515245 + 12345;
			names[i][j] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		names[i][len] = '\0';
		evs[i] = FILE_EV(R, names[i]);
	}
	learn(&t, evs, sizeof(evs) / sizeof(evs[0]));
	ASSERT_TRUE(t.l.files.n > 100 && t.l.unnamed.n > 10);
	compile("app.ctp", t.text, &t.pf);
	for (i = 0; i < sizeof(evs) / sizeof(evs[0]); i++) {
		char neighbour[32];

		/* What no rule can hold is listed, not learned: it stays refused. */
		if (path_unwritable(names[i]) || (strpbrk(names[i], " \t") && strchr(names[i], '"')))
			assert_refuses(&t, evs[i]);
		else
			assert_allows(&t, evs[i]);
		/* The precision tells the compiler a name fits; it always does. */
		snprintf(neighbour, sizeof(neighbour), "%.*sz", (int)sizeof(names[i]), names[i]);
		assert_refuses(&t, FILE_EV(R, neighbour));
	}
	assert_refuses(&t, FILE_EV(R, "/srv/z"));
	learning_free(&t);
}

TEST(every_class_is_learned_and_only_what_was_done_is_allowed)
{
	const struct ctrpol_event evs[] = {
		CAP_EV(10), CAP_EV(6), CAP_EV(7),
		NET_EV(CTRPOL_NET_CREATE, AF_INET, SOCK_STREAM, IPPROTO_TCP),
		NET_EV(CTRPOL_NET_CONNECT, AF_INET, SOCK_STREAM, IPPROTO_TCP, .addr_len = 4,
		       .addr = { 192, 0, 2, 1 }, .port = 443),
		NET_EV(CTRPOL_NET_BIND, AF_INET, SOCK_STREAM, IPPROTO_TCP, .addr_len = 4, .port = 8080),
		NET_EV(CTRPOL_NET_LISTEN, AF_INET, SOCK_STREAM, IPPROTO_TCP, .addr_len = 4, .port = 8080),
		/* An inet6 socket reaching an IPv4 address is decided as IPv4. */
		NET_EV(CTRPOL_NET_CONNECT, AF_INET6, SOCK_STREAM, IPPROTO_TCP, .addr_len = 16,
		       .addr = { [10] = 0xff, [11] = 0xff, 198, 51, 100, 7 }, .port = 80),
		NET_EV(CTRPOL_NET_CREATE, AF_UNIX, SOCK_STREAM, 0),
		NET_EV(CTRPOL_NET_CONNECT, AF_UNIX, SOCK_STREAM, 0),
		NET_EV(CTRPOL_NET_CREATE, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE),
		MOUNT_EV(CTRPOL_MOUNT_MOUNT, "tmpfs", "/run/app"),
		MOUNT_EV(CTRPOL_MOUNT_UMOUNT, "tmpfs", "/run/app"),
		EV(CTRPOL_RULE_PEER, CTRPOL_PEER_READ, .has_peer = true, .peer_pid = 1),
		SIGNAL_EV(15, "supervisor"),
		SIGNAL_EV(1, "supervisor"),
		SIGNAL_EV(0, NULL),
		EV(CTRPOL_RULE_KERNEL, CTRPOL_KERNEL_KEYCTL),
		EV(CTRPOL_RULE_KERNEL, CTRPOL_PRIV_ROOT),
	};
	struct ctrpol_net_query q;
	struct learning t;

	learn(&t, evs, ARRAY_SIZE(evs));
	ASSERT_CONTAINS(t.text, "    # Capabilities\n    allow cap setgid, setuid, net_bind_service\n");
	ASSERT_CONTAINS(t.text, RULE("net create", "inet stream tcp"));
	ASSERT_CONTAINS(t.text, RULE("net connect", "inet stream tcp 192.0.2.1 port 443"));
	ASSERT_CONTAINS(t.text, RULE("net bind,listen", "inet stream tcp 0.0.0.0 port 8080"));
	ASSERT_CONTAINS(t.text, RULE("net connect", "inet stream tcp 198.51.100.7 port 80"));
	ASSERT_CONTAINS(t.text, RULE("net create,connect", "unix stream"));
	ASSERT_CONTAINS(t.text, RULE("net create", "netlink raw route"));
	ASSERT_CONTAINS(t.text, RULE("mount mount,umount", "fstype tmpfs on /run/app"));
	ASSERT_CONTAINS(t.text, RULE("ptrace read", "peer unconfined"));
	ASSERT_CONTAINS(t.text, RULE("signal hup,term", "peer supervisor"));
	ASSERT_CONTAINS(t.text, RULE("signal winch", "peer unconfined"));
	ASSERT_CONTAINS(t.text, "    allow kernel keyctl\n    allow privilege root\n");
	compile_allowing(&t, evs, ARRAY_SIZE(evs));
	/* The inet6 socket's own address, as the hook sees it, is what the rule admits. */
	event_net_query(&evs[7], CTRPOL_NET_CONNECT, &q);
	ASSERT_EQ(q.family, AF_INET);
	assert_refuses(&t, CAP_EV(21));
	assert_refuses(&t, NET_EV(CTRPOL_NET_CONNECT, AF_INET, SOCK_STREAM, IPPROTO_TCP,
					.addr_len = 4, .addr = { 192, 0, 2, 1 }, .port = 444));
	assert_refuses(&t, NET_EV(CTRPOL_NET_CONNECT, AF_INET, SOCK_STREAM, IPPROTO_TCP,
					.addr_len = 4, .addr = { 192, 0, 2, 2 }, .port = 443));
	assert_refuses(&t, NET_EV(CTRPOL_NET_CREATE, AF_INET, SOCK_DGRAM, IPPROTO_UDP));
	assert_refuses(&t, NET_EV(CTRPOL_NET_CREATE, AF_NETLINK, SOCK_RAW, NETLINK_AUDIT));
	assert_refuses(&t, NET_EV(CTRPOL_NET_BIND, AF_INET6, SOCK_STREAM, IPPROTO_TCP,
					.addr_len = 16, .port = 8080));
	assert_refuses(&t, MOUNT_EV(CTRPOL_MOUNT_MOUNT, "proc", "/run/app"));
	assert_refuses(&t, MOUNT_EV(CTRPOL_MOUNT_MOUNT, "tmpfs", "/run"));
	assert_refuses(&t, EV(CTRPOL_RULE_PEER, CTRPOL_PEER_TRACE, .has_peer = true));
	assert_refuses(&t, SIGNAL_EV(9, "supervisor"));
	assert_refuses(&t, SIGNAL_EV(15, NULL));
	assert_refuses(&t, EV(CTRPOL_RULE_KERNEL, CTRPOL_KERNEL_BPF));
	assert_refuses(&t, EV(CTRPOL_RULE_KERNEL, CTRPOL_PRIV_SETUID_EXEC));
	learning_free(&t);
}

TEST(other_profiles_and_verdicts_are_ignored_and_losses_counted)
{
	struct ctrpol_event evs[] = {
		FILE_EV(R, "/etc/passwd"),
		FILE_EV(R, "/etc/group"),
		FILE_EV(R, "/etc/hosts"),
		FILE_EV(R, "/etc/fstab"),
	};
	struct learning t;

	evs[0].profile = "web";
	evs[1].verdict = CTRPOL_VERDICT_AUDITED;
	evs[1].suppressed = 5;
	evs[2].verdict = CTRPOL_VERDICT_DENIED;
	evs[3].suppressed = 2;
	learn(&t, evs, ARRAY_SIZE(evs));
	ASSERT_EQ(t.l.events, 1);
	ASSERT_EQ(t.l.lost, 7);
	ASSERT_EQ(t.l.files.n, 1);
	ASSERT_CONTAINS(t.text, "/etc/fstab");
	ASSERT_CONTAINS(t.text, "# WARNING: events were lost (7 dropped by the kernel, 0 times "
			      "more on the\n# way here): this profile may be incomplete.");
	ASSERT_CONTAINS(t.text, "#   ctrpol learn --cgroup /sys/fs/cgroup/app --from app.ctp "
			      "-o app.ctp\n");
	learning_free(&t);
}

TEST(what_no_rule_can_name_is_listed_not_learned)
{
	const struct ctrpol_event evs[] = {
		EV(CTRPOL_RULE_FILE, R),
		MOUNT_EV(CTRPOL_MOUNT_MOUNT, "", "/mnt"),
		MOUNT_EV(CTRPOL_MOUNT_MOUNT, "tmpfs", NULL),
		EV(CTRPOL_RULE_FILE, R),
		SIGNAL_EV(15, "bad name!"),
		EV(99, 1),
	};
	struct learning t;

	learn(&t, evs, ARRAY_SIZE(evs));
	ASSERT_EQ(learn_nrules(&t.l), 0);
	ASSERT_EQ(t.l.unnamed.n, 5);
	ASSERT_CONTAINS(t.text, "#   read: no path: a pipe, socket or memfd");
	ASSERT_CONTAINS(t.text, "(2 times)\n");
	ASSERT_CONTAINS(t.text, "#   mount mount fstype  on /mnt: a filesystem type no rule can name");
	ASSERT_CONTAINS(t.text, "#   signal term peer bad name!: the peer's profile name");
	ASSERT_CONTAINS(t.text, "#   an event whose operation this tool cannot read");
	compile_allowing(&t, NULL, 0);
	learning_free(&t);
}

static const char base_policy[] =
	"# the web server\n"
	"@{LOGS} = /var/log/web\n"
	"\n"
	"profile web {\n"
	"    mode complain\n"
	"    include \"inc/base.ctp\"\n"
	"    allow read,write @{LOGS}/**\n"
	"    deny write /etc/**   # never\n"
	"}\n"
	"# after the profile\n";

TEST(from_a_base_its_text_stays_and_rules_go_before_its_end)
{
	const struct ctrpol_event evs[] = {
		FILE_EV(R, "/srv/www/index.html"),
		FILE_EV(W, "/etc/hosts"),
		FILE_EV(W, "/etc/hosts"),
		FILE_EV(R | W, "/etc/resolv.conf"),
	};
	char dir[] = "/tmp/learn_test.XXXXXX", inc[64], included[64];
	struct learning t;

	ASSERT_TRUE(mkdtemp(dir) != NULL);
	snprintf(inc, sizeof(inc), "%s/inc", dir);
	snprintf(included, sizeof(included), "%s/inc/base.ctp", dir);
	ASSERT_EQ(mkdir(inc, 0755), 0);
	write_file(included, "allow read /etc/ld.so.cache\n");
	/* The starting profile as learn compiles it: the base's rules, in complain mode. */
	learn_from(&t, evs, ARRAY_SIZE(evs), "allow read /etc/ld.so.cache\ndeny write /etc/**\n",
		   base_policy);
	/* The base, unchanged up to its closing line; then the rules learned. */
	ASSERT_TRUE(!strncmp(t.text, base_policy, strstr(base_policy, "}\n") - base_policy));
	ASSERT_CONTAINS(t.text, "# never\n\n    # Learned by ctrpol learn from cgroup");
	ASSERT_CONTAINS(t.text, "    # Files read\n");
	ASSERT_CONTAINS(t.text, RULE("read", "/etc/resolv.conf"));
	ASSERT_CONTAINS(t.text, RULE("read", "/srv/www/index.html"));
	ASSERT_CONTAINS(t.text, "    # Not learned: a deny rule of the starting profile refuses "
			      "them, and deny wins\n");
	ASSERT_CONTAINS(t.text, "    #   write /etc/hosts (2 times)\n");
	ASSERT_CONTAINS(t.text, "    #   write /etc/resolv.conf\n");
	ASSERT_CONTAINS(t.text, "}\n# after the profile\n");
	ASSERT_TRUE(!strstr(t.text, "allow write "));
	compile_in(dir, "web.ctp", t.text, &t.pf);
	unlink(included);
	rmdir(inc);
	rmdir(dir);
	assert_allows(&t, evs[0]);
	assert_refuses(&t, evs[1]);
	assert_allows(&t, FILE_EV(R, "/etc/resolv.conf"));
	learning_free(&t);
}

TEST(a_base_without_a_closing_line_is_refused)
{
	struct learned l;
	const char *why = NULL;
	FILE *out = fopen("/dev/null", "w");

	learned_init(&l, LEARNING);
	ASSERT_EQ(learn_write(out, &l, &meta, "profile x { }\n", &why), -1);
	ASSERT_CONTAINS(why, "does not end with a line that is only '}'");
	/* A '}' in a comment or a quoted path is no end. */
	ASSERT_EQ(learn_write(out, &l, &meta, "profile x {\n# }\nallow read \"}\"\n", &why), -1);
	fclose(out);
}

TEST(the_output_does_not_depend_on_the_order_of_events)
{
	const struct ctrpol_event evs[] = {
		FILE_EV(R, "/b"), FILE_EV(R, "/a"), FILE_EV(W, "/c"), CAP_EV(1), CAP_EV(0),
		SIGNAL_EV(2, "z"), SIGNAL_EV(3, "y"),
	};
	struct ctrpol_event reversed[ARRAY_SIZE(evs)];
	struct learning t1, t2;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(evs); i++)
		reversed[i] = evs[ARRAY_SIZE(evs) - 1 - i];
	learn(&t1, evs, ARRAY_SIZE(evs));
	learn(&t2, reversed, ARRAY_SIZE(reversed));
	ASSERT_STREQ(t1.text, t2.text);
	ASSERT_CONTAINS(t1.text, "/a\n    allow read                         /b\n");
	learning_free(&t1);
	learning_free(&t2);
}

/* The whole of a small profile, as a golden output. */
TEST(a_learned_profile_reads_as_expected)
{
	const struct ctrpol_event evs[] = {
		FILE_EV(CTRPOL_FILE_EXEC, "/bin/busybox"),
		FILE_EV(R, "/etc/passwd"),
		FILE_EV(W | CTRPOL_FILE_CREATE, "/tmp/x1"),
		CAP_EV(7),
		NET_EV(CTRPOL_NET_CREATE, AF_INET, SOCK_DGRAM, IPPROTO_UDP),
	};
	static const char expected[] =
		"# Learned by ctrpol learn from cgroup /sys/fs/cgroup/app (id 1234),\n"
		"# from 2023-11-14 22:13:20 UTC for 42 s: 5 events, 5 rules.\n"
		"# Check every rule before enforcing: learning allows whatever the workload did.\n"
		"profile app {\n"
		"    mode enforce\n"
		"    default deny\n"
		"\n"
		"    # Programs run\n"
		"    allow exec                         /bin/busybox\n"
		"\n"
		"    # Files read\n"
		"    allow read                         /etc/passwd\n"
		"\n"
		"    # Files written, created or changed\n"
		"    allow write,create                 /tmp/**\n"
		"\n"
		"    # Network\n"
		"    allow net create                   inet dgram udp\n"
		"\n"
		"    # Capabilities\n"
		"    allow cap setuid\n"
		"}\n";
	struct learning t;

	learn(&t, evs, ARRAY_SIZE(evs));
	ASSERT_STREQ(t.text, expected);
	learning_free(&t);
}

TEST(profile_names_come_from_the_output_file)
{
	char name[CTRPOL_NAME_MAX];

	learn_profile_name("policies/web.ctp", name);
	ASSERT_STREQ(name, "web");
	learn_profile_name("my app+v2.ctp", name);
	ASSERT_STREQ(name, "my_app_v2");
	learn_profile_name("dir/.ctp", name);
	ASSERT_STREQ(name, "learned");
	learn_profile_name("unconfined.ctp", name);
	ASSERT_STREQ(name, "learned");
	learn_profile_name("a-very-long-name-that-goes-on-and-on-past-what-a-profile-name-may-hold.ctp",
			   name);
	ASSERT_EQ(strlen(name), CTRPOL_NAME_MAX - 1);
	ASSERT_TRUE(policy_name_valid(name));
}

TEST(moving_out_of_the_container_cgroups_is_listed_not_learned)
{
	const struct ctrpol_event evs[] = {
		EV(CTRPOL_RULE_FILE, W, .path = "/cgroup.procs", .boundary = true),
	};
	struct learning t;

	learn(&t, evs, ARRAY_SIZE(evs));
	ASSERT_EQ(t.l.files.n, 0);
	ASSERT_EQ(t.l.unnamed.n, 1);
	ASSERT_CONTAINS(t.text, "    #   write /cgroup.procs: moving a task out of the container's "
			"cgroups, which no rule can allow\n");
	learning_free(&t);
}
