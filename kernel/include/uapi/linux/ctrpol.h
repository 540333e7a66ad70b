/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ctrpol: the one contract between the ctrpol LSM and its user-space tool.
 *
 * Everything that crosses the kernel boundary is defined here and nowhere
 * else: the generic netlink family, its commands and attributes, and (in
 * ctrpol_blob.h, included below) the binary policy that CTRPOL_CMD_LOAD
 * carries.  The kernel and the tool include these same files.  Any incompatible change bumps
 * CTRPOL_ABI_VERSION; attributes are only ever added, never renumbered.
 * See docs/abi.md.
 */
#ifndef _UAPI_LINUX_CTRPOL_H
#define _UAPI_LINUX_CTRPOL_H

#include <linux/const.h>
#include <linux/types.h>
#include "ctrpol_blob.h"	/* beside it, wherever it is included from */

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
 *	%CTRPOL_A_VERSION, %CTRPOL_A_ABI_VERSION, %CTRPOL_A_COUNTERS,
 *	%CTRPOL_A_NPROFILES and %CTRPOL_A_NATTACHMENTS.
 * @CTRPOL_CMD_LOAD: load compiled profiles, all or none: one or more
 *	%CTRPOL_A_BLOB, joined in order into blobs back to back (each blob's
 *	header gives its size; the next starts where it ends), at most
 *	%CTRPOL_MAX_LOAD_BLOBS and %CTRPOL_MAX_LOAD_SIZE bytes, and optionally
 *	%CTRPOL_A_FLAGS.  Every blob is verified, and every name checked,
 *	before anything changes; a refusal changes nothing.  A profile of a
 *	loaded name is replaced, for every cgroup it is attached to at once,
 *	only with %CTRPOL_LOAD_REPLACE; otherwise the load fails with EEXIST.
 *	A name given twice is EINVAL.
 * @CTRPOL_CMD_UNLOAD: %CTRPOL_A_NAME; fails with EBUSY while attached.
 * @CTRPOL_CMD_ATTACH: %CTRPOL_A_CGROUP_ID and %CTRPOL_A_NAME: confine the
 *	cgroup v2 and its descendants; optionally %CTRPOL_A_FLAGS, &enum
 *	ctrpol_attach_flags.  ENOENT for a missing cgroup or profile,
 *	EEXIST when the cgroup already has a profile (detach it first), EINVAL
 *	for the root cgroup (it holds the host).
 * @CTRPOL_CMD_DETACH: %CTRPOL_A_CGROUP_ID; ENOENT when nothing is attached.
 * @CTRPOL_CMD_LIST_PROFILES: dump, no attribute; one message per profile
 *	with %CTRPOL_A_NAME, %CTRPOL_A_MODE, %CTRPOL_A_BLOB_SIZE,
 *	%CTRPOL_A_NATTACHMENTS and %CTRPOL_A_COUNTERS (its decisions).
 * @CTRPOL_CMD_LIST_ATTACHMENTS: dump, no attribute; one message per
 *	attachment with %CTRPOL_A_CGROUP_ID, %CTRPOL_A_NAME and %CTRPOL_A_FLAGS
 *	(&enum ctrpol_attach_flags, as attached).
 * @CTRPOL_CMD_EVENT: never a request: what the kernel multicasts to the
 *	group %CTRPOL_MCGRP_EVENTS, one message per event, with %CTRPOL_A_EVENT.
 *
 * Every command needs CAP_NET_ADMIN in the initial user namespace.  Those
 * that change policy (load, unload, attach, detach) also need
 * CAP_MAC_ADMIN there, from a task that no profile confines; refusals are
 * EPERM.  Errors carry an extended-ack message.  Joining the group
 * %CTRPOL_MCGRP_EVENTS needs CAP_NET_ADMIN too.
 */
enum ctrpol_cmd {
	CTRPOL_CMD_UNSPEC,
	CTRPOL_CMD_GET_STATUS,
	CTRPOL_CMD_LOAD,
	CTRPOL_CMD_UNLOAD,
	CTRPOL_CMD_ATTACH,
	CTRPOL_CMD_DETACH,
	CTRPOL_CMD_LIST_PROFILES,
	CTRPOL_CMD_LIST_ATTACHMENTS,
	CTRPOL_CMD_EVENT,

	__CTRPOL_CMD_MAX,
};

#define CTRPOL_CMD_MAX	(__CTRPOL_CMD_MAX - 1)

/* The multicast group of the family that carries events (see docs/events.md). */
#define CTRPOL_MCGRP_EVENTS	"events"

/*
 * The audit record type of an event, where the kernel has CONFIG_AUDIT and
 * audit is enabled.  In the range the kernel gives LSMs (1400-1499), above
 * the numbers Linux uses.
 */
#define CTRPOL_AUDIT_EVENT	1480

/**
 * enum ctrpol_attr - top-level attributes
 * @CTRPOL_A_UNSPEC: reserved, never valid
 * @CTRPOL_A_VERSION: NLA_NUL_STRING, release of the running LSM ("0.1.0")
 * @CTRPOL_A_ABI_VERSION: NLA_U32, the kernel's %CTRPOL_ABI_VERSION
 * @CTRPOL_A_COUNTERS: NLA_NESTED, &enum ctrpol_counter attributes
 * @CTRPOL_A_PAD: alignment padding for 64-bit attributes; ignore it
 * @CTRPOL_A_BLOB: NLA_BINARY, 1 to %CTRPOL_BLOB_CHUNK_MAX bytes of a
 *	compiled profile; a message may carry several, in order
 * @CTRPOL_A_FLAGS: NLA_U32, &enum ctrpol_load_flags or &enum ctrpol_attach_flags
 * @CTRPOL_A_NAME: NLA_NUL_STRING, a profile name (under %CTRPOL_NAME_MAX)
 * @CTRPOL_A_CGROUP_ID: NLA_U64, a cgroup v2 id (the inode number of its
 *	directory in the cgroup2 filesystem)
 * @CTRPOL_A_MODE: NLA_U32, %CTRPOL_MODE_ENFORCE or %CTRPOL_MODE_COMPLAIN
 * @CTRPOL_A_BLOB_SIZE: NLA_U32, bytes of the profile's compiled blob
 * @CTRPOL_A_NPROFILES: NLA_U32, profiles loaded
 * @CTRPOL_A_NATTACHMENTS: NLA_U32, attachments (all, or of one profile)
 * @CTRPOL_A_CLASS_COUNTERS: NLA_NESTED, one nest per class of operation,
 *	of type &enum ctrpol_rule_kind, holding &enum ctrpol_counter
 *	attributes: the profile's decisions on that class
 * @CTRPOL_A_EVENT: NLA_NESTED, &enum ctrpol_event_attr attributes
 * @CTRPOL_A_EVENT_RATE: NLA_U32, events each profile may send per second
 *	(the boot parameter ctrpol.event_rate)
 * @CTRPOL_A_EVENT_BURST: NLA_U32, events a profile may send at once after
 *	a quiet spell (ctrpol.event_burst)
 */
enum ctrpol_attr {
	CTRPOL_A_UNSPEC,
	CTRPOL_A_VERSION,
	CTRPOL_A_ABI_VERSION,
	CTRPOL_A_COUNTERS,
	CTRPOL_A_PAD,
	CTRPOL_A_BLOB,
	CTRPOL_A_FLAGS,
	CTRPOL_A_NAME,
	CTRPOL_A_CGROUP_ID,
	CTRPOL_A_MODE,
	CTRPOL_A_BLOB_SIZE,
	CTRPOL_A_NPROFILES,
	CTRPOL_A_NATTACHMENTS,
	CTRPOL_A_CLASS_COUNTERS,
	CTRPOL_A_EVENT,
	CTRPOL_A_EVENT_RATE,
	CTRPOL_A_EVENT_BURST,

	__CTRPOL_A_MAX,
};

#define CTRPOL_A_MAX	(__CTRPOL_A_MAX - 1)

/* One attribute's payload is at most 65,535 - 4 bytes: larger blobs come in pieces. */
#define CTRPOL_BLOB_CHUNK_MAX	65528

/* Bounds of one %CTRPOL_CMD_LOAD: the profiles of a node's boot set, at once. */
#define CTRPOL_MAX_LOAD_BLOBS	256
#define CTRPOL_MAX_LOAD_SIZE	(32U << 20)	/* bytes, every blob together */

/**
 * enum ctrpol_load_flags - %CTRPOL_A_FLAGS of %CTRPOL_CMD_LOAD
 * @CTRPOL_LOAD_REPLACE: replace a loaded profile of the same name
 */
enum ctrpol_load_flags {
	CTRPOL_LOAD_REPLACE = _BITUL(0),
};

#define CTRPOL_LOAD_ALL		CTRPOL_LOAD_REPLACE

/**
 * enum ctrpol_attach_flags - %CTRPOL_A_FLAGS of %CTRPOL_CMD_ATTACH
 * @CTRPOL_ATTACH_ON_EXEC: confine each task of the cgroup (or below) from
 *	the moment it executes a program there on, with the children it forks
 *	after; until then it is not confined by this attachment (an outer one
 *	may confine it).  For OCI runtimes: their own set-up of a container
 *	(pivot_root, mounts, dropping privilege) runs in its cgroup before they
 *	execute its program, and so does their set-up of each process `exec`
 *	adds to it; that exec is the first thing the profile checks.
 */
enum ctrpol_attach_flags {
	CTRPOL_ATTACH_ON_EXEC = _BITUL(0),
};

#define CTRPOL_ATTACH_ALL	CTRPOL_ATTACH_ON_EXEC

/**
 * enum ctrpol_counter - attributes nested in %CTRPOL_A_COUNTERS
 * @CTRPOL_COUNTER_UNSPEC: reserved, never valid
 * @CTRPOL_COUNTER_PAD: alignment padding for the 64-bit values; ignore it
 * @CTRPOL_COUNTER_REQUESTS: NLA_U64, well-formed requests received since boot
 * @CTRPOL_COUNTER_REFUSED: NLA_U64, of those, refused for lack of privilege
 *	(EPERM): a nonzero value means something probed the policy interface
 * @CTRPOL_COUNTER_ALLOWED: NLA_U64, of a profile: operations it mediated
 *	and allowed since it was first loaded (replacing keeps the counts)
 * @CTRPOL_COUNTER_DENIED: NLA_U64, operations it denied
 * @CTRPOL_COUNTER_COMPLAINED: NLA_U64, operations it would have denied but,
 *	in complain mode, allowed and recorded
 * @CTRPOL_COUNTER_EVENTS: NLA_U64, events sent (of a profile, or in all,
 *	since boot): to the multicast group, the audit log, or both
 * @CTRPOL_COUNTER_DROPPED: NLA_U64, events lost: over the rate limit, or
 *	for want of memory or queue space.  Only what no one listens to (no
 *	monitor, audit off) is neither sent nor dropped.
 *
 * Readers must ignore counters they do not know: new ones are appended.
 */
enum ctrpol_counter {
	CTRPOL_COUNTER_UNSPEC,
	CTRPOL_COUNTER_PAD,
	CTRPOL_COUNTER_REQUESTS,
	CTRPOL_COUNTER_REFUSED,
	CTRPOL_COUNTER_ALLOWED,
	CTRPOL_COUNTER_DENIED,
	CTRPOL_COUNTER_COMPLAINED,
	CTRPOL_COUNTER_EVENTS,
	CTRPOL_COUNTER_DROPPED,

	__CTRPOL_COUNTER_MAX,
};

#define CTRPOL_COUNTER_MAX	(__CTRPOL_COUNTER_MAX - 1)

/**
 * enum ctrpol_verdict - %CTRPOL_EV_VERDICT: why an event was sent
 * @CTRPOL_VERDICT_DENIED: the operation was refused
 * @CTRPOL_VERDICT_COMPLAINED: a profile in complain mode would have refused
 *	it, and allowed it
 * @CTRPOL_VERDICT_AUDITED: allowed, and an `audit` rule names it
 */
enum ctrpol_verdict {
	CTRPOL_VERDICT_DENIED = 1,
	CTRPOL_VERDICT_COMPLAINED,
	CTRPOL_VERDICT_AUDITED,
};

/**
 * enum ctrpol_event_attr - attributes nested in %CTRPOL_A_EVENT
 * @CTRPOL_EV_UNSPEC: reserved, never valid
 * @CTRPOL_EV_PAD: alignment padding for 64-bit attributes; ignore it
 * @CTRPOL_EV_TIME: NLA_U64, when, in ns since the epoch (CLOCK_REALTIME)
 * @CTRPOL_EV_VERDICT: NLA_U8, &enum ctrpol_verdict
 * @CTRPOL_EV_CLASS: NLA_U8, the class of operation, &enum ctrpol_rule_kind
 * @CTRPOL_EV_REQUESTED: NLA_U64, the permissions asked for, as bits of the
 *	class: %CTRPOL_FILE_*, bit n for capability n, %CTRPOL_NET_*,
 *	%CTRPOL_MOUNT_*, %CTRPOL_PEER_*, %CTRPOL_KERNEL_* and %CTRPOL_PRIV_*
 * @CTRPOL_EV_DENIED: NLA_U64, of those, the ones the profile refuses
 *	(refused, or in complain mode would refuse); 0 for an audit record
 * @CTRPOL_EV_PROFILE: NLA_NUL_STRING, the profile's name
 * @CTRPOL_EV_CGROUP_ID: NLA_U64, the cgroup v2 of the task
 * @CTRPOL_EV_CGROUP_PATH: NLA_NUL_STRING, its path below the cgroup2 root
 * @CTRPOL_EV_PID: NLA_U32, the task (thread) id, in the initial pid namespace
 * @CTRPOL_EV_TGID: NLA_U32, its process id
 * @CTRPOL_EV_UID: NLA_U32, its real uid, in the initial user namespace
 * @CTRPOL_EV_COMM: NLA_NUL_STRING, its command name
 * @CTRPOL_EV_EXE: NLA_NUL_STRING, the program it runs; absent when unknown
 * @CTRPOL_EV_PATH: NLA_NUL_STRING, FILE: the file, as the task's root spells
 *	it; MOUNT: where the mount is, or is to be; absent when it has no path
 *	(ENAMETOOLONG, an internal filesystem or outside the task's root)
 * @CTRPOL_EV_FSTYPE: NLA_NUL_STRING, MOUNT: the filesystem type (and
 *	".subtype"), as mount rules name it; "" when it is not a valid name
 * @CTRPOL_EV_CAPABILITY: NLA_U8, CAP: the capability number
 * @CTRPOL_EV_FAMILY: NLA_U16, NET: AF_* of the socket
 * @CTRPOL_EV_SOCK_TYPE: NLA_U16, NET: SOCK_* of the socket
 * @CTRPOL_EV_PROTOCOL: NLA_U16, NET: its protocol
 * @CTRPOL_EV_ADDR: NLA_BINARY, NET: 4 (AF_INET) or 16 bytes (AF_INET6) in
 *	network order, the local address of bind and listen, the remote one of
 *	connect and send; absent when the operation names no address
 * @CTRPOL_EV_PORT: NLA_U16, NET: the port of @CTRPOL_EV_ADDR, host order
 * @CTRPOL_EV_PEER_PID: NLA_U32, PEER: the task traced or signalled
 * @CTRPOL_EV_PEER_PROFILE: NLA_NUL_STRING, PEER: its profile; absent when
 *	it is unconfined
 * @CTRPOL_EV_SIGNAL: NLA_U32, PEER: the signal sent; 0 tests existence
 * @CTRPOL_EV_SUPPRESSED: NLA_U64, events of this profile that the rate
 *	limit dropped since the previous one it sent; absent when none
 * @CTRPOL_EV_SOURCE: NLA_NUL_STRING, MOUNT: the source mount(2) was given
 *	(a device, or the path of a bind or move), at most 255 bytes of it
 * @CTRPOL_EV_BOUNDARY: NLA_FLAG, FILE: the operation would move a task out of
 *	its confined cgroup subtree, a boundary every profile keeps: no rule
 *	decides it and none can allow it.  %CTRPOL_EV_PATH is then the
 *	cgroup.procs or cgroup.threads file, below the cgroup2 root.
 *
 * Readers must ignore attributes they do not know: new ones are appended.
 */
enum ctrpol_event_attr {
	CTRPOL_EV_UNSPEC,
	CTRPOL_EV_PAD,
	CTRPOL_EV_TIME,
	CTRPOL_EV_VERDICT,
	CTRPOL_EV_CLASS,
	CTRPOL_EV_REQUESTED,
	CTRPOL_EV_DENIED,
	CTRPOL_EV_PROFILE,
	CTRPOL_EV_CGROUP_ID,
	CTRPOL_EV_CGROUP_PATH,
	CTRPOL_EV_PID,
	CTRPOL_EV_TGID,
	CTRPOL_EV_UID,
	CTRPOL_EV_COMM,
	CTRPOL_EV_EXE,
	CTRPOL_EV_PATH,
	CTRPOL_EV_FSTYPE,
	CTRPOL_EV_CAPABILITY,
	CTRPOL_EV_FAMILY,
	CTRPOL_EV_SOCK_TYPE,
	CTRPOL_EV_PROTOCOL,
	CTRPOL_EV_ADDR,
	CTRPOL_EV_PORT,
	CTRPOL_EV_PEER_PID,
	CTRPOL_EV_PEER_PROFILE,
	CTRPOL_EV_SIGNAL,
	CTRPOL_EV_SUPPRESSED,
	CTRPOL_EV_SOURCE,
	CTRPOL_EV_BOUNDARY,

	__CTRPOL_EV_MAX,
};

#define CTRPOL_EV_MAX	(__CTRPOL_EV_MAX - 1)

#endif /* _UAPI_LINUX_CTRPOL_H */
