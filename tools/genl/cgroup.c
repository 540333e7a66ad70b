// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <linux/magic.h>

#include "cgroup.h"
#include "cgroup_text.h"
#include "util/report.h"

#define PROC_TEXT_MAX	(16U << 20)	/* mountinfo of a host with very many mounts */
#define WALK_MAX_DEPTH	64		/* directories open at once while walking */
#define WALK_MAX_DIRS	100000		/* directories read in one walk */

/* The whole of a /proc file (whose size stat() does not tell), NUL-terminated; NULL with errno. */
static char *read_proc_text(const char *path)
{
	size_t len = 0, cap = 4096;
	char *text = malloc(cap), *bigger;
	int fd = open(path, O_RDONLY | O_CLOEXEC), saved;
	ssize_t n = 1;

	while (fd >= 0 && text && n > 0) {
		if (len + 1 == cap) {
			bigger = cap < PROC_TEXT_MAX ? realloc(text, cap * 2) : NULL;
			if (!bigger) {
				errno = cap < PROC_TEXT_MAX ? ENOMEM : EFBIG;
				break;
			}
			text = bigger;
			cap *= 2;
		}
		n = read(fd, text + len, cap - len - 1);
		if (n > 0)
			len += n;
	}
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (fd < 0 || !text || n != 0) {
		free(text);
		errno = text ? saved : ENOMEM;
		return NULL;
	}
	text[len] = '\0';
	return text;
}

int cgroup2_mount_dir(char *dir, size_t size)
{
	char *mountinfo = read_proc_text("/proc/self/mountinfo");
	int err;

	if (!mountinfo)
		return -errno;
	err = cgroup_mountinfo_dir(mountinfo, "/", dir, size);
	free(mountinfo);
	return err;
}

int cgroup_hierarchy_path(const char *dir, char *path, size_t size)
{
	char real[PATH_MAX], *mountinfo;
	int err;

	if (!realpath(dir, real))
		return -errno;
	mountinfo = read_proc_text("/proc/self/mountinfo");
	if (!mountinfo)
		return -errno;
	err = cgroup_mountinfo_path(mountinfo, real, path, size);
	free(mountinfo);
	return err;
}

/* "  hint: ..." saying where cgroup v2 directories are on this host. */
static const char *where_hint(char *buf, size_t size)
{
	char dir[PATH_MAX];

	if (cgroup2_mount_dir(dir, sizeof(dir)))
		snprintf(buf, size, "  hint: this host has no cgroup2 mount; mount one with "
			 "'mount -t cgroup2 none /sys/fs/cgroup'");
	else
		snprintf(buf, size, "  hint: name a cgroup v2 directory: cgroup2 is mounted on %s "
			 "here", dir);
	return buf;
}

int cgroup_ref_of_path(const char *cmd, const char *path, struct cgroup_ref *ref)
{
	char hint[PATH_MAX + 100];
	struct statfs sfs;
	struct stat st;

	if (strlen(path) >= sizeof(ref->dir))
		return report_usage(cmd, "the cgroup path '%.64s...' is too long", path);
	if (statfs(path, &sfs) || stat(path, &st))
		return report_usage(cmd, "cannot use '%s' as a cgroup: %s\n%s", path,
				    strerror(errno), where_hint(hint, sizeof(hint)));
	if (sfs.f_type == CGROUP_SUPER_MAGIC)
		return report_usage(cmd, "'%s' is in a cgroup v1 hierarchy: ctrpol confines cgroup "
				    "v2 cgroups only\n%s", path, where_hint(hint, sizeof(hint)));
	if (sfs.f_type != CGROUP2_SUPER_MAGIC)
		return report_usage(cmd, "'%s' is not a cgroup: it is not in a cgroup2 "
				    "filesystem\n%s", path, where_hint(hint, sizeof(hint)));
	if (!S_ISDIR(st.st_mode))
		return report_usage(cmd, "'%s' is a file of a cgroup, not a cgroup\n"
				    "  hint: name the cgroup's directory", path);
	strcpy(ref->dir, path);
	ref->id = st.st_ino;
	return 0;
}

/* The cgroup v2 path of process pid, relative to the root of the hierarchy. */
static int proc_cgroup_path(const char *cmd, long pid, char *path, size_t size)
{
	char file[64], *text;
	int err;

	snprintf(file, sizeof(file), "/proc/%ld/cgroup", pid);
	text = read_proc_text(file);
	if (!text && errno == ENOENT)
		return report_usage(cmd, "no process has pid %ld\n"
				    "  hint: is it still running? ps -p %ld shows it", pid, pid);
	if (!text)
		return report_usage(cmd, "cannot read %s: %s", file, strerror(errno));
	err = cgroup_proc_v2_path(text, path, size);
	free(text);
	switch (err) {
	case 0:
		return 0;
	case -ENOENT:
		return report_usage(cmd, "process %ld is in no cgroup v2 hierarchy (%s has no "
				    "'0::' line)\n  hint: ctrpol needs cgroup v2: boot with "
				    "systemd.unified_cgroup_hierarchy=1, or mount cgroup2",
				    pid, file);
	case -EXDEV:
		return report_usage(cmd, "the cgroup of process %ld is outside this cgroup "
				    "namespace\n  hint: run ctrpol in the host's cgroup namespace",
				    pid);
	case -ENAMETOOLONG:
		return report_usage(cmd, "the cgroup path of process %ld is too long", pid);
	default:
		return report_usage(cmd, "cannot tell the cgroup of process %ld: %s is ambiguous "
				    "(a cgroup name holds a newline)\n  hint: name the cgroup with "
				    "--cgroup PATH", pid, file);
	}
}

int cgroup_ref_of_pid(const char *cmd, const char *pid, struct cgroup_ref *ref)
{
	char path[PATH_MAX], dir[PATH_MAX], *end, *mountinfo;
	long n;
	int err;

	errno = 0;
	n = strtol(pid, &end, 10);
	if (!*pid || *end || errno || n <= 0 || n > INT_MAX)
		return report_usage(cmd, "'%s' is not a process id: give a positive decimal number",
				    pid);
	err = proc_cgroup_path(cmd, n, path, sizeof(path));
	if (err)
		return err;
	mountinfo = read_proc_text("/proc/self/mountinfo");
	err = mountinfo ? cgroup_mountinfo_dir(mountinfo, path, dir, sizeof(dir)) : -errno;
	free(mountinfo);
	if (err)
		return report_usage(cmd, "process %ld is in cgroup %s, which no cgroup2 mount "
				    "here shows\n  hint: mount cgroup2: "
				    "mount -t cgroup2 none /sys/fs/cgroup", n, path);
	return cgroup_ref_of_path(cmd, dir, ref);
}

/* A bounded walk of a cgroup2 tree looking for the directories of some ids. */
struct walk {
	const uint64_t *ids;
	char **paths;
	size_t n, found;
	dev_t dev;		/* of the cgroup2 mount: other mounts below it are not walked */
	unsigned long budget;	/* directories left to read */
	char path[PATH_MAX];
};

static void note(struct walk *w, uint64_t ino)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->ids[i] == ino && !w->paths[i]) {
			w->paths[i] = strdup(w->path);
			w->found += w->paths[i] != NULL;
		}
}

/* Walk the directory open at fd (closed here), whose path is w->path. */
static void walk_dir(struct walk *w, int fd, unsigned int depth)
{
	size_t len = strlen(w->path);
	DIR *d = fdopendir(fd);
	struct dirent *e;
	struct stat st;
	int sub;

	if (!d) {
		close(fd);
		return;
	}
	while (w->found < w->n && w->budget && (e = readdir(d))) {
		if (e->d_type != DT_DIR || !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		w->budget--;
		if (snprintf(w->path + len, sizeof(w->path) - len, "/%s", e->d_name) >=
		    (int)(sizeof(w->path) - len))
			continue;
		/* In cgroupfs, d_ino is the cgroup id, as st_ino is. */
		note(w, e->d_ino);
		if (depth >= WALK_MAX_DEPTH)
			continue;
		sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0 && !fstat(sub, &st) && st.st_dev == w->dev)
			walk_dir(w, sub, depth + 1);
		else if (sub >= 0)
			close(sub);
	}
	w->path[len] = '\0';
	closedir(d);
}

void cgroup_find_ids(const char *root, const uint64_t *ids, char **paths, size_t n)
{
	struct walk w = { .ids = ids, .paths = paths, .n = n, .budget = WALK_MAX_DIRS };
	struct stat st;
	size_t i;
	int fd;

	for (i = 0; i < n; i++)
		paths[i] = NULL;
	if (strlen(root) >= sizeof(w.path))
		return;
	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st)) {
		close(fd);
		return;
	}
	strcpy(w.path, root);
	w.dev = st.st_dev;
	note(&w, st.st_ino);
	/* "/" as the mount point: children are "/name", not "//name". */
	if (!strcmp(w.path, "/"))
		w.path[0] = '\0';
	walk_dir(&w, fd, 0);
}
