// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: the shipped profiles at work.  Each is loaded from the file
 * the initramfs ships (/etc/ctrpol/policies), attached to a cgroup of its
 * own, and runs the workload it is for: that must succeed without a single
 * denial.  Then what the profile is there to refuse is tried from inside:
 * each attempt must fail with the profile's errno, and work for unconfined
 * root, so that the refusal is the profile's doing.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/ctrpol.h>

#include "attempts.h"
#include "confine.h"
#include "harness.h"

#define POLICIES "/etc/ctrpol/policies/"
#define NOBODY 65534

/* ctrpol load the shipped FILE, attach its profile NAME to a new cgroup NAME. */
static void ship(struct confined *c, const char *file, const char *name)
{
	char path[128], cgroup[160];

	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(c->cgroup, sizeof(c->cgroup), "%s", name);
	snprintf(path, sizeof(path), POLICIES "%s", file);
	snprintf(cgroup, sizeof(cgroup), CGROUP_ROOT "/%s", name);
	c->id = cgroup_create(c->cgroup);
	run_ctrpol("load", path, NULL, NULL);
	run_ctrpol("attach", name, "--cgroup", cgroup);
}

/* The profile has refused nothing so far: its workload ran as it should. */
static void no_denials(const char *name)
{
	uint64_t denied = profile_counter(name, CTRPOL_COUNTER_DENIED);

	if (denied) {
		static struct cmd_result r;

		run_cmd((char *[]){ "ctrpol", "list", NULL }, AS_CALLER, &r);
		FAIL("profile %s denied %llu operations of its workload:\n%s", name,
		     (unsigned long long)denied, r.out);
	}
}

static int run_script(const void *path)
{
	execl("/bin/sh", "sh", (const char *)path, (char *)NULL);
	return 127;
}

/* What the profile must refuse, and the errno it refuses with. */
struct refusal {
	const char *what;
	int (*op)(const void *arg);
	const void *arg;
	int err;
};

/* Each refused in the cgroup with its errno, and working for unconfined root. */
static void refuses(const char *cgroup, const struct refusal *r, size_t n)
{
	unsigned int failed = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int confined = run_in(cgroup, AS_CALLER, r[i].op, r[i].arg);
		int unconfined = run_in(NULL, AS_CALLER, r[i].op, r[i].arg);

		if (confined != r[i].err || unconfined) {
			printf("# %s: %s, want %s; unconfined: %s\n", r[i].what,
			       confined ? strerror(confined) : "WORKED", strerror(r[i].err),
			       unconfined ? strerror(unconfined) : "works");
			failed++;
		}
	}
	if (failed)
		FAIL("%u of %zu refusals of %s are not as they should be", failed, n, cgroup);
}

/* The attempts: 0 when the operation worked, else its errno. */

static int open_with(const char *path, int flags)
{
	int fd = open(path, flags, 0644);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int read_file(const void *path)
{
	return open_with(path, O_RDONLY);
}

/* Open for writing, without writing: the access is what counts. */
static int write_file(const void *path)
{
	return open_with(path, O_WRONLY);
}

/* Create a new file, and remove it when that worked. */
static int create_file(const void *path)
{
	int err = open_with(path, O_WRONLY | O_CREAT | O_EXCL);

	if (!err)
		unlink(path);
	return err;
}

/* Run a copy of busybox as 'true': the errno of the execve, or its status. */
static int run_program(const void *path)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl((const char *)path, "true", (char *)NULL);
		_exit(errno);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return EIO;
	return WEXITSTATUS(status);
}

struct sock_kind {
	int family, type, protocol;
};

static const struct sock_kind unix_stream = { AF_UNIX, SOCK_STREAM, 0 };
static const struct sock_kind tcp4 = { AF_INET, SOCK_STREAM, 0 };
static const struct sock_kind udp4 = { AF_INET, SOCK_DGRAM, 0 };
static const struct sock_kind udp6 = { AF_INET6, SOCK_DGRAM, 0 };
static const struct sock_kind raw4 = { AF_INET, SOCK_RAW, IPPROTO_ICMP };
static const struct sock_kind rtnetlink = { AF_NETLINK, SOCK_RAW, 0 /* NETLINK_ROUTE */ };

static int make_socket(const void *arg)
{
	const struct sock_kind *k = arg;
	int fd = socket(k->family, k->type, k->protocol);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sin;
}

/* Connect to 127.0.0.1:port (someone listens there). */
static int connect_local(const void *port)
{
	struct sockaddr_in sin = loopback((int)(intptr_t)port);
	int fd = socket(AF_INET, SOCK_STREAM, 0), err = 0;

	if (fd < 0)
		return errno;
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)))
		err = errno;
	close(fd);
	return err;
}

/* Listen on 127.0.0.1:port. */
static int listen_local(const void *port)
{
	struct sockaddr_in sin = loopback((int)(intptr_t)port);
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, err = 0;

	if (fd < 0)
		return errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) || listen(fd, 1))
		err = errno;
	close(fd);
	return err;
}

/* A TCP socket made outside, before the process entered the container. */
struct passed_socket {
	int fd, port;
};

static int connect_passed(const void *arg)
{
	const struct passed_socket *p = arg;
	struct sockaddr_in sin = loopback(p->port);

	return connect(p->fd, (struct sockaddr *)&sin, sizeof(sin)) ? errno : 0;
}

/* A server and a client over a Unix socket, through a file. */
static int unix_round_trip(const void *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int srv = socket(AF_UNIX, SOCK_STREAM, 0), conn, status;
	char buf[8] = "";
	pid_t pid;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", (const char *)path);
	unlink(sun.sun_path);
	if (srv < 0 || bind(srv, (struct sockaddr *)&sun, sizeof(sun)) || listen(srv, 1))
		return errno;
	pid = fork();
	if (pid == 0) {
		int cli = socket(AF_UNIX, SOCK_STREAM, 0);

		if (cli < 0 || connect(cli, (struct sockaddr *)&sun, sizeof(sun)) ||
		    write(cli, "ping", 4) != 4)
			_exit(errno);
		_exit(0);
	}
	conn = accept(srv, NULL, NULL);
	if (conn < 0 || read(conn, buf, 4) != 4)
		return errno ? errno : EIO;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return EIO;
	unlink(sun.sun_path);
	return strcmp(buf, "ping") ? EIO : 0;
}

static int mount_tmpfs(const void *path)
{
	if (mount("none", path, "tmpfs", 0, NULL))
		return errno;
	umount2(path, MNT_DETACH);
	return 0;
}

/* A mount namespace of its own: CAP_SYS_ADMIN, beyond Docker's default set. */
static int new_mount_ns(const void *unused)
{
	(void)unused;
	return unshare(CLONE_NEWNS) ? errno : 0;
}

/* Root drops to a user, keeping a saved uid 0, and takes root back. */
static int regain_root(const void *unused)
{
	(void)unused;
	if (setresuid(NOBODY, NOBODY, 0))
		return 100;
	return seteuid(0) ? errno : 0;
}

/*
 * This very program, installed setuid root, exits 0 when it runs as root and
 * 1 otherwise when CTRPOL_PRINT_EUID is set.
 */
__attribute__((constructor)) static void print_euid(void)
{
	if (getenv("CTRPOL_PRINT_EUID"))
		_exit(geteuid() == 0 ? 0 : 1);
}

/* Nobody runs a setuid-root program: 0 when it gained root, EPERM when not. */
static int setuid_gains_root(const void *path)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		become_user(NOBODY);
		execle((const char *)path, "suid", (char *)NULL,
		       (char *const[]){ "CTRPOL_PRINT_EUID=1", NULL });
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return EIO;
	return WEXITSTATUS(status) == 0 ? 0 : WEXITSTATUS(status) == 1 ? EPERM : EIO;
}

static void copy(const char *from, const char *to, mode_t mode)
{
	static struct cmd_result r;

	run_cmd((char *[]){ "cp", (char *)from, (char *)to, NULL }, AS_CALLER, &r);
	if (r.status)
		FAIL("cp %s %s: %s", from, to, r.err);
	if (chmod(to, mode))
		FAIL("chmod %s: %s", to, strerror(errno));
}

static void mkdirs(const char *const *dirs)
{
	for (; *dirs; dirs++)
		if (mkdir(*dirs, 0755) && errno != EEXIST)
			FAIL("mkdir %s: %s", *dirs, strerror(errno));
}

static void loopback_up(void)
{
	static struct cmd_result r;

	run_cmd((char *[]){ "ifconfig", "lo", "127.0.0.1", "up", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
}

static bool listening(const void *port)
{
	return !connect_local(port);
}

static bool emptied(const void *cgroup)
{
	char path[192], text[256];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), CGROUP_ROOT "/%s/cgroup.events", (const char *)cgroup);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	if (fd >= 0)
		close(fd);
	text[n > 0 ? n : 0] = '\0';
	return strstr(text, "populated 0");
}

static void put_shadow(void)
{
	put_file("/etc/shadow", "root:*:19000:0:99999:7:::\n", 0600);
}

/*
 * What any container does: its own files, pipes, the usual tools, /proc, a
 * look at the system's files.
 */
static const char ordinary_work[] =
	"set -eu\n"
	"mkdir -p /tmp/app/data\n"
	"cd /tmp/app\n"
	"echo 'b 2' >data/in; echo 'a 1' >>data/in\n"
	"sort data/in | sed 's/ /=/' >data/out\n"
	"[ \"$(head -n 1 data/out)\" = a=1 ]\n"
	"cp data/out data/copy && mv data/copy data/moved && chmod 600 data/moved\n"
	"ln -s data/moved link && cat link >/dev/null && rm link data/moved\n"
	"grep -q root /etc/passwd\n"
	"grep -q '^Name:' /proc/self/status && cat /proc/meminfo /proc/uptime >/dev/null\n"
	"ls /bin /etc /sys/class >/dev/null\n"
	"[ \"$(id -u)\" != 0 ] || echo 127.0.0.2 app.local >>/etc/hosts\n"
	"rm -r /tmp/app\n";

/* And over the network: a server, and a client of it, in the container. */
static const char network_work[] =
	"set -eu\n"
	"mkdir -p /tmp/site\n"
	"echo '<p>inside</p>' >/tmp/site/index.html\n"
	"httpd -f -p 127.0.0.1:8081 -h /tmp/site &\n"
	"server=$!\n"
	SH_FETCH_ONCE_UP("http://127.0.0.1:8081/index.html", "/tmp/site/fetched")
	"kill $server\n"
	"grep -q inside /tmp/site/fetched\n"
	"rm -r /tmp/site\n";

TEST(container_default_runs_a_container_and_refuses_the_ways_out)
{
	static const char suid[] = "/tmp/suid-profiles";
	struct confined c;
	const struct refusal refusals[] = {
		{ "mount a tmpfs", mount_tmpfs, "/mnt", EACCES },
		{ "unshare -U", attempt_userns, NULL, EPERM },
		{ "bpf()", attempt_bpf, NULL, EPERM },
		{ "a raw socket (CAP_NET_RAW)", make_socket, &raw4, EPERM },
		{ "write /proc/sys/kernel/core_pattern", write_file,
		  "/proc/sys/kernel/core_pattern", EACCES },
		{ "read /proc/kcore", read_file, "/proc/kcore", EACCES },
		{ "root again after dropping", regain_root, NULL, EPERM },
		{ "root from a setuid program", setuid_gains_root, suid, EPERM },
		{ "a mount namespace (CAP_SYS_ADMIN)", new_mount_ns, NULL, EPERM },
		{ "a new program in /bin", create_file, "/bin/planted", EACCES },
		{ "write /etc/passwd", write_file, "/etc/passwd", EACCES },
	};

	put_file("/tmp/ordinary.sh", ordinary_work, 0755);
	put_file("/tmp/network.sh", network_work, 0755);
	copy("/tests/profiles_test", suid, 04755);
	mkdirs((const char *const[]){ "/mnt", NULL });
	loopback_up();
	ship(&c, "container-default.ctp", "container-default");

	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, run_script, "/tmp/ordinary.sh"), 0);
	ASSERT_EQ(run_in(c.cgroup, NOBODY, run_script, "/tmp/ordinary.sh"), 0);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, run_script, "/tmp/network.sh"), 0);
	no_denials(c.name);

	refuses(c.cgroup, refusals, sizeof(refusals) / sizeof(refusals[0]));
	unconfine(&c);
}

/* The same work as root; and no network, not even through a socket passed in. */
TEST(offline_runs_a_container_without_a_network)
{
	struct confined c;
	struct passed_socket passed = { -1, 8082 };
	const struct refusal refusals[] = {
		{ "a TCP socket", make_socket, &tcp4, EACCES },
		{ "a UDP socket over IPv6", make_socket, &udp6, EACCES },
		{ "an rtnetlink socket", make_socket, &rtnetlink, EACCES },
		{ "connect a TCP socket passed in", connect_passed, &passed, EACCES },
		{ "mount a tmpfs", mount_tmpfs, "/mnt", EACCES },
		{ "write /proc/sys/kernel/core_pattern", write_file,
		  "/proc/sys/kernel/core_pattern", EACCES },
	};
	struct sockaddr_in sin = loopback(passed.port);
	int srv = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	put_file("/tmp/ordinary.sh", ordinary_work, 0755);
	mkdirs((const char *const[]){ "/mnt", NULL });
	loopback_up();
	/* Someone to connect to, for the unconfined attempt. */
	setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	ASSERT_EQ(bind(srv, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ASSERT_EQ(listen(srv, 4), 0);
	passed.fd = socket(AF_INET, SOCK_STREAM, 0);
	ship(&c, "offline.ctp", "offline");

	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, run_script, "/tmp/ordinary.sh"), 0);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, unix_round_trip, "/tmp/offline.sock"), 0);
	no_denials(c.name);

	refuses(c.cgroup, refusals, sizeof(refusals) / sizeof(refusals[0]));
	close(passed.fd);
	close(srv);
	unconfine(&c);
}

/* httpd serving /srv/www on port 80 as nobody, its errors in its log. */
static const char web_start[] =
	"exec httpd -f -p 127.0.0.1:80 -h /srv/www -u nobody 2>>/var/log/httpd/error.log";

TEST(web_serves_its_content_and_nothing_else)
{
	static struct cmd_result r;
	struct confined c;
	char procs[192];
	pid_t server;
	int status;
	const struct refusal refusals[] = {
		{ "change the content", write_file, "/srv/www/index.html", EACCES },
		{ "add content", create_file, "/srv/www/planted.html", EACCES },
		{ "read /etc/shadow", read_file, "/etc/shadow", EACCES },
		{ "connect, even to itself", connect_local, (const void *)(intptr_t)80, EACCES },
		{ "listen on another port", listen_local, (const void *)(intptr_t)8080, EACCES },
		{ "a UDP socket", make_socket, &udp4, EACCES },
		{ "run another program", run_program, "/tmp/bb", EACCES },
		{ "mount a tmpfs", mount_tmpfs, "/mnt", EACCES },
	};

	mkdirs((const char *const[]){ "/srv", "/srv/www", "/var", "/var/log", "/var/log/httpd",
				      "/mnt", NULL });
	put_file("/srv/www/index.html", "<h1>shipped</h1>\n", 0644);
	put_shadow();
	copy("/bin/busybox", "/tmp/bb", 0755);
	loopback_up();
	ship(&c, "web.ctp", "web");

	/* Started in the container, fetched from outside. */
	fflush(stdout);
	server = fork();
	if (server < 0)
		FAIL("fork: %s", strerror(errno));
	if (server == 0) {
		int fd;

		snprintf(procs, sizeof(procs), CGROUP_ROOT "/%s/cgroup.procs", c.cgroup);
		fd = open(procs, O_WRONLY);
		if (fd < 0 || write(fd, "0", 1) != 1)
			_exit(126);
		close(fd);
		execl("/bin/sh", "sh", "-c", web_start, (char *)NULL);
		_exit(127);
	}
	wait_until(listening, (const void *)(intptr_t)80, 20, "a server on 127.0.0.1:80");
	run_cmd((char *[]){ "wget", "-q", "-O", "-", "http://127.0.0.1/index.html", NULL },
		AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_STREQ(r.out, "<h1>shipped</h1>\n");
	run_cmd((char *[]){ "wget", "-q", "-O", "-", "http://127.0.0.1/missing.html", NULL },
		AS_CALLER, &r);
	ASSERT_TRUE(r.status != 0);
	no_denials(c.name);

	refuses(c.cgroup, refusals, sizeof(refusals) / sizeof(refusals[0]));
	kill(server, SIGTERM);
	ASSERT_EQ(waitpid(server, &status, 0), server);
	wait_until(emptied, c.cgroup, 10, "every process of cgroup %s to be gone", c.cgroup);
	unconfine(&c);
}

/* The job: each input file, sorted and numbered, then a summary. */
static const char batch_job[] =
	"set -eu\n"
	"for f in /data/in/*.txt; do\n"
	"    name=$(basename \"$f\" .txt)\n"
	"    sort \"$f\" | sed = | sed 'N; s/\\n/ /' >/data/out/$name.sorted\n"
	"done\n"
	"mkdir -p /data/out/summary\n"
	"cat /data/out/*.sorted | wc -l >/data/out/summary/lines.tmp\n"
	"mv /data/out/summary/lines.tmp /data/out/summary/lines\n";

static void expect_file(const char *path, const char *want)
{
	char text[256] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);

	if (fd >= 0)
		close(fd);
	if (n < 0)
		FAIL("reading %s: %s", path, strerror(errno));
	text[n] = '\0';
	if (strcmp(text, want))
		FAIL("%s holds \"%s\", want \"%s\"", path, text, want);
}

TEST(batch_transforms_its_input_into_its_output_and_nothing_else)
{
	struct confined c;
	const struct refusal refusals[] = {
		{ "change its input", write_file, "/data/in/fruit.txt", EACCES },
		{ "add to its input", create_file, "/data/in/planted.txt", EACCES },
		{ "change its code", write_file, "/job/run.sh", EACCES },
		{ "write in /tmp", create_file, "/tmp/batch-scratch", EACCES },
		{ "write beside its output", create_file, "/data/planted", EACCES },
		{ "run a program it wrote", run_program, "/data/out/bb", EACCES },
		{ "read /etc/shadow", read_file, "/etc/shadow", EACCES },
		{ "a Unix socket", make_socket, &unix_stream, EACCES },
		{ "a TCP socket", make_socket, &tcp4, EACCES },
	};

	mkdirs((const char *const[]){ "/job", "/data", "/data/in", "/data/out", NULL });
	put_file("/job/run.sh", batch_job, 0644);
	put_file("/data/in/fruit.txt", "pear\napple\n", 0644);
	put_file("/data/in/veg.txt", "leek\n", 0644);
	put_shadow();
	ship(&c, "batch.ctp", "batch");

	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, run_script, "/job/run.sh"), 0);
	no_denials(c.name);
	expect_file("/data/out/fruit.sorted", "1 apple\n2 pear\n");
	expect_file("/data/out/veg.sorted", "1 leek\n");
	expect_file("/data/out/summary/lines", "3\n");

	copy("/bin/busybox", "/data/out/bb", 0755);
	refuses(c.cgroup, refusals, sizeof(refusals) / sizeof(refusals[0]));
	unconfine(&c);
}
