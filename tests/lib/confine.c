// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"
#include "rawgenl.h"
#include <linux/ctrpol.h>

void put_file(const char *path, const char *data, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, data, strlen(data)) != (ssize_t)strlen(data) || close(fd))
		FAIL("writing %s: %s", path, strerror(errno));
	if (chmod(path, mode))
		FAIL("chmod %s: %s", path, strerror(errno));
}

void pin_to_cpu(int cpu)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one))
		FAIL("cannot pin the test to CPU %d of %ld: %s", cpu, sysconf(_SC_NPROCESSORS_ONLN),
		     strerror(errno));
}

size_t compile_profile(const char *name, const char *rules, void *blob, size_t max)
{
	char src[96], out[96], text[4096];
	struct cmd_result r;
	ssize_t n;
	int fd;

	snprintf(src, sizeof(src), "/tmp/%s.ctp", name);
	snprintf(out, sizeof(out), "/tmp/%s.bin", name);
	snprintf(text, sizeof(text), "profile %s {\n%s\n}\n", name, rules);
	put_file(src, text, 0644);
	run_cmd((char *const[]){ "ctrpol", "compile", src, "-o", out, NULL }, AS_CALLER, &r);
	if (r.status)
		FAIL("ctrpol compile %s: %s", src, r.err);
	fd = open(out, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, blob, max);
	if (n <= 0 || (size_t)n == max)
		FAIL("reading %s: %s", out, n < 0 ? strerror(errno) : "empty or too large");
	close(fd);
	return n;
}

/* Send req (built by add on a started message) and return the ack's error. */
static int request(uint8_t cmd, void (*add)(struct rawgenl_msg *, const void *), const void *arg,
		   struct rawgenl_msg *reply)
{
	static struct rawgenl_msg req;
	int fd = rawgenl_open(), family = rawgenl_family(fd, CTRPOL_GENL_NAME), err;

	if (family < 0)
		FAIL("the ctrpol family does not resolve: %s", strerror(-family));
	rawgenl_start(&req, family, cmd, CTRPOL_GENL_VERSION);
	if (add)
		add(&req, arg);
	err = rawgenl_xfer(fd, &req, req.nlh.nlmsg_len, reply);
	close(fd);
	return err;
}

struct blob_arg {
	const void *blob;
	size_t size;
	uint32_t flags;
};

static void add_blob(struct rawgenl_msg *m, const void *arg)
{
	const struct blob_arg *b = arg;

	rawgenl_put(m, CTRPOL_A_BLOB, b->blob, b->size);
	if (b->flags)
		rawgenl_put(m, CTRPOL_A_FLAGS, &b->flags, sizeof(b->flags));
}

int request_load(const void *blob, size_t size, uint32_t flags)
{
	const struct blob_arg b = { blob, size, flags };

	return request(CTRPOL_CMD_LOAD, add_blob, &b, NULL);
}

static void add_name(struct rawgenl_msg *m, const void *name)
{
	rawgenl_put(m, CTRPOL_A_NAME, name, strlen(name) + 1);
}

int request_unload(const char *name)
{
	return request(CTRPOL_CMD_UNLOAD, add_name, name, NULL);
}

struct attach_arg {
	uint64_t cgid;
	const char *name;
};

static void add_attach(struct rawgenl_msg *m, const void *arg)
{
	const struct attach_arg *a = arg;

	rawgenl_put(m, CTRPOL_A_CGROUP_ID, &a->cgid, sizeof(a->cgid));
	if (a->name)
		add_name(m, a->name);
}

int request_attach(uint64_t cgid, const char *name)
{
	const struct attach_arg a = { cgid, name };

	return request(CTRPOL_CMD_ATTACH, add_attach, &a, NULL);
}

int request_detach(uint64_t cgid)
{
	const struct attach_arg a = { cgid, NULL };

	return request(CTRPOL_CMD_DETACH, add_attach, &a, NULL);
}

uint32_t status_u32(int type)
{
	static struct rawgenl_msg reply;
	const struct nlattr *a;

	ASSERT_EQ(request(CTRPOL_CMD_GET_STATUS, NULL, NULL, &reply), 0);
	a = rawgenl_attr(&reply, type);
	if (!a || a->nla_len != NLA_HDRLEN + sizeof(uint32_t))
		FAIL("status reply without a u32 attribute %d", type);
	return *(const uint32_t *)((const char *)a + NLA_HDRLEN);
}

void run_ctrpol(const char *a, const char *b, const char *c, const char *d)
{
	char *argv[] = { "ctrpol", (char *)a, (char *)b, (char *)c, (char *)d, NULL };
	struct cmd_result r;

	run_cmd(argv, AS_CALLER, &r);
	if (r.status)
		FAIL("ctrpol %s: exit %d: %s", a, r.status, r.err);
}

uint64_t cgroup_create(const char *path)
{
	char full[256];
	struct stat st;

	snprintf(full, sizeof(full), "%s/%s", CGROUP_ROOT, path);
	if (mkdir(full, 0755) && errno != EEXIST)
		FAIL("mkdir %s: %s", full, strerror(errno));
	if (stat(full, &st))
		FAIL("stat %s: %s", full, strerror(errno));
	return st.st_ino;
}

void confine(struct confined *c, const char *name, const char *rules)
{
	static char blob[RAWGENL_BUF - 512];
	size_t size = compile_profile(name, rules, blob, sizeof(blob));
	int err;

	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(c->cgroup, sizeof(c->cgroup), "%s", name);
	c->id = cgroup_create(c->cgroup);
	err = request_load(blob, size, 0);
	if (err)
		FAIL("loading profile %s: %s", name, strerror(-err));
	err = request_attach(c->id, name);
	if (err)
		FAIL("attaching profile %s: %s", name, strerror(-err));
}

void unconfine(struct confined *c)
{
	char full[256];
	int err = request_detach(c->id);

	if (err)
		FAIL("detaching %s: %s", c->cgroup, strerror(-err));
	snprintf(full, sizeof(full), "%s/%s", CGROUP_ROOT, c->cgroup);
	if (rmdir(full))
		FAIL("rmdir %s: %s", full, strerror(errno));
	err = request_unload(c->name);
	if (err)
		FAIL("unloading %s: %s", c->name, strerror(-err));
}

int enter_cgroup(const char *cgroup)
{
	char procs[256];
	int fd;

	snprintf(procs, sizeof(procs), "%s/%s/cgroup.procs", CGROUP_ROOT, cgroup);
	fd = open(procs, O_WRONLY);
	if (fd < 0)
		return errno;
	if (write(fd, "0", 1) != 1) {
		close(fd);
		return errno;
	}
	close(fd);
	return 0;
}

static int run_exec(const char *path)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl(path, "true", (char *)NULL);
		_exit(errno);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return EIO;
	return WEXITSTATUS(status);
}

static int map_exec(const char *path)
{
	int fd = open(path, O_RDONLY);
	void *p;

	if (fd < 0)
		return errno;
	p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return errno;
	munmap(p, 4096);
	return 0;
}

static int open_close(const char *path, int flags)
{
	int fd = open(path, flags, 0644);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int mprotect_exec(const char *path)
{
	int fd = open(path, O_RDONLY), ret = 0;
	void *p;

	if (fd < 0)
		return errno;
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return errno;
	if (mprotect(p, 4096, PROT_READ | PROT_EXEC))
		ret = errno;
	munmap(p, 4096);
	return ret;
}

/* Read file, outside the root dir, through a directory opened before chroot(dir). */
static int escape_read(const char *dir, const char *file)
{
	char parent[256];
	const char *base = strrchr(file, '/') + 1;
	int fd;

	snprintf(parent, sizeof(parent), "%.*s", (int)(base - file), file);
	fd = open(parent, O_PATH | O_DIRECTORY);
	if (fd < 0 || chroot(dir))
		return errno;
	fd = openat(fd, base, O_RDONLY);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* Reopen a pipe's end through /proc: a file with no path in the tree. */
static int pipe_reopen(void)
{
	char path[64];
	int p[2];

	if (pipe(p))
		return errno;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	return open_close(path, O_RDONLY);
}


/* Do op; 0 or the errno it failed with. */
static int do_op(const char *op, const char *a, const char *b)
{
	int ret;

	if (!strcmp(op, "read"))
		return open_close(a, O_RDONLY);
	if (!strcmp(op, "write"))
		return open_close(a, O_WRONLY);
	if (!strcmp(op, "append"))
		return open_close(a, O_WRONLY | O_APPEND);
	if (!strcmp(op, "create"))
		return open_close(a, O_WRONLY | O_CREAT | O_EXCL);
	if (!strcmp(op, "exec"))
		return run_exec(a);
	if (!strcmp(op, "mmap_exec"))
		return map_exec(a);
	if (!strcmp(op, "mprotect_exec"))
		return mprotect_exec(a);
	if (!strcmp(op, "escape_read"))
		return escape_read(a, b);
	if (!strcmp(op, "pipe_reopen"))
		return pipe_reopen();
	if (!strcmp(op, "mkdir"))
		ret = mkdir(a, 0755);
	else if (!strcmp(op, "symlink"))
		ret = symlink(b, a);
	else if (!strcmp(op, "unlink"))
		ret = unlink(a);
	else if (!strcmp(op, "rmdir"))
		ret = rmdir(a);
	else if (!strcmp(op, "rename"))
		ret = rename(a, b);
	else if (!strcmp(op, "link"))
		ret = link(a, b);
	else if (!strcmp(op, "chmod"))
		ret = chmod(a, 0600);
	else if (!strcmp(op, "chown"))
		ret = chown(a, 0, 0);
	else if (!strcmp(op, "chown_other"))
		ret = chown(a, 1, 1);
	else if (!strcmp(op, "truncate"))
		ret = truncate(a, 0);
	else if (!strcmp(op, "chroot_read"))
		return chroot(a) ? errno : open_close(b, O_RDONLY);
	else if (!strcmp(op, "move_to"))
		return enter_cgroup(a);
	else
		return 201;
	return ret ? errno : 0;
}

int run_in(const char *cgroup, uid_t uid, int (*fn)(const void *arg), const void *arg)
{
	int status;
	pid_t pid = fork_child();

	if (pid == 0) {
		if (cgroup && enter_cgroup(cgroup))
			_exit(200);
		if (uid != AS_CALLER)
			become_user(uid);
		_exit(fn(arg));
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		FAIL("the child acting in cgroup %s did not exit", cgroup ? cgroup : "(own)");
	if (WEXITSTATUS(status) == 200)
		FAIL("could not enter cgroup %s", cgroup);
	return WEXITSTATUS(status);
}

struct op {
	const char *op, *a, *b;
};

static int op_fn(const void *arg)
{
	const struct op *o = arg;

	return do_op(o->op, o->a, o->b);
}

int try_here(const char *op, const char *a, const char *b)
{
	int ret = do_op(op, a, b);

	if (ret == 201)
		FAIL("unknown op %s", op);
	return ret;
}

int try_in(const char *cgroup, const char *op, const char *a, const char *b)
{
	const struct op o = { op, a, b };
	int ret = run_in(cgroup, AS_CALLER, op_fn, &o);

	if (ret == 201)
		FAIL("unknown op %s", op);
	return ret;
}

pid_t park_in(const char *cgroup)
{
	int ready[2];
	char c = 0;
	pid_t pid;

	if (pipe(ready))
		FAIL("pipe: %s", strerror(errno));
	pid = fork_child();
	if (pid == 0) {
		signal(SIGUSR1, SIG_IGN);
		signal(SIGUSR2, SIG_IGN);
		if (!cgroup || !enter_cgroup(cgroup))
			c = 1;
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1 || !c)
		FAIL("could not park a process in cgroup %s", cgroup);
	close(ready[0]);
	return pid;
}

struct counter_arg {
	const char *name;
	int cls;
	int type;
	uint64_t value;
	bool found;
};

static void counter_of(const struct rawgenl_msg *reply, void *arg)
{
	struct counter_arg *c = arg;
	const struct nlattr *name = rawgenl_attr(reply, CTRPOL_A_NAME);
	const struct nlattr *nest = rawgenl_attr(reply, CTRPOL_A_COUNTERS), *v;

	if (c->cls) {
		nest = rawgenl_attr(reply, CTRPOL_A_CLASS_COUNTERS);
		nest = nest ? rawgenl_nested(nest, c->cls) : NULL;
	}
	if (!name || strcmp((const char *)name + NLA_HDRLEN, c->name) || !nest)
		return;
	v = rawgenl_nested(nest, c->type);
	if (v && v->nla_len == NLA_HDRLEN + sizeof(uint64_t)) {
		memcpy(&c->value, (const char *)v + NLA_HDRLEN, sizeof(c->value));
		c->found = true;
	}
}

uint64_t profile_counter(const char *name, int type)
{
	return profile_class_counter(name, 0, type);
}

void request_dump(uint8_t cmd, const char *what,
		  void (*fn)(const struct rawgenl_msg *reply, void *arg), void *arg)
{
	static struct rawgenl_msg req;
	int fd = rawgenl_open(), err;

	rawgenl_start(&req, rawgenl_family(fd, CTRPOL_GENL_NAME), cmd, CTRPOL_GENL_VERSION);
	err = rawgenl_dump(fd, &req, fn, arg);
	close(fd);
	if (err)
		FAIL("listing %s: %s", what, strerror(-err));
}

uint64_t profile_class_counter(const char *name, int cls, int type)
{
	struct counter_arg c = { name, cls, type, 0, false };

	request_dump(CTRPOL_CMD_LIST_PROFILES, "profiles", counter_of, &c);
	if (!c.found)
		FAIL("profile %s is not listed with counter %d", name, type);
	return c.value;
}

struct ids_arg {
	uint64_t *ids;
	size_t max, n;
};

static void id_of(const struct rawgenl_msg *reply, void *arg)
{
	const struct nlattr *id = rawgenl_attr(reply, CTRPOL_A_CGROUP_ID);
	struct ids_arg *a = arg;

	if (!id || id->nla_len != NLA_HDRLEN + sizeof(uint64_t))
		FAIL("an attachment listed without its cgroup id");
	if (a->n < a->max)
		memcpy(&a->ids[a->n], (const char *)id + NLA_HDRLEN, sizeof(uint64_t));
	a->n++;
}

size_t attachment_ids(uint64_t *ids, size_t max)
{
	struct ids_arg a = { ids, max, 0 };

	request_dump(CTRPOL_CMD_LIST_ATTACHMENTS, "attachments", id_of, &a);
	return a.n;
}
