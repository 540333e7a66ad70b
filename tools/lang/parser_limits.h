/* SPDX-License-Identifier: GPL-2.0 */
/* Bounds of the policy language that are the tool's own (the ABI's are in ctrpol.h). */
#ifndef CTRPOL_PARSER_LIMITS_H
#define CTRPOL_PARSER_LIMITS_H

#define MAX_INCLUDE_DEPTH	16
#define MAX_SOURCE_SIZE		(4U << 20)	/* bytes in one policy file */
#define MAX_VARS		256
#define MAX_FSTYPES		32		/* filesystem types in one mount rule */

#endif
