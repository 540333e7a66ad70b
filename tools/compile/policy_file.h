/* SPDX-License-Identifier: GPL-2.0 */
/* A policy named on the command line: a compiled blob, or a .ctp source compiled on the fly. */
#ifndef CTRPOL_POLICY_FILE_H
#define CTRPOL_POLICY_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/diag.h"
#include "policy.h"

struct policy_file {
	void *blob;
	size_t size;
	struct ctrpol_blob_view view;	/* verified by the kernel's own verifier */
};

/*
 * Load path: a file starting with the blob magic is read and verified,
 * anything else is parsed and compiled.  Returns 0, or -1 after reporting
 * to d (errno-style failures as diagnostics without a location).
 */
int policy_file_load(const char *path, struct diag *d, struct policy_file *pf);
void policy_file_free(struct policy_file *pf);

/*
 * Whether an output may go to path, which is written aside and renamed over:
 * it does not exist, or is a regular file.  Renaming over /dev/null as root
 * would replace the device with a file.
 */
bool output_path_replaceable(const char *path);

/*
 * Write blob to path atomically (a temporary file renamed over it); "-" is
 * stdout; a path that exists and is no regular file is refused.
 */
int blob_write_file(const char *path, const void *blob, size_t size, struct diag *d);

#endif
