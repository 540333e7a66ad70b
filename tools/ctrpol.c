// SPDX-License-Identifier: GPL-2.0
/* ctrpol: the user-space side of the ctrpol LSM.  Dispatches to one subcommand. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/ctrpol.h>

#include "cmd/commands.h"
#include "release.h"
#include "util/exit_codes.h"
#include "util/report.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "attach", cmd_attach, "confine a cgroup v2 with a loaded profile" },
	{ "check", cmd_check, "check policies: syntax, lints, a trial compile" },
	{ "compile", cmd_compile, "compile a policy: ctrpol compile FILE -o OUT" },
	{ "detach", cmd_detach, "stop confining a cgroup with its profile" },
	{ "dump", cmd_dump, "show what a compiled profile holds" },
	{ "explain", cmd_explain, "the verdict on an operation, and the rules that decide it" },
	{ "learn", cmd_learn, "learn a profile from what a cgroup's workload does" },
	{ "list", cmd_list, "profiles loaded, their counters, and the cgroups they confine" },
	{ "load", cmd_load, "load (or --replace) profiles: policies or compiled ones" },
	{ "monitor", cmd_monitor, "the LSM's events as they happen: denials, complaints, audits" },
	{ "oci-hook", cmd_oci_hook, "OCI runtime hook: confine a container by its annotation" },
	{ "status", cmd_status, "is the LSM active; its counters since boot" },
	{ "unload", cmd_unload, "remove loaded profiles that confine no cgroup" },
	{ "version", cmd_version, "release and ABI of this tool and of the running LSM" },
};

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: ctrpol COMMAND [ARGS]\n"
		     "       ctrpol --help | --version\n\n"
		     "Commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nExit status:\n"
		     "  %d  success\n"
		     "  %d  the kernel refused the request, or the operation failed\n"
		     "  %d  bad command line\n"
		     "  %d  the running kernel has no active ctrpol LSM\n"
		     "  %d  permission denied: a capability is missing\n"
		     "  %d  the policy has errors (or warnings, with check --werror)\n"
		     "  %d  internal error: a bug in ctrpol, to report (learn keeps its output)\n"
		     "ctrpol explain exits 0 when the operation is allowed, 1 when denied;\n"
		     "ctrpol monitor exits 0 when a signal or --duration stops it.\n\n"
		     "Querying the LSM needs CAP_NET_ADMIN; changing its policy (load, unload,\n"
		     "attach, detach, learn) needs CAP_MAC_ADMIN too. See ctrpol(8).\n",
		CTRPOL_EXIT_OK, CTRPOL_EXIT_FAILED, CTRPOL_EXIT_USAGE,
		CTRPOL_EXIT_NO_LSM, CTRPOL_EXIT_PERM, CTRPOL_EXIT_POLICY, CTRPOL_EXIT_INTERNAL);
}

/*
 * Commands print with stdio and leave each call unchecked: whether all of
 * it reached stdout (not a full disk, say) is known here, once; a command
 * that succeeded then fails.
 */
static int output_written(const char *cmd, int ret)
{
	int err = fflush(stdout) ? errno : ferror(stdout) ? EIO : 0;

	if (!err)
		return ret;
	fprintf(stderr, "ctrpol %s: cannot write the output: %s\n", cmd, strerror(err));
	return ret == CTRPOL_EXIT_OK ? CTRPOL_EXIT_FAILED : ret;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return CTRPOL_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return output_written(argv[1], CTRPOL_EXIT_OK);
	}
	if (!strcmp(argv[1], "--version")) {
		printf("ctrpol %s (ABI %d)\n", CTRPOL_RELEASE, CTRPOL_ABI_VERSION);
		return output_written(argv[1], CTRPOL_EXIT_OK);
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return output_written(argv[1], commands[i].run(argc - 1, argv + 1));
	return report_usage(argv[1], "unknown command");
}
