/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rules as policy text: a rule's kind, flags, bits and canonical target (as
 * provenance records them) back into the language, for `ctrpol dump`,
 * `ctrpol explain` and lint; and the targets that must be read back.
 */
#ifndef CTRPOL_RULE_TEXT_H
#define CTRPOL_RULE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/ctrpol.h>

/* Room for any rule's text: a glob and the longest of the rest. */
#define RULE_TEXT_MAX (CTRPOL_MAX_PATH + 1024)

/* "file", "capability", "network", "mount", "peer", "kernel". */
const char *rule_kind_noun(unsigned int kind);

/*
 * What a rule of kind names by perms, as written: "read,write", "cap chown",
 * "net bind,listen", "mount all", "ptrace read", "signal", "kernel bpf",
 * "privilege root".  Returns buf.
 */
const char *rule_ops_text(unsigned int kind, uint32_t perms, char *buf, size_t size);

/* The whole rule: "[audit ]allow|deny OPS[ TARGET]".  Returns buf. */
const char *rule_text(unsigned int kind, uint8_t flags, uint32_t perms, const char *target,
		      char *buf, size_t size);

/*
 * The target of a peer rule: "[SIGNALS ]peer NAME"; the signals only for a
 * signal rule, and only when not all; NAME "unconfined" for an empty name.
 */
const char *peer_target_format(bool signal, uint64_t signals, const char *name, char *buf,
			       size_t size);

/*
 * Read such a target back: the signals (all without a list) and the name
 * ("" for unconfined).  Returns 0, or -1 if it is not one.
 */
int peer_target_parse(const char *target, uint64_t *signals, char name[CTRPOL_NAME_MAX]);

/*
 * The glob the MOUNT_DFA matches for a mount rule's target, which is
 * "[fstype T1,T2,... ]on GLOB": "/" FSTYPES GLOB,
 * FSTYPES being "*" (none given), "T" or "{T1,T2}" (malloc'd); NULL when
 * target is not a mount target or memory runs out.
 */
char *mount_target_glob(const char *target);

#endif
