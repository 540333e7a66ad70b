/* SPDX-License-Identifier: GPL-2.0 */
/* Reading the provenance section of a verified blob. */
#ifndef CTRPOL_PROVENANCE_H
#define CTRPOL_PROVENANCE_H

#include <stddef.h>

#include "policy.h"

/* The number of rules recorded in view (0 without a provenance section). */
size_t provenance_count(const struct ctrpol_blob_view *view);
/* Rule i (< provenance_count) and its strings; the verifier proved them in bounds. */
const struct ctrpol_rule_origin *provenance_rule(const struct ctrpol_blob_view *view, size_t i,
						 const char **target, const char **file);

#endif
