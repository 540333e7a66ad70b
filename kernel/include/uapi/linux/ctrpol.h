/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ctrpol: the one contract between the ctrpol LSM and its user-space tool.
 *
 * Everything that crosses the kernel boundary is defined here and nowhere
 * else: the generic netlink family, its commands and attributes.  The kernel
 * and the tool include this same file.  Any incompatible change bumps
 * CTRPOL_ABI_VERSION; attributes are only ever added, never renumbered.
 * See docs/abi.md.
 */
#ifndef _UAPI_LINUX_CTRPOL_H
#define _UAPI_LINUX_CTRPOL_H

#include <linux/types.h>

#define CTRPOL_ABI_VERSION	1

/*
 * Our id in lsm_list_modules(2) and lsm_get_self_attr(2).  1-99 are reserved
 * by the kernel and 100-113 taken in 6.12: far above them, so ids new kernels
 * hand out do not collide.  scripts/kernel-integrate.sh copies it into the
 * tree's <uapi/linux/lsm.h> as LSM_ID_CTRPOL.
 */
#define CTRPOL_LSM_ID		190

/* Generic netlink family; reachable from the initial network namespace only. */
#define CTRPOL_GENL_NAME	"ctrpol"
#define CTRPOL_GENL_VERSION	CTRPOL_ABI_VERSION

/**
 * enum ctrpol_cmd - generic netlink commands
 * @CTRPOL_CMD_UNSPEC: reserved, never valid
 * @CTRPOL_CMD_GET_STATUS: request takes no attribute; the reply carries
 *	%CTRPOL_A_VERSION, %CTRPOL_A_ABI_VERSION and %CTRPOL_A_COUNTERS.
 *	Needs CAP_NET_ADMIN in the initial user namespace.
 */
enum ctrpol_cmd {
	CTRPOL_CMD_UNSPEC,
	CTRPOL_CMD_GET_STATUS,

	__CTRPOL_CMD_MAX,
};

#define CTRPOL_CMD_MAX	(__CTRPOL_CMD_MAX - 1)

/**
 * enum ctrpol_attr - top-level attributes
 * @CTRPOL_A_UNSPEC: reserved, never valid
 * @CTRPOL_A_VERSION: NLA_NUL_STRING, release of the running LSM ("0.1.0")
 * @CTRPOL_A_ABI_VERSION: NLA_U32, the kernel's %CTRPOL_ABI_VERSION
 * @CTRPOL_A_COUNTERS: NLA_NESTED, &enum ctrpol_counter attributes
 */
enum ctrpol_attr {
	CTRPOL_A_UNSPEC,
	CTRPOL_A_VERSION,
	CTRPOL_A_ABI_VERSION,
	CTRPOL_A_COUNTERS,

	__CTRPOL_A_MAX,
};

#define CTRPOL_A_MAX	(__CTRPOL_A_MAX - 1)

/**
 * enum ctrpol_counter - attributes nested in %CTRPOL_A_COUNTERS
 * @CTRPOL_COUNTER_UNSPEC: reserved, never valid
 * @CTRPOL_COUNTER_PAD: alignment padding for the 64-bit values; ignore it
 * @CTRPOL_COUNTER_REQUESTS: NLA_U64, well-formed requests received since boot
 * @CTRPOL_COUNTER_REFUSED: NLA_U64, of those, refused for lack of privilege
 *	(EPERM): a nonzero value means something probed the policy interface
 *
 * Readers must ignore counters they do not know: new ones are appended.
 */
enum ctrpol_counter {
	CTRPOL_COUNTER_UNSPEC,
	CTRPOL_COUNTER_PAD,
	CTRPOL_COUNTER_REQUESTS,
	CTRPOL_COUNTER_REFUSED,

	__CTRPOL_COUNTER_MAX,
};

#define CTRPOL_COUNTER_MAX	(__CTRPOL_COUNTER_MAX - 1)

#endif /* _UAPI_LINUX_CTRPOL_H */
