/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The glob `ctrpol learn` writes for a path the workload used: the path
 * itself, but for the parts a user would write as a pattern because they
 * change from run to run.  Nothing else is generalised: siblings stay
 * apart, so learning /etc/passwd never allows /etc/shadow.
 */
#ifndef CTRPOL_LEARN_PATHS_H
#define CTRPOL_LEARN_PATHS_H

#include "path_glob.h"

/*
 * Into g, path with:
 *   - a file below /tmp, /var/tmp or /dev/shm: that directory/ **
 *     (temporary names are random);
 *   - /proc/PID, /proc/PID/task/TID, and descriptor numbers under
 *     /proc/PID/fd and /proc/PID/fdinfo: [0-9]* for each number;
 *   - a versioned shared library (libc.so.6, libfoo-1.2.so,
 *     libstdc++.so.6.0.30): [0-9]* for the version (libc.so.[0-9]*).
 * Returns NULL, or why the path cannot be written in a rule (static).
 */
const char *learn_path_glob(const char *path, struct path_glob *g);

#endif
