/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctrpol LSM - declarations shared by the kernel-side files
 */
#ifndef _SECURITY_CTRPOL_CTRPOL_H
#define _SECURITY_CTRPOL_CTRPOL_H

#include <linux/types.h>

/* Set once by the LSM init when ctrpol is in the active LSM list; read-only after boot. */
extern bool ctrpol_enabled;

#endif /* _SECURITY_CTRPOL_CTRPOL_H */
