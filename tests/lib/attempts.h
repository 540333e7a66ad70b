/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the guest: what a container tries beyond files, one operation each, to
 * be run with run_in() (confine.h).  Each returns 0 when the operation
 * worked, or the errno it failed with.
 */
#ifndef CTRPOL_ATTEMPTS_H
#define CTRPOL_ATTEMPTS_H

#include <sys/types.h>

/* Another task, and for attempt_kill() the signal to send it. */
struct target {
	pid_t pid;
	int sig;
};

int attempt_kill(const void *target);
int attempt_ptrace_attach(const void *target);	/* attached, then detached */
int attempt_read_environ(const void *target);	/* open /proc/PID/environ */

/* Kernel surfaces; their argument is unused. */
int attempt_bpf(const void *unused);		/* create a BPF array map */
int attempt_perf(const void *unused);		/* a software event on itself */
int attempt_userns(const void *unused);		/* unshare(CLONE_NEWUSER) */
int attempt_keyctl(const void *unused);		/* add a key to the process keyring */
int attempt_syslog(const void *unused);		/* the size of the kernel log */
/* init_module() of an image that is no module: allowed, the kernel refuses the image itself. */
int attempt_init_module(const void *unused);
int attempt_open_write(const void *path);	/* opened for writing, nothing written */

#endif
