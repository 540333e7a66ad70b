/* SPDX-License-Identifier: GPL-2.0 */
/* The profiles of a directory, as boot-time loading takes them: ctrpol load --dir. */
#ifndef CTRPOL_POLICY_DIR_H
#define CTRPOL_POLICY_DIR_H

#include <stddef.h>

/*
 * Append to the malloc'd array *paths (of *n entries) "dir/name" for each
 * regular file of dir whose name ends in ".ctp" (a policy) or ".ctpb" (a
 * compiled profile) and does not start with '.', in byte order of names.
 * Subdirectories, such as abstractions/ that policies include, are not
 * entered.  Returns 0, or a negative errno (the directory cannot be read,
 * out of memory) with *paths and *n as they were before.
 */
int policy_dir_list(const char *dir, char ***paths, size_t *n);

/* Free what policy_dir_list() appended: every entry, then the array. */
void policy_dir_free(char **paths, size_t n);

#endif
