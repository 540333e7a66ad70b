/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The classic ways out of a container that need nothing from outside it:
 * what tests/vm/escape_test.c tries in a confined cgroup and what the node
 * suite's probe (tests/node/escape_probe.c) tries inside a real container.
 */
#ifndef CTRPOL_ESCAPES_H
#define CTRPOL_ESCAPES_H

#include <stddef.h>

struct escape {
	const char *name;
	int (*attempt)(const void *arg);	/* 0 when it worked, else an errno */
	const void *arg;
};

extern const struct escape escapes_alone[];
extern const size_t escapes_alone_count;

#endif
