/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the guest: confine a cgroup with a profile and act from inside it.
 * Profiles are compiled by the guest's ctrpol and loaded over raw netlink,
 * so enforcement tests do not depend on the tool's own load command.
 */
#ifndef CTRPOL_CONFINE_H
#define CTRPOL_CONFINE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct rawgenl_msg;

#define CGROUP_ROOT "/sys/fs/cgroup"

/* A profile attached to a cgroup of its own, both named after the test. */
struct confined {
	char name[64];		/* the profile's */
	char cgroup[128];	/* path under CGROUP_ROOT */
	uint64_t id;		/* the cgroup's */
};

/* Compile "profile NAME { RULES }" with the guest's ctrpol; returns the blob's size. */
size_t compile_profile(const char *name, const char *rules, void *blob, size_t max);

/* Netlink requests as root; each returns 0 or the kernel's negative errno. */
int request_load(const void *blob, size_t size, uint32_t flags);
int request_unload(const char *name);
int request_attach(uint64_t cgid, const char *name);
int request_detach(uint64_t cgid);
/* Pass each reply of the dump cmd (listing what) to fn; fails the test on error. */
void request_dump(uint8_t cmd, const char *what,
		  void (*fn)(const struct rawgenl_msg *reply, void *arg), void *arg);
/* A status counter or count (CTRPOL_A_NPROFILES...): the u32 attribute type. */
uint32_t status_u32(int type);

/* Run the guest's ctrpol as root with up to four arguments; it must succeed. */
void run_ctrpol(const char *a, const char *b, const char *c, const char *d);

/* mkdir CGROUP_ROOT/path; returns its id. */
uint64_t cgroup_create(const char *path);

/* Load "profile NAME { RULES }" and attach it to a new cgroup CGROUP_ROOT/NAME. */
void confine(struct confined *c, const char *name, const char *rules);
/* Undo confine(): detach, remove the cgroup, unload; fails the test on any error. */
void unconfine(struct confined *c);

/* Move the caller into CGROUP_ROOT/cgroup, as a container runtime does: 0 or an errno. */
int enter_cgroup(const char *cgroup);

/*
 * Run op from inside CGROUP_ROOT/cgroup, in a child.  Returns 0 when the
 * operation worked, or the errno it failed with.  Ops on files: read,
 * write, append, exec, mmap_exec, create, mkdir, symlink, unlink, rmdir,
 * rename (a to b), link (a to b), chmod, chown, truncate; and chown_other
 * (chown a to uid 1, which needs CAP_CHOWN); chroot_read (chroot to a,
 * then read b); move_to (move into cgroup a); mprotect_exec (map a readable,
 * then make it executable); escape_read (chroot to a, then read b, outside
 * it, through a directory opened before); pipe_reopen (open a pipe's end
 * again through /proc/self/fd).
 */
int try_in(const char *cgroup, const char *op, const char *a, const char *b);
/* Likewise, but by the caller itself, where it is: no child but exec's. */
int try_here(const char *op, const char *a, const char *b);

/*
 * Run fn(arg) in a child moved into CGROUP_ROOT/cgroup (NULL: stay) and
 * running as uid unless AS_CALLER; returns what fn returned (0..199).
 */
int run_in(const char *cgroup, uid_t uid, int (*fn)(const void *arg), const void *arg);

/*
 * A process parked in CGROUP_ROOT/cgroup (NULL: stay), ignoring SIGUSR1 and
 * SIGUSR2, until killed; returns once it is there.  Its pid.
 */
pid_t park_in(const char *cgroup);

/* A profile's counter (CTRPOL_COUNTER_ALLOWED...), from the profiles dump. */
uint64_t profile_counter(const char *name, int type);
/* Likewise, of one class of operations (CTRPOL_RULE_FILE...). */
uint64_t profile_class_counter(const char *name, int cls, int type);
/* The cgroup ids of the attachments listed, up to max of them; returns how many are. */
size_t attachment_ids(uint64_t *ids, size_t max);

/*
 * Keep the caller, and the children it forks from then on, on that CPU
 * alone: what a task leaves in a per-CPU cache of the kernel is then what
 * the next look finds.  Fails the test if it cannot.
 */
void pin_to_cpu(int cpu);

/*
 * Shell, for a script (a string literal) that started a server: fetch url
 * (a literal) into file (one too) once the server answers, asking every
 * 50 ms for 20 s; past that, the script says what it waited for and fails.
 */
#define SH_FETCH_ONCE_UP(url, file)						\
	"tries=0\n"								\
	"until wget -q -O " file " " url "; do\n"				\
	"    tries=$((tries + 1))\n"						\
	"    if [ $tries = 400 ]; then echo 'nothing answered at " url "' >&2; exit 1; fi\n" \
	"    usleep 50000\n"							\
	"done\n"

/* Write data to path, creating it with mode; fails the test on error. */
void put_file(const char *path, const char *data, int mode);

#endif
