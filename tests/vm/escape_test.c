// SPDX-License-Identifier: GPL-2.0
/*
 * In the guest: the escape suite.  Root in a cgroup confined by the shipped
 * default container profile (policies/container-default.ctp) tries each
 * classic way out of a container; each must fail there and work for
 * unconfined root, so that a failure is the profile's doing, not the test's.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attempts.h"
#include "confine.h"
#include "escapes.h"
#include "harness.h"

#define POLICY "/etc/ctrpol/policies/container-default.ctp"

/* Outside the container: a host process, and one of another container. */
static struct target host = { .sig = SIGUSR1 }, other;

/* Those that need something outside the container, beside escapes_alone. */
static const struct escape escapes_out[] = {
	{ "write a cgroup v1 release_agent", attempt_open_write, "/tmp/esc-cg1/release_agent" },
	{ "signal a host process", attempt_kill, &host },
	{ "ptrace a host process", attempt_ptrace_attach, &host },
	{ "read another container's /proc/PID/environ", attempt_read_environ, &other },
};

/* The escape worked confined, or failed unconfined: say which. */
static bool escape_wrong(const struct escape *e)
{
	int confined = run_in("escape", AS_CALLER, e->attempt, e->arg);
	int unconfined = run_in(NULL, AS_CALLER, e->attempt, e->arg);

	if (confined && !unconfined)
		return false;
	printf("# %s: confined %s, unconfined %s\n", e->name,
	       confined ? strerror(confined) : "WORKED", unconfined ? strerror(unconfined) : "works");
	return true;
}

TEST(every_escape_fails_under_the_default_container_profile)
{
	unsigned int failed = 0;
	size_t i;

	mkdir("/tmp/esc-cg1", 0755);
	if (mount("cgroup", "/tmp/esc-cg1", "cgroup", 0, "none,name=escape"))
		FAIL("mounting a cgroup v1 hierarchy: %s", strerror(errno));
	cgroup_create("escape");
	cgroup_create("escape-other");
	run_ctrpol("load", POLICY, NULL, NULL);
	run_ctrpol("attach", "container-default", "--cgroup", CGROUP_ROOT "/escape");
	host.pid = park_in(NULL);
	other.pid = park_in("escape-other");
	run_ctrpol("attach", "container-default", "--cgroup", CGROUP_ROOT "/escape-other");
	for (i = 0; i < escapes_alone_count; i++)
		failed += escape_wrong(&escapes_alone[i]);
	for (i = 0; i < sizeof(escapes_out) / sizeof(escapes_out[0]); i++)
		failed += escape_wrong(&escapes_out[i]);
	kill(host.pid, SIGKILL);
	kill(other.pid, SIGKILL);
	waitpid(host.pid, NULL, 0);
	waitpid(other.pid, NULL, 0);
	run_ctrpol("detach", "--cgroup", CGROUP_ROOT "/escape", NULL);
	run_ctrpol("detach", "--cgroup", CGROUP_ROOT "/escape-other", NULL);
	run_ctrpol("unload", "container-default", NULL, NULL);
	umount2("/tmp/esc-cg1", MNT_DETACH);
	if (failed)
		FAIL("%u of %zu escapes are not stopped as they should be", failed,
		     escapes_alone_count + sizeof(escapes_out) / sizeof(escapes_out[0]));
}
