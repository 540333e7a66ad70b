// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: loading, replacing, attaching and detaching profiles over
 * raw netlink, who may do it, and that a confined task cannot get out.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"
#include "rawgenl.h"
#include <linux/ctrpol.h>

#define NOBODY 65534

static size_t blob_of(const char *name, const char *rules, void *blob, size_t max)
{
	return compile_profile(name, rules, blob, max);
}

TEST(a_bad_blob_is_refused_and_changes_nothing)
{
	static char blob[4096];
	size_t size = blob_of("bad", "allow read /x", blob, sizeof(blob));
	uint32_t before = status_u32(CTRPOL_A_NPROFILES);

	blob[size - 1] ^= 1;	/* the checksum no longer holds */
	ASSERT_EQ(request_load(blob, size, 0), -EINVAL);
	ASSERT_EQ(request_load("CTPL", 4, 0), -EINVAL);
	ASSERT_EQ(status_u32(CTRPOL_A_NPROFILES), before);
	ASSERT_EQ(request_unload("bad"), -ENOENT);
}

TEST(loading_a_loaded_name_needs_replace)
{
	static char blob[4096];
	size_t size = blob_of("twice", "allow read /x", blob, sizeof(blob));

	ASSERT_EQ(request_load(blob, size, 0), 0);
	ASSERT_EQ(request_load(blob, size, 0), -EEXIST);
	ASSERT_EQ(request_load(blob, size, CTRPOL_LOAD_REPLACE), 0);
	ASSERT_EQ(request_unload("twice"), 0);
	ASSERT_EQ(request_unload("twice"), -ENOENT);
}

/* Blobs back to back, as one load: their sizes in *size. */
static char *set_of(size_t *size, const char **names, const char **rules, int n)
{
	static char set[4 * 4096];
	int i;

	for (*size = 0, i = 0; i < n; i++)
		*size += blob_of(names[i], rules[i], set + *size, sizeof(set) - *size);
	return set;
}

/* A load of several profiles changes all of them, or nothing, whichever blob is refused. */
TEST(a_load_of_several_profiles_is_taken_whole_or_refused_whole)
{
	const char *rules[] = { "allow read,write /tmp/whole", "allow read /x", "allow read /y" };
	const char *damaged[] = { "whole", "whole-new", "whole-bad" };
	const char *twice[] = { "whole", "whole-new", "whole-new" };
	const char *taken[] = { "whole-new", "whole" };
	uint32_t before;
	struct confined c;
	size_t size;
	char *set;

	put_file("/tmp/whole", "w", 0666);
	confine(&c, "whole", "allow read /tmp/whole");
	before = status_u32(CTRPOL_A_NPROFILES);
	/* A replacement and a new profile, refused with a damaged third blob... */
	set = set_of(&size, damaged, rules, 3);
	set[size - 1] ^= 1;
	ASSERT_EQ(request_load(set, size, CTRPOL_LOAD_REPLACE), -EINVAL);
	/* ...with a name given twice... */
	set = set_of(&size, twice, rules, 3);
	ASSERT_EQ(request_load(set, size, CTRPOL_LOAD_REPLACE), -EINVAL);
	/* ...with bytes after them too few for a blob... */
	set = set_of(&size, damaged, rules, 2);
	ASSERT_EQ(request_load(set, size + 8, CTRPOL_LOAD_REPLACE), -EINVAL);
	/* ...and a loaded name without CTRPOL_LOAD_REPLACE, after a new one. */
	set = set_of(&size, taken, rules + 1, 2);
	ASSERT_EQ(request_load(set, size, 0), -EEXIST);
	ASSERT_EQ(status_u32(CTRPOL_A_NPROFILES), before);
	ASSERT_EQ(request_unload("whole-new"), -ENOENT);
	ASSERT_EQ(try_in(c.cgroup, "write", "/tmp/whole", NULL), EACCES);
	/* The set whole: both, at once. */
	set = set_of(&size, damaged, rules, 2);
	ASSERT_EQ(request_load(set, size, CTRPOL_LOAD_REPLACE), 0);
	ASSERT_EQ(status_u32(CTRPOL_A_NPROFILES), before + 1);
	ASSERT_EQ(try_in(c.cgroup, "write", "/tmp/whole", NULL), 0);
	ASSERT_EQ(request_unload("whole-new"), 0);
	unconfine(&c);
}

TEST(replacing_a_profile_applies_to_its_running_cgroups)
{
	static char blob[4096];
	struct confined c;
	size_t size;

	put_file("/tmp/repl", "r", 0666);
	confine(&c, "repl", "allow read /tmp/repl");
	ASSERT_EQ(try_in(c.cgroup, "write", "/tmp/repl", NULL), EACCES);
	size = blob_of("repl", "allow read,write /tmp/repl", blob, sizeof(blob));
	ASSERT_EQ(request_load(blob, size, CTRPOL_LOAD_REPLACE), 0);
	ASSERT_EQ(try_in(c.cgroup, "write", "/tmp/repl", NULL), 0);
	unconfine(&c);
}

TEST(attach_refuses_what_it_cannot_confine)
{
	static char blob[4096];
	size_t size = blob_of("att", "allow read /x", blob, sizeof(blob));
	uint64_t id = cgroup_create("att");

	ASSERT_EQ(request_attach(id, "no-such-profile"), -ENOENT);
	ASSERT_EQ(request_load(blob, size, 0), 0);
	ASSERT_EQ(request_attach(0xdead0000beefULL, "att"), -ENOENT);
	ASSERT_EQ(request_attach(cgroup_create("."), "att"), -EINVAL);
	ASSERT_EQ(request_attach(id, "att"), 0);
	ASSERT_EQ(request_attach(id, "att"), -EEXIST);
	ASSERT_EQ(request_unload("att"), -EBUSY);
	ASSERT_EQ(request_detach(id), 0);
	ASSERT_EQ(request_detach(id), -ENOENT);
	ASSERT_EQ(request_unload("att"), 0);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/att"), 0);
}

TEST(removing_a_cgroup_drops_its_attachment)
{
	struct confined c;
	uint32_t before = status_u32(CTRPOL_A_NATTACHMENTS);

	confine(&c, "gone", "allow read /x");
	ASSERT_EQ(status_u32(CTRPOL_A_NATTACHMENTS), before + 1);
	ASSERT_EQ(rmdir(CGROUP_ROOT "/gone"), 0);
	ASSERT_EQ(status_u32(CTRPOL_A_NATTACHMENTS), before);
	ASSERT_EQ(request_detach(c.id), -ENOENT);
	ASSERT_EQ(request_unload("gone"), 0);
}

/* Every policy change, each expected to fail with EPERM; returns 0 or the first surprise. */
static int try_every_change(const void *arg)
{
	const struct confined *c = arg;
	static char blob[64] = "CTPL";

	if (request_load(blob, sizeof(blob), 0) != -EPERM)
		return 1;
	if (request_unload(c->name) != -EPERM)
		return 2;
	if (request_attach(c->id, c->name) != -EPERM)
		return 3;
	if (request_detach(c->id) != -EPERM)
		return 4;
	return 0;
}

TEST(policy_changes_need_privilege_and_an_unconfined_caller)
{
	struct confined c;

	/* Netlink allowed, so that what refuses the changes is the privilege check. */
	confine(&c, "priv", "allow read /x\nallow net create,send netlink generic");
	ASSERT_EQ(run_in(NULL, NOBODY, try_every_change, &c), 0);
	/* Root inside the container, all capabilities included, is refused too. */
	ASSERT_EQ(run_in(c.cgroup, AS_CALLER, try_every_change, &c), 0);
	unconfine(&c);
}

/* CAP_MAC_ADMIN gone for good: from the bounding set too, or an exec as root would bring it back. */
static void drop_mac_admin(void)
{
	struct __user_cap_header_struct head = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];
	unsigned int word = CAP_MAC_ADMIN / 32, bit = 1U << (CAP_MAC_ADMIN % 32);

	if (prctl(PR_CAPBSET_DROP, CAP_MAC_ADMIN, 0, 0, 0) ||
	    syscall(SYS_capget, &head, data))
		FAIL("dropping CAP_MAC_ADMIN: %s", strerror(errno));
	data[word].effective &= ~bit;
	data[word].permitted &= ~bit;
	data[word].inheritable &= ~bit;
	if (syscall(SYS_capset, &head, data))
		FAIL("capset without CAP_MAC_ADMIN: %s", strerror(errno));
}

/* Root with every capability but CAP_MAC_ADMIN: it reads the state, and changes nothing. */
static int without_mac_admin(const void *arg)
{
	char *load[] = { "ctrpol", "load", "/etc/ctrpol/policies/offline.ctp", NULL };
	struct cmd_result res;
	int surprise;

	drop_mac_admin();
	surprise = try_every_change(arg);
	if (surprise)
		return surprise;
	status_u32(CTRPOL_A_NPROFILES);
	run_cmd(load, AS_CALLER, &res);
	if (res.status != 4 || !strstr(res.err, "CAP_MAC_ADMIN")) {
		printf("# ctrpol load without CAP_MAC_ADMIN: exit %d, stderr: %s\n", res.status,
		       res.err);
		return 10;
	}
	return 0;
}

TEST(policy_changes_need_cap_mac_admin_besides_cap_net_admin)
{
	struct confined c;

	confine(&c, "macadmin", "allow read /x");
	ASSERT_EQ(run_in(NULL, AS_CALLER, without_mac_admin, &c), 0);
	/* The control: the same root, CAP_MAC_ADMIN kept, changes policy. */
	ASSERT_EQ(request_detach(c.id), 0);
	ASSERT_EQ(request_attach(c.id, c.name), 0);
	unconfine(&c);
}

TEST(a_confined_task_cannot_leave_its_subtree)
{
	struct confined c;

	/* The file rules let it write any cgroup file: the subtree is what stops it. */
	confine(&c, "stay", "allow write /sys/fs/cgroup/**");
	cgroup_create("stay/inner");
	cgroup_create("stay-out");
	ASSERT_EQ(try_in(c.cgroup, "move_to", ".", NULL), EACCES);
	ASSERT_EQ(try_in(c.cgroup, "move_to", "stay-out", NULL), EACCES);
	ASSERT_EQ(try_in(c.cgroup, "move_to", "stay/inner", NULL), 0);
	ASSERT_EQ(try_in("stay/inner", "move_to", "stay", NULL), 0);
	/* Unconfined, the same moves work. */
	ASSERT_EQ(try_in(NULL, "move_to", "stay-out", NULL), 0);
	rmdir(CGROUP_ROOT "/stay/inner");
	rmdir(CGROUP_ROOT "/stay-out");
	unconfine(&c);
}

TEST(complain_mode_allows_and_counts)
{
	struct confined c;
	uint64_t before;

	put_file("/tmp/complain", "c", 0666);
	confine(&c, "complain", "mode complain\nallow read /tmp/complain");
	before = profile_counter("complain", CTRPOL_COUNTER_COMPLAINED);
	ASSERT_EQ(try_in(c.cgroup, "write", "/tmp/complain", NULL), 0);
	ASSERT_TRUE(profile_counter("complain", CTRPOL_COUNTER_COMPLAINED) > before);
	ASSERT_EQ(profile_counter("complain", CTRPOL_COUNTER_DENIED), 0);
	unconfine(&c);
}

TEST(enforce_mode_counts_denials)
{
	struct confined c;

	put_file("/tmp/enforce", "e", 0666);
	confine(&c, "enforce", "allow read /tmp/enforce");
	ASSERT_EQ(try_in(c.cgroup, "read", "/tmp/enforce", NULL), 0);
	ASSERT_EQ(try_in(c.cgroup, "write", "/tmp/enforce", NULL), EACCES);
	ASSERT_TRUE(profile_counter("enforce", CTRPOL_COUNTER_DENIED) >= 1);
	ASSERT_TRUE(profile_counter("enforce", CTRPOL_COUNTER_ALLOWED) >= 1);
	unconfine(&c);
}

TEST(capabilities_are_narrowed_to_the_profile)
{
	struct confined with, without;

	put_file("/tmp/cap-with", "c", 0666);
	put_file("/tmp/cap-without", "c", 0666);
	confine(&with, "capwith", "allow setattr /tmp/cap-with\nallow cap chown");
	confine(&without, "capwithout", "allow setattr /tmp/cap-without");
	ASSERT_EQ(try_in(with.cgroup, "chown_other", "/tmp/cap-with", NULL), 0);
	ASSERT_EQ(try_in(without.cgroup, "chown_other", "/tmp/cap-without", NULL), EPERM);
	ASSERT_EQ(try_in(NULL, "chown_other", "/tmp/cap-without", NULL), 0);
	unconfine(&with);
	unconfine(&without);
}

/* Opens in a loop from inside the cgroup: each must work or be refused, nothing else. */
static int open_loop(const void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 3000; i++) {
		int fd = open("/tmp/churn", O_RDWR);

		if (fd >= 0)
			close(fd);
		else if (errno != EACCES)
			return 1;
	}
	return 0;
}

TEST(replacing_while_a_workload_runs_is_safe)
{
	static char blobs[2][4096];
	size_t sizes[2];
	struct confined c;
	int i, status;
	pid_t pid;

	put_file("/tmp/churn", "c", 0666);
	confine(&c, "churn", "allow read /tmp/churn");
	sizes[0] = blob_of("churn", "allow read /tmp/churn", blobs[0], sizeof(blobs[0]));
	sizes[1] = blob_of("churn", "allow read,write /tmp/churn", blobs[1], sizeof(blobs[1]));
	pid = fork();
	if (pid == 0)
		_exit(run_in(c.cgroup, AS_CALLER, open_loop, NULL));
	for (i = 0; i < 200; i++)
		ASSERT_EQ(request_load(blobs[i % 2], sizes[i % 2], CTRPOL_LOAD_REPLACE), 0);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	unconfine(&c);
}
