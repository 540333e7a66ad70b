/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ctrpol: the binary policy, one compiled profile as the tool writes it and
 * the kernel verifies it; part of the ABI of linux/ctrpol.h, which includes
 * it.  Any incompatible change bumps CTRPOL_ABI_VERSION there.
 */
#ifndef _UAPI_LINUX_CTRPOL_BLOB_H
#define _UAPI_LINUX_CTRPOL_BLOB_H

#include <linux/const.h>
#include <linux/types.h>

/*
 * Binary policy format: one compiled profile ("blob").  docs/binary-format.md
 * describes it byte by byte; kernel/shared/policy_verify.c checks all of it
 * in one pass before anything else reads it.
 *
 * All integers are little-endian.  Layout, with no byte unaccounted for:
 *   struct ctrpol_blob_header
 *   struct ctrpol_blob_section[nsections]   (the directory)
 *   sections, in directory order, each starting at the first multiple of 8
 *   after the previous one (zero padding in between); the blob ends exactly
 *   where the last section ends.
 */
#define CTRPOL_BLOB_MAGIC	0x4c505443	/* "CTPL" */

/* Limits: every bound of the format, in one place. */
#define CTRPOL_NAME_MAX		64		/* profile name, NUL included */
#define CTRPOL_MAX_SECTIONS	16
#define CTRPOL_MAX_BLOB_SIZE	(16U << 20)	/* bytes */
#define CTRPOL_MAX_DFA_STATES	(1024 * 1024)
#define CTRPOL_MAX_DFA_PERMS	65536	/* distinct permission sets */
#define CTRPOL_MAX_PATH		4096		/* a path matched, or a glob */
#define CTRPOL_MAX_RULES	100000		/* rules in one profile */
#define CTRPOL_MAX_NET_RULES	1024		/* scanned linearly by the hooks */
#define CTRPOL_MAX_PEER_RULES	256		/* likewise */

/**
 * struct ctrpol_blob_header - start of every blob (16 bytes)
 * @magic: %CTRPOL_BLOB_MAGIC
 * @abi: %CTRPOL_ABI_VERSION the blob was compiled for
 * @nsections: entries in the directory that follows, 1..%CTRPOL_MAX_SECTIONS
 * @size: bytes in the whole blob, this header included
 * @crc32: CRC-32 (IEEE 802.3, as zlib's crc32()) of bytes [16, @size)
 */
struct ctrpol_blob_header {
	__le32 magic;
	__le16 abi;
	__le16 nsections;
	__le32 size;
	__le32 crc32;
};

/**
 * enum ctrpol_section_type - what a section holds
 * @CTRPOL_SEC_PROFILE: &struct ctrpol_profile_section
 * @CTRPOL_SEC_FILE_DFA: &struct ctrpol_dfa over paths, %CTRPOL_FILE_* permissions
 * @CTRPOL_SEC_CAPS: &struct ctrpol_caps
 * @CTRPOL_SEC_NET: &struct ctrpol_rule_table of &struct ctrpol_net_rule
 * @CTRPOL_SEC_MOUNT_DFA: &struct ctrpol_dfa over "/" fstype path, %CTRPOL_MOUNT_* permissions
 * @CTRPOL_SEC_PEERS: &struct ctrpol_rule_table of &struct ctrpol_peer_rule
 * @CTRPOL_SEC_KERNEL: &struct ctrpol_kernel
 * @CTRPOL_SEC_PROVENANCE: &struct ctrpol_provenance; for `ctrpol explain`
 *	and `ctrpol dump`: the kernel checks its bounds only
 *
 * Every type appears exactly once, in this order; only PROVENANCE may be
 * left out.  A blob thus always says something, possibly "nothing", about
 * every class of operation, and a hook never meets a missing section.
 */
enum ctrpol_section_type {
	CTRPOL_SEC_PROFILE = 1,
	CTRPOL_SEC_FILE_DFA,
	CTRPOL_SEC_CAPS,
	CTRPOL_SEC_NET,
	CTRPOL_SEC_MOUNT_DFA,
	CTRPOL_SEC_PEERS,
	CTRPOL_SEC_KERNEL,
	CTRPOL_SEC_PROVENANCE,
};

/**
 * struct ctrpol_blob_section - a directory entry (16 bytes)
 * @type: &enum ctrpol_section_type
 * @offset: from the start of the blob; a multiple of 8
 * @size: bytes of the section, padding excluded
 * @reserved: 0
 */
struct ctrpol_blob_section {
	__le32 type;
	__le32 offset;
	__le32 size;
	__le32 reserved;
};

enum ctrpol_mode {
	CTRPOL_MODE_ENFORCE = 1,	/* deny what the profile does not allow */
	CTRPOL_MODE_COMPLAIN = 2,	/* allow everything, record would-be denials */
};

enum ctrpol_default {
	CTRPOL_DEFAULT_DENY = 1,	/* what no rule names is denied */
	CTRPOL_DEFAULT_ALLOW = 2,	/* what no rule names is allowed */
};

/**
 * struct ctrpol_profile_section - %CTRPOL_SEC_PROFILE (72 bytes)
 * @name: [A-Za-z0-9._-]+, NUL-terminated, zero-padded
 * @mode: &enum ctrpol_mode
 * @default_action: &enum ctrpol_default
 * @reserved: 0
 */
struct ctrpol_profile_section {
	char name[CTRPOL_NAME_MAX];
	__u8 mode;
	__u8 default_action;
	__u8 reserved[6];
};

/* File permissions: bits of struct ctrpol_perms. */
#define CTRPOL_FILE_READ	_BITUL(0)	/* open for reading, readdir */
#define CTRPOL_FILE_WRITE	_BITUL(1)	/* open for writing, truncate */
#define CTRPOL_FILE_APPEND	_BITUL(2)	/* open with O_APPEND */
#define CTRPOL_FILE_EXEC	_BITUL(3)	/* execve */
#define CTRPOL_FILE_MMAP_EXEC	_BITUL(4)	/* mmap/mprotect with PROT_EXEC */
#define CTRPOL_FILE_CREATE	_BITUL(5)	/* create, mkdir, mknod, symlink */
#define CTRPOL_FILE_DELETE	_BITUL(6)	/* unlink, rmdir */
#define CTRPOL_FILE_RENAME	_BITUL(7)	/* rename, at both ends */
#define CTRPOL_FILE_LINK	_BITUL(8)	/* hard link, at both ends */
#define CTRPOL_FILE_SETATTR	_BITUL(9)	/* chmod, chown, utimes */
#define CTRPOL_FILE_ALL		(_BITUL(10) - 1)

/**
 * struct ctrpol_perms - what a DFA accepting state decides (12 bytes)
 * @allow: permissions granted
 * @deny: permissions refused; deny wins over @allow
 * @audit: permissions whose use is logged even when allowed
 *
 * Only bits of %CTRPOL_FILE_ALL (FILE_DFA) or %CTRPOL_MOUNT_ALL (MOUNT_DFA)
 * may be set.
 */
struct ctrpol_perms {
	__le32 allow;
	__le32 deny;
	__le32 audit;
};

/**
 * struct ctrpol_dfa - %CTRPOL_SEC_FILE_DFA and %CTRPOL_SEC_MOUNT_DFA header (272 bytes)
 * @nstates: 2..%CTRPOL_MAX_DFA_STATES; state 0 is dead (it grants nothing
 *	and never leaves), state 1 is the start
 * @ntrans: entries in next[] and check[]
 * @nperms: 1..%CTRPOL_MAX_DFA_PERMS entries in perms[]; perms[0] is all zero
 * @nclasses: 1..256 byte equivalence classes
 * @reserved: 0
 * @classes: the class of each input byte, < @nclasses
 *
 * Followed by these arrays of __le32 (perms[] of struct ctrpol_perms), in
 * this order and nothing else:
 *   perms[nperms]
 *   accept[nstates]   index into perms[]; accept[0] == 0
 *   base[nstates]     base[s] + nclasses <= ntrans
 *   def[nstates]      < nstates; def[0] == 0
 *   next[ntrans]      < nstates
 *   check[ntrans]     < nstates; where check[i] == 0, next[i] == 0
 *
 * A comb-compressed transition table: from state s on byte c, with
 * i = base[s] + classes[c], the next state is next[i] if check[i] == s and
 * def[s] otherwise.  A state stores only the transitions that differ from
 * its default: after a leading "**" most bytes lead to one state, which
 * would otherwise take a slot for every class.  A path's permissions are
 * perms[accept[s]] for the state s reached after its last byte, so matching
 * is one table lookup per byte whatever the number of rules.
 */
struct ctrpol_dfa {
	__le32 nstates;
	__le32 ntrans;
	__le32 nperms;
	__le16 nclasses;
	__le16 reserved;
	__u8 classes[256];
};

/*
 * Capabilities known to this ABI: bit n of struct ctrpol_caps is
 * capability n, up to CAP_CHECKPOINT_RESTORE (40) in Linux 6.12.
 */
#define CTRPOL_CAP_LAST		40
#define CTRPOL_CAP_ALL		(_BITULL(CTRPOL_CAP_LAST + 1) - 1)

/**
 * struct ctrpol_caps - %CTRPOL_SEC_CAPS (24 bytes)
 * @allow: capabilities granted
 * @deny: capabilities refused; deny wins
 * @audit: capabilities whose use is logged even when allowed
 *
 * Only bits of %CTRPOL_CAP_ALL may be set.
 */
struct ctrpol_caps {
	__le64 allow;
	__le64 deny;
	__le64 audit;
};

/* Network operations: bits of &struct ctrpol_net_rule.ops. */
#define CTRPOL_NET_CREATE	_BITUL(0)	/* socket(), socketpair() */
#define CTRPOL_NET_BIND		_BITUL(1)	/* bind() to a local address */
#define CTRPOL_NET_CONNECT	_BITUL(2)	/* connect() to a remote address */
#define CTRPOL_NET_LISTEN	_BITUL(3)	/* listen() */
#define CTRPOL_NET_SEND		_BITUL(4)	/* sendmsg() to an explicit address */
#define CTRPOL_NET_ALL		(_BITUL(5) - 1)

/* &struct ctrpol_net_rule.flags, beside %CTRPOL_RULE_DENY and %CTRPOL_RULE_AUDIT */
#define CTRPOL_NET_PROTOCOL	_BITUL(2)	/* @protocol is set; else any */

#define CTRPOL_NET_FAMILY_MAX	45		/* AF_MCTP, the last family of Linux 6.12 */

/**
 * struct ctrpol_rule_table - %CTRPOL_SEC_NET and %CTRPOL_SEC_PEERS header (8 bytes)
 * @nrules: entries after it: 0..%CTRPOL_MAX_NET_RULES &struct ctrpol_net_rule,
 *	or 0..%CTRPOL_MAX_PEER_RULES &struct ctrpol_peer_rule
 * @reserved: 0
 */
struct ctrpol_rule_table {
	__le32 nrules;
	__le32 reserved;
};

/**
 * struct ctrpol_net_rule - one network rule (32 bytes)
 * @ops: %CTRPOL_NET_* operations it names, at least one
 * @flags: %CTRPOL_RULE_DENY, %CTRPOL_RULE_AUDIT, %CTRPOL_NET_PROTOCOL
 * @family: AF_* of the socket, 1..%CTRPOL_NET_FAMILY_MAX, or 0 for any
 * @type: SOCK_* of the socket (1..6 or 10), or 0 for any
 * @prefix: leading bits of @addr an address must share: up to 32 for
 *	AF_INET, 128 for AF_INET6; 0 (any address) for other families
 * @protocol: IPPROTO_* or NETLINK_* when %CTRPOL_NET_PROTOCOL; else 0
 * @port_min: lowest port (local for bind and listen, remote for connect
 *	and send)
 * @port_max: highest port, >= @port_min; 0..65535 names any port
 * @reserved: 0
 * @addr: network byte order; bits after @prefix are 0
 *
 * A rule whose @prefix or port range restricts anything names only AF_INET
 * and AF_INET6 sockets (@family is one of them, or 0 with @prefix 0), and
 * never %CTRPOL_NET_CREATE: a new socket has no address yet.
 */
struct ctrpol_net_rule {
	__le16 ops;
	__u8 flags;
	__u8 family;
	__u8 type;
	__u8 prefix;
	__le16 protocol;
	__le16 port_min;
	__le16 port_max;
	__le32 reserved;
	__u8 addr[16];
};

/* Mount operations: the permission bits of %CTRPOL_SEC_MOUNT_DFA. */
#define CTRPOL_MOUNT_MOUNT	_BITUL(0)	/* mount a new filesystem */
#define CTRPOL_MOUNT_BIND	_BITUL(1)	/* bind mount */
#define CTRPOL_MOUNT_MOVE	_BITUL(2)	/* move a mount */
#define CTRPOL_MOUNT_REMOUNT	_BITUL(3)	/* change a mount's options */
#define CTRPOL_MOUNT_UMOUNT	_BITUL(4)	/* unmount */
#define CTRPOL_MOUNT_PIVOT_ROOT	_BITUL(5)	/* pivot_root() */
#define CTRPOL_MOUNT_ALL	(_BITUL(6) - 1)

/* Operations on other tasks: bits of &struct ctrpol_peer_rule.ops. */
#define CTRPOL_PEER_READ	_BITUL(0)	/* ptrace read mode: /proc/PID/environ, maps... */
#define CTRPOL_PEER_TRACE	_BITUL(1)	/* ptrace attach mode, /proc/PID/mem writes */
#define CTRPOL_PEER_SIGNAL	_BITUL(2)	/* kill() and friends */
#define CTRPOL_PEER_ALL		(_BITUL(3) - 1)

/* &struct ctrpol_peer_rule.flags, beside %CTRPOL_RULE_DENY and %CTRPOL_RULE_AUDIT */
#define CTRPOL_PEER_UNCONFINED	_BITUL(2)	/* the peer is any task without a profile */

/**
 * struct ctrpol_peer_rule - which tasks outside the container may be reached (80 bytes)
 * @ops: %CTRPOL_PEER_* operations, at least one
 * @flags: %CTRPOL_RULE_DENY, %CTRPOL_RULE_AUDIT, %CTRPOL_PEER_UNCONFINED
 * @reserved: 0
 * @signals: for %CTRPOL_PEER_SIGNAL, bit n - 1 for signal n; not 0
 * @peer: the peer's profile name, as &struct ctrpol_profile_section.name; all zero
 *	when %CTRPOL_PEER_UNCONFINED
 *
 * Tasks in the same confined cgroup subtree always reach each other (their
 * capabilities permitting); these rules open ways to tasks outside it.
 */
struct ctrpol_peer_rule {
	__u8 ops;
	__u8 flags;
	__u8 reserved[6];
	__le64 signals;
	char peer[CTRPOL_NAME_MAX];
};

/* Kernel surfaces and privilege changes: bits of struct ctrpol_kernel. */
#define CTRPOL_KERNEL_MODULE_LOAD	_BITUL(0)	/* init_module, finit_module */
#define CTRPOL_KERNEL_MODULE_REQUEST	_BITUL(1)	/* module autoloading for the task */
#define CTRPOL_KERNEL_BPF		_BITUL(2)	/* bpf() */
#define CTRPOL_KERNEL_PERF		_BITUL(3)	/* perf_event_open() */
#define CTRPOL_KERNEL_USERNS		_BITUL(4)	/* creating a user namespace */
#define CTRPOL_KERNEL_KEYCTL		_BITUL(5)	/* keyctl(), add_key(), request_key() */
#define CTRPOL_KERNEL_SYSLOG		_BITUL(6)	/* syslog(), /dev/kmsg reads */
#define CTRPOL_PRIV_ROOT		_BITUL(7)	/* setuid() and friends to uid 0 */
#define CTRPOL_PRIV_SETUID_EXEC		_BITUL(8)	/* gaining privilege through exec */
#define CTRPOL_KERNEL_ALL		(_BITUL(9) - 1)

/**
 * struct ctrpol_kernel - %CTRPOL_SEC_KERNEL (16 bytes)
 * @allow: %CTRPOL_KERNEL_* and %CTRPOL_PRIV_* granted
 * @deny: refused; deny wins
 * @audit: logged even when allowed
 * @reserved: 0
 *
 * Only bits of %CTRPOL_KERNEL_ALL may be set.
 */
struct ctrpol_kernel {
	__le32 allow;
	__le32 deny;
	__le32 audit;
	__le32 reserved;
};

/**
 * struct ctrpol_provenance - %CTRPOL_SEC_PROVENANCE header (8 bytes)
 * @nrules: entries of &struct ctrpol_rule_origin that follow
 * @strtab_size: bytes of the string table after them; it ends with NUL
 */
struct ctrpol_provenance {
	__le32 nrules;
	__le32 strtab_size;
};

/*
 * The kinds of rules, which are also the classes of operations that events
 * (%CTRPOL_EV_CLASS) and per-class counters (%CTRPOL_A_CLASS_COUNTERS) name.
 */
enum ctrpol_rule_kind {
	CTRPOL_RULE_FILE = 1,
	CTRPOL_RULE_CAP,
	CTRPOL_RULE_NET,
	CTRPOL_RULE_MOUNT,
	CTRPOL_RULE_PEER,
	CTRPOL_RULE_KERNEL,
};

#define CTRPOL_RULE_KIND_MAX	CTRPOL_RULE_KERNEL

/**
 * struct ctrpol_rule_origin - one source rule (24 bytes)
 * @kind: &enum ctrpol_rule_kind
 * @flags: %CTRPOL_RULE_DENY, %CTRPOL_RULE_AUDIT
 * @reserved: 0
 * @perms: what the rule names: file, net, mount, peer or kernel bits, or
 *	the capability number
 * @target: string table offset of the rest of the rule as source text, with
 *	variables expanded ("" when there is none)
 * @file: string table offset of the source file name
 * @line: 1-based source line
 * @col: 1-based source column
 */
struct ctrpol_rule_origin {
	__u8 kind;
	__u8 flags;
	__le16 reserved;
	__le32 perms;
	__le32 target;
	__le32 file;
	__le32 line;
	__le32 col;
};

#define CTRPOL_RULE_DENY	_BITUL(0)
#define CTRPOL_RULE_AUDIT	_BITUL(1)

#endif /* _UAPI_LINUX_CTRPOL_BLOB_H */
