/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of a container, as an OCI runtime gives it to a hook on stdin
 * (runtime-spec, "State"), parsed with json-c.
 */
#ifndef CTRPOL_OCI_STATE_H
#define CTRPOL_OCI_STATE_H

#include <stddef.h>

/* The annotation that names a container's profile. */
#define OCI_PROFILE_ANNOTATION "io.ctrpol.profile"

/* Larger states are refused: a runtime's is a few hundred bytes. */
#define OCI_STATE_MAX (1 << 20)

struct oci_state {
	char *id;		/* the container's id */
	char *status;		/* "creating", "created", "running", "stopped" */
	int pid;		/* its process, > 0; 0 when the state has none */
	char *profile;		/* the value of OCI_PROFILE_ANNOTATION, or NULL */
};

/*
 * Parse len bytes of text.  Returns 0, or -1 with why (static text) saying
 * what is wrong: not one JSON object, a member of the wrong type, no
 * ociVersion or id, a pid out of range.  Members it does not use are
 * ignored, as the spec asks.
 */
int oci_state_parse(const char *text, size_t len, struct oci_state *st, const char **why);
void oci_state_free(struct oci_state *st);

#endif
