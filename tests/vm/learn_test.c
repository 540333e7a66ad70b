// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: ctrpol learn against the running LSM.  A workload learned
 * runs enforced without a denial, and what it never did stays denied;
 * learning again from the profile adds only what is missing; every way out
 * (the duration, a signal, a refusal) leaves no temporary profile behind.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"
#include <linux/ctrpol.h>

/*
 * Something of every class: files, /proc, temporary files, a capability, a
 * mount, a socket...  Each script stops at its first failing step: what it
 * did not get to would not be learned, nor its refusal seen.
 */
static const char workload[] =
	"set -eu\n"
	"cat /etc/passwd >/dev/null\n"
	"ls /etc >/dev/null\n"
	"echo hi >/tmp/wl.$$ && cat /tmp/wl.$$ >/dev/null && rm /tmp/wl.$$\n"
	"grep -q Name /proc/$$/status\n"
	"touch /tmp/own.$$ && chown 1 /tmp/own.$$ && rm /tmp/own.$$\n"
	"kill -0 1\n"
	"mkdir -p /mnt/learn && mount -t tmpfs none /mnt/learn && umount /mnt/learn\n"
	/* Nothing listens on port 9: the connect fails, and is what is learned. */
	"nc -w 1 127.0.0.1 9 </dev/null 2>/dev/null || true\n"
	"unshare -U true\n";

/* What a second run does besides. */
static const char more[] = "set -eu\ncat /etc/group >/dev/null\n";

static int run_script(const void *path)
{
	execl("/bin/sh", "sh", (const char *)path, (char *)NULL);
	return 127;
}

static bool attached_more(const void *before)
{
	return status_u32(CTRPOL_A_NATTACHMENTS) != *(const uint32_t *)before;
}

/* ctrpol learn of cgroup CGROUP_ROOT/name into out, started in the background. */
static pid_t start_learning(const char *name, const char *out, const char *from)
{
	uint32_t attached = status_u32(CTRPOL_A_NATTACHMENTS);
	char cgroup[128];
	pid_t pid;

	snprintf(cgroup, sizeof(cgroup), CGROUP_ROOT "/%s", name);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		FAIL("fork failed");
	if (!pid) {
		int fd = open("/tmp/learn.log", O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(fd, 1);
		dup2(fd, 2);
		if (from)
			execlp("ctrpol", "ctrpol", "learn", "--cgroup", cgroup, "--from", from, "-o",
			       out, (char *)NULL);
		else
			execlp("ctrpol", "ctrpol", "learn", "--cgroup", cgroup, "-o", out,
			       (char *)NULL);
		_exit(127);
	}
	/* Until it has attached its profile: then the cgroup is in complain mode. */
	wait_until(attached_more, &attached, 10, "ctrpol learn to attach a profile to %s", cgroup);
	return pid;
}

/* Stop it with sig; it must exit 0 and leave nothing behind. */
static void stop_learning(pid_t pid, int sig)
{
	static struct cmd_result r;
	int status;

	kill(pid, sig);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
		run_cmd((char *[]){ "cat", "/tmp/learn.log", NULL }, AS_CALLER, &r);
		FAIL("ctrpol learn did not exit 0 after signal %d (status %#x):\n%s", sig, status,
		     r.out);
	}
	run_cmd((char *[]){ "ctrpol", "list", NULL }, AS_CALLER, &r);
	if (strstr(r.out, "learn-"))
		FAIL("the temporary profile is left:\n%s", r.out);
}

static void load_and_attach(const char *path, const char *name)
{
	static struct cmd_result r;
	char cgroup[128];

	snprintf(cgroup, sizeof(cgroup), CGROUP_ROOT "/%s", name);
	run_cmd((char *[]){ "ctrpol", "load", (char *)path, NULL }, AS_CALLER, &r);
	if (r.status)
		FAIL("ctrpol load %s: %s", path, r.err);
	run_cmd((char *[]){ "ctrpol", "attach", (char *)name, "--cgroup", cgroup, NULL },
		AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
}

TEST(a_learned_workload_runs_enforced_without_denials_and_nothing_more)
{
	char text[8192] = "";
	struct confined c = { "learned", "learned", 0 };
	pid_t learner;
	FILE *f;

	put_file("/tmp/workload.sh", workload, 0755);
	put_file("/etc/shadow", "root:*:1::::::\n", 0600);
	c.id = cgroup_create("learned");
	learner = start_learning("learned", "/tmp/learned.ctp", NULL);
	ASSERT_EQ(run_in("learned", AS_CALLER, run_script, "/tmp/workload.sh"), 0);
	stop_learning(learner, SIGINT);
	f = fopen("/tmp/learned.ctp", "r");
	ASSERT_TRUE(f && fread(text, 1, sizeof(text) - 1, f) > 0);
	fclose(f);
	ASSERT_CONTAINS(text, "allow read                         /proc/[0-9]*/status\n");
	ASSERT_CONTAINS(text, "/tmp/**\n");
	ASSERT_CONTAINS(text, "allow cap chown");
	ASSERT_CONTAINS(text, "allow mount mount,umount           fstype tmpfs on /mnt/learn\n");
	ASSERT_CONTAINS(text, "allow kernel userns\n");
	ASSERT_TRUE(!strstr(text, "/etc/*"));
	load_and_attach("/tmp/learned.ctp", "learned");
	/* Another run: other pids, other temporary names, all allowed. */
	ASSERT_EQ(run_in("learned", AS_CALLER, run_script, "/tmp/workload.sh"), 0);
	ASSERT_EQ(profile_counter("learned", CTRPOL_COUNTER_DENIED), 0);
	/* It never read /etc/shadow: refused there, by the profile, as root reads it outside. */
	ASSERT_EQ(try_in("learned", "read", "/etc/shadow", NULL), EACCES);
	ASSERT_EQ(try_in(NULL, "read", "/etc/shadow", NULL), 0);
	ASSERT_EQ(profile_counter("learned", CTRPOL_COUNTER_DENIED), 1);
	unconfine(&c);
}

/* A small web service: busybox httpd serves /srv/www, wget fetches a page, a log is written. */
static const char web_workload[] =
	"set -eu\n"
	"httpd -f -p 127.0.0.1:8080 -h /srv/www &\n"
	"server=$!\n"
	SH_FETCH_ONCE_UP("http://127.0.0.1:8080/index.html", "/var/log/web/page.html")
	"echo fetched >> /var/log/web/access.log\n"
	"kill $server\n"
	/* It ends by that SIGTERM (128 + 15), and by nothing else. */
	"wait $server || [ $? = 143 ]\n";

static int attempt_open(const void *how)
{
	const char *h = how;
	int fd = open(h + 1, *h == 'w' ? O_WRONLY : O_RDONLY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int attempt_connect_9(const void *unused)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(9) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)unused;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return errno;
	return connect(fd, (struct sockaddr *)&sin, sizeof(sin)) ? errno : 0;
}

TEST(a_learned_web_server_serves_again_and_does_nothing_else)
{
	static struct cmd_result r;
	struct confined c = { "web", "web", 0 };
	pid_t learner;

	run_cmd((char *[]){ "ifconfig", "lo", "127.0.0.1", "up", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	mkdir("/srv", 0755);
	mkdir("/srv/www", 0755);
	mkdir("/var", 0755);
	mkdir("/var/log", 0755);
	mkdir("/var/log/web", 0755);
	put_file("/srv/www/index.html", "<h1>hello</h1>\n", 0644);
	put_file("/srv/secret", "not for the web\n", 0644);
	put_file("/srv/web.sh", web_workload, 0755);
	c.id = cgroup_create(c.cgroup);

	learner = start_learning(c.cgroup, "/srv/web.ctp", NULL);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, run_script, "/srv/web.sh"), 0);
	stop_learning(learner, SIGINT);
	load_and_attach("/srv/web.ctp", c.cgroup);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, run_script, "/srv/web.sh"), 0);
	ASSERT_EQ(profile_counter("web", CTRPOL_COUNTER_DENIED), 0);
	ASSERT_TRUE(profile_counter("web", CTRPOL_COUNTER_ALLOWED) > 0);

	/* What the service never did: change its content, read beside it, connect elsewhere. */
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, attempt_open, "w/srv/www/index.html"), EACCES);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, attempt_open, "r/srv/secret"), EACCES);
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, attempt_connect_9, NULL), EACCES);
	ASSERT_EQ(profile_counter("web", CTRPOL_COUNTER_DENIED), 3);
	unconfine(&c);
}

TEST(learning_again_from_the_profile_adds_only_what_is_missing)
{
	struct confined c = { "again", "again", 0 };
	char text[8192] = "";
	pid_t learner;
	FILE *f;

	put_file("/etc/group", "root:x:0:\n", 0644);
	put_file("/tmp/first.sh", "set -eu\ncat /etc/passwd >/dev/null\n", 0755);
	put_file("/tmp/second.sh", more, 0755);
	c.id = cgroup_create("again");
	learner = start_learning("again", "/tmp/again.ctp", NULL);
	ASSERT_EQ(run_in("again", AS_CALLER, run_script, "/tmp/first.sh"), 0);
	stop_learning(learner, SIGTERM);
	learner = start_learning("again", "/tmp/again.ctp", "/tmp/again.ctp");
	ASSERT_EQ(run_in("again", AS_CALLER, run_script, "/tmp/first.sh"), 0);
	ASSERT_EQ(run_in("again", AS_CALLER, run_script, "/tmp/second.sh"), 0);
	stop_learning(learner, SIGHUP);
	f = fopen("/tmp/again.ctp", "r");
	ASSERT_TRUE(f && fread(text, 1, sizeof(text) - 1, f) > 0);
	fclose(f);
	/* /etc/passwd once, from the first run; /etc/group in the second's block, after it. */
	ASSERT_TRUE(strstr(text, "/etc/passwd\n") &&
		    !strstr(strstr(text, "/etc/passwd\n") + 1, "/etc/passwd\n"));
	ASSERT_TRUE(strstr(text, "    # Learned by ctrpol learn") != NULL);
	ASSERT_CONTAINS(strstr(text, "    # Learned by ctrpol learn"),
			"allow read                         /etc/group\n");
	load_and_attach("/tmp/again.ctp", "again");
	ASSERT_EQ(run_in("again", AS_CALLER, run_script, "/tmp/second.sh"), 0);
	ASSERT_EQ(profile_counter("again", CTRPOL_COUNTER_DENIED), 0);
	unconfine(&c);
}

TEST(a_cgroup_with_a_profile_is_refused_and_nothing_is_left)
{
	static struct cmd_result r;
	struct confined c;

	confine(&c, "taken", "");
	run_cmd((char *[]){ "ctrpol", "learn", "--cgroup", CGROUP_ROOT "/taken", "-o",
			    "/tmp/taken-learned.ctp", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 1);
	ASSERT_CONTAINS(r.err, "is confined by profile taken already");
	ASSERT_CONTAINS(r.err, "hint: detach it first");
	ASSERT_TRUE(access("/tmp/taken-learned.ctp", F_OK) != 0);
	run_cmd((char *[]){ "ctrpol", "list", NULL }, AS_CALLER, &r);
	ASSERT_TRUE(!strstr(r.out, "learn-"));
	unconfine(&c);
}

TEST(the_duration_ends_learning)
{
	static struct cmd_result r;

	cgroup_create("timed");
	run_cmd((char *[]){ "ctrpol", "learn", "--cgroup", CGROUP_ROOT "/timed", "--duration", "1",
			    "-o", "/tmp/timed.ctp", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_CONTAINS(r.err, "learning: cgroup " CGROUP_ROOT "/timed in complain mode");
	ASSERT_CONTAINS(r.out, "learned 0 rules from 0 events in 1 s: wrote /tmp/timed.ctp");
	run_cmd((char *[]){ "ctrpol", "check", "/tmp/timed.ctp", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/timed"), 0);
}

TEST(a_temporary_profile_left_by_a_killed_run_is_explained)
{
	static struct cmd_result r;
	uint64_t id = cgroup_create("killed");
	char name[64], blob[4096];
	size_t size;

	snprintf(name, sizeof(name), "learn-%llu", (unsigned long long)id);
	size = compile_profile(name, "", blob, sizeof(blob));
	ASSERT_EQ(request_load(blob, size, 0), 0);
	run_cmd((char *[]){ "ctrpol", "learn", "--cgroup", CGROUP_ROOT "/killed", "-o",
			    "/tmp/killed.ctp", NULL }, AS_CALLER, &r);
	ASSERT_EQ(r.status, 1);
	ASSERT_CONTAINS(r.err, "was killed: remove it with ctrpol unload learn-");
	ASSERT_EQ(request_unload(name), 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/killed"), 0);
}
