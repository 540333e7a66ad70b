// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>

#include "cgroup_target.h"
#include "util/report.h"

int cgroup_target_parse(const char *cmd, const char *usage, const char *operand, int argc,
			char **argv, struct cgroup_ref *ref, bool *on_exec)
{
	static const struct option opts[] = {
		{ "cgroup", required_argument, NULL, 'c' },
		{ "pid", required_argument, NULL, 'p' },
		{ "on-exec", no_argument, NULL, 'e' },
		{ 0 }
	};
	const char *path = NULL, *pid = NULL;
	int c, want = operand ? 1 : 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?' || (c == 'e' && !on_exec))
			return report_usage(cmd, "%s", usage);
		if (c == 'e') {
			*on_exec = true;
			continue;
		}
		if ((c == 'c' && path) || (c == 'p' && pid))
			return report_usage(cmd, "--%s given twice: name one cgroup",
					    c == 'c' ? "cgroup" : "pid");
		if (c == 'c')
			path = optarg;
		else
			pid = optarg;
	}
	if (argc - optind < want)
		return report_usage(cmd, "missing %s\n%s", operand, usage);
	if (argc - optind > want)
		return report_usage(cmd, "unexpected argument '%s'\n%s", argv[optind + want],
				    usage);
	if (path && pid)
		return report_usage(cmd, "give --cgroup or --pid, not both\n%s", usage);
	if (!path && !pid)
		return report_usage(cmd, "which cgroup? give --cgroup PATH or --pid PID\n%s",
				    usage);
	return path ? cgroup_ref_of_path(cmd, path, ref) : cgroup_ref_of_pid(cmd, pid, ref);
}
