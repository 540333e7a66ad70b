/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy language's names for the ABI's numbers and bits: file
 * permissions, capabilities, network operations, families, socket types and
 * protocols, mount operations, signals, kernel surfaces and privileges.
 * Every table works alike: lookup, formatting, and "did you mean" suggestions.
 */
#ifndef CTRPOL_NAMES_H
#define CTRPOL_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * struct name_table - names of values 0..@n - 1, or of bits 0..@n - 1 of a set
 * @names: @names[i] names value i (bit i); NULL where it has no name
 * @n: entries in @names, at most 64 for a table of bits
 * @all: the set the word "all" names; 0 when "all" is not a name here
 * @prefix: when set, names are matched in any case and may carry this prefix,
 *	as their C constants do ("cap_" as in CAP_CHOWN, "af_", "sig")
 * @numbers: the decimal numbers 1..@n are names too, of values 0..@n - 1
 *	(signal n is bit n - 1)
 */
struct name_table {
	const char *const *names;
	unsigned int n;
	uint64_t all;
	const char *prefix;
	bool numbers;
};

extern const struct name_table class_names;		/* enum ctrpol_rule_kind: file, cap, ... */
extern const struct name_table file_perm_names;	/* CTRPOL_FILE_* bits */
extern const struct name_table cap_names;		/* capability numbers, bits of CAPS */
extern const struct name_table mount_op_names;		/* CTRPOL_MOUNT_* bits */
extern const struct name_table ptrace_names;		/* CTRPOL_PEER_READ and _TRACE bits */
extern const struct name_table signal_names;		/* bit n - 1 for signal n */
extern const struct name_table kernel_names;		/* CTRPOL_KERNEL_* bits */
extern const struct name_table priv_names;		/* CTRPOL_PRIV_* bits */
/* net_names.c */
extern const struct name_table net_op_names;		/* CTRPOL_NET_* bits */
extern const struct name_table family_names;		/* AF_* numbers */
extern const struct name_table socktype_names;		/* SOCK_* numbers */
extern const struct name_table ip_proto_names;		/* IPPROTO_* numbers */
extern const struct name_table netlink_proto_names;	/* NETLINK_* numbers */

/* The value name (len bytes) names in t, "all" excluded; or -1. */
int name_lookup(const struct name_table *t, const char *name, size_t len);

/* The set of bits name names in t: one bit, or t->all for "all"; 0 if none. */
uint64_t name_bits(const struct name_table *t, const char *name, size_t len);

/* The name of value i in t, or NULL. */
const char *name_of(const struct name_table *t, unsigned int i);

/*
 * The bits of set as a comma-separated list of t's names into buf ("all"
 * when set is t->all); unnamed bits as numbers.  Returns buf.
 */
const char *names_format(const struct name_table *t, uint64_t set, char *buf, size_t size);

/* "read, write, ...": every name of t, then ", all" if with_all; for hints.  Returns buf. */
const char *names_list(const struct name_table *t, bool with_all, char *buf, size_t size);

/*
 * The known name closest to name (len bytes) in any of the ntables tables,
 * if it is close enough to be a likely typo; else NULL.
 */
const char *name_suggest(const char *name, size_t len, const struct name_table *const *tables,
			 size_t ntables);

/*
 * The next item of the comma-separated list s[0..len) at or after *pos: its
 * offset and length (possibly 0: "a,,b").  Returns false past the end.
 */
bool list_next(const char *s, size_t len, size_t *pos, size_t *off, size_t *item_len);

/*
 * Filesystem types as mount rules name them, and as the kernel reports them:
 * 1 to FSTYPE_NAME_MAX of a-z 0-9 . _ - (tmpfs, fuse.sshfs).
 */
#define FSTYPE_NAME_MAX 31	/* the longest name in /proc/filesystems is far shorter */
bool fstype_name_valid(const char *s, size_t len);

/* The families an IP protocol implies: bit 0 for AF_INET, bit 1 for AF_INET6. */
#define IP_FAMILY_INET	1U
#define IP_FAMILY_INET6	2U
unsigned int ip_proto_families(unsigned int proto);

/* [A-Za-z0-9_]+, and '.' and '-' too when dots: variable and profile names. */
bool name_is_word(const char *s, size_t len, bool dots);

#endif
