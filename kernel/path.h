/* SPDX-License-Identifier: GPL-2.0 */
/* ctrpol LSM - the file rules' answer for a path (path.c). */
#ifndef _SECURITY_CTRPOL_PATH_H
#define _SECURITY_CTRPOL_PATH_H

#include "ctrpol.h"

struct path;

void ctrpol_path_perms(const struct ctrpol_dfa_view *dfa, u32 state, const struct path *path,
		       struct ctrpol_answer *ans);
int ctrpol_file_verdict(struct ctrpol_profile *prof, const struct ctrpol_policy *pol,
			struct ctrpol_request *req, int err);

#endif /* _SECURITY_CTRPOL_PATH_H */
