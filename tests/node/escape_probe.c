// SPDX-License-Identifier: GPL-2.0
/*
 * Inside a container of the node suite: each classic escape that needs
 * nothing outside the container (tests/lib/escapes.c), one line each,
 * "worked NAME" or "refused NAME: ERROR", for node_test.c on the host to
 * judge.  Before the escapes, what the container was given: its cgroup, its
 * capabilities and seccomp mode, its AppArmor label.  With "hold", it then
 * waits for SIGTERM, so that the container runs until stopped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escapes.h"

/* The lines of file that start with one of prefixes, each after "given ". */
static void given(const char *file, const char *const *prefixes)
{
	char line[4096];
	FILE *f = fopen(file, "r");

	while (f && fgets(line, sizeof(line), f))
		for (const char *const *p = prefixes; *p; p++)
			if (!strncmp(line, *p, strlen(*p)))
				printf("given %s", line);
	if (f)
		fclose(f);
}

/* Each escape in a child of its own: one that works (a user namespace) must not change the next. */
static int attempt(const struct escape *e)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return errno;
	if (!pid)
		_exit(e->attempt(e->arg));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return ECHILD;
	return WEXITSTATUS(status);
}

static void stop(int sig)
{
	(void)sig;
	_exit(0);
}

int main(int argc, char **argv)
{
	static const char *const any[] = { "", NULL };
	static const char *const status[] = { "CapEff:", "CapBnd:", "Seccomp:", "NoNewPrivs:", NULL };
	size_t i;

	given("/proc/self/cgroup", any);
	given("/proc/self/status", status);
	given("/proc/self/attr/current", any);
	for (i = 0; i < escapes_alone_count; i++) {
		int err = attempt(&escapes_alone[i]);

		if (err)
			printf("refused %s: %s\n", escapes_alone[i].name, strerror(err));
		else
			printf("worked %s\n", escapes_alone[i].name);
	}
	fflush(stdout);
	if (argc > 1 && !strcmp(argv[1], "hold")) {
		signal(SIGTERM, stop);
		for (;;)
			pause();
	}
	return 0;
}
