/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A verified blob, seen through typed pointers, and the operations the
 * kernel and the tool share on it: verification and matching.
 */
#ifndef CTRPOL_POLICY_H
#define CTRPOL_POLICY_H

#include "compat.h"

/**
 * struct ctrpol_dfa_view - the arrays of a verified DFA section
 *
 * Pointers into the blob, which must outlive the view.  Valid only once
 * ctrpol_dfa_verify() succeeded: the matcher then indexes without checks.
 */
struct ctrpol_dfa_view {
	const struct ctrpol_dfa *hdr;
	const struct ctrpol_perms *perms;
	const __le32 *accept;
	const __le32 *base;
	const __le32 *def;
	const __le32 *next;
	const __le32 *check;
};

/**
 * struct ctrpol_blob_view - the sections of a verified blob
 * @profile: name, mode and default
 * @files: file rules
 * @caps: capability rules
 * @net: network rules, @nnet of them
 * @nnet: number of @net rules
 * @mounts: mount rules
 * @peers: rules for tasks outside the container, @npeers of them
 * @npeers: number of @peers rules
 * @kernel: kernel surfaces and privilege changes
 * @provenance: NULL when the blob has none
 * @provenance_size: bytes of the provenance section
 */
struct ctrpol_blob_view {
	const struct ctrpol_profile_section *profile;
	struct ctrpol_dfa_view files;
	const struct ctrpol_caps *caps;
	const struct ctrpol_net_rule *net;
	u32 nnet;
	struct ctrpol_dfa_view mounts;
	const struct ctrpol_peer_rule *peers;
	u32 npeers;
	const struct ctrpol_kernel *kernel;
	const struct ctrpol_provenance *provenance;
	u32 provenance_size;
};

/**
 * ctrpol_blob_verify() - check every byte of a blob before anything uses it
 * @blob: the bytes, 8-byte aligned
 * @size: their number
 * @view: filled in on success
 * @why: on failure, a static string saying what is wrong
 *
 * One pass over the blob; no allocation; safe on any input.
 *
 * Return: 0, or -EINVAL with @why set.
 */
int ctrpol_blob_verify(const void *blob, size_t size, struct ctrpol_blob_view *view,
		       const char **why);

/**
 * ctrpol_dfa_verify() - check one DFA section, as ctrpol_blob_verify() does
 * @sec: the section's bytes, 4-byte aligned
 * @size: their number
 * @perm_mask: the permission bits its accepting states may carry
 * @view: filled in on success
 * @why: on failure, a static string saying what is wrong
 *
 * Return: 0, or -EINVAL with @why set.
 */
int ctrpol_dfa_verify(const void *sec, size_t size, u32 perm_mask, struct ctrpol_dfa_view *view,
		      const char **why);

/* Where a walk starts; state 0 is the dead state, which no walk leaves. */
#define CTRPOL_DFA_START	1

/**
 * ctrpol_dfa_walk() - the state a verified DFA reaches on a string
 * @dfa: from a successful ctrpol_dfa_verify()
 * @state: where to start: %CTRPOL_DFA_START, or where an earlier walk ended,
 *	so that a subject made of several pieces needs no copy
 * @str: the bytes, not NUL-terminated
 * @len: their number
 *
 * Return: the state; its permissions are @dfa->perms[@dfa->accept[state]].
 */
u32 ctrpol_dfa_walk(const struct ctrpol_dfa_view *dfa, u32 state, const char *str, size_t len);

/**
 * ctrpol_dfa_match() - the permissions a verified DFA gives a string
 * @dfa: from a successful ctrpol_dfa_verify()
 * @str: the bytes (a path), not NUL-terminated
 * @len: their number
 *
 * Return: the index into @dfa->perms of the string's permissions (0: none).
 */
u32 ctrpol_dfa_match(const struct ctrpol_dfa_view *dfa, const char *str, size_t len);

/**
 * ctrpol_file_implied() - the file permissions a rule's permissions imply
 * @perms: %CTRPOL_FILE_* bits of a rule
 * @deny: whether the rule denies them
 *
 * Writing covers appending, so write implies append, allowed or denied.  A
 * program must be mapped to run, so allowing exec allows mmap_exec; denying
 * exec leaves mapping (of a library, say) to its own rules.  The compiler
 * builds the implied bits into the DFA, so the kernel never adds them.
 *
 * Return: @perms with the bits it implies.
 */
static inline u32 ctrpol_file_implied(u32 perms, bool deny)
{
	if (perms & CTRPOL_FILE_WRITE)
		perms |= CTRPOL_FILE_APPEND;
	if (!deny && (perms & CTRPOL_FILE_EXEC))
		perms |= CTRPOL_FILE_MMAP_EXEC;
	return perms;
}

/**
 * struct ctrpol_rules_verdict - what the rules of a class naming an operation say
 * @allow: an allow rule names it
 * @deny: a deny rule names it; deny wins over allow
 * @audit: a rule naming it asks for a record
 *
 * Neither @allow nor @deny: no rule names it.  For network rules the
 * profile's default then decides; for peer rules the operation is refused.
 */
struct ctrpol_rules_verdict {
	bool allow;
	bool deny;
	bool audit;
};

/**
 * struct ctrpol_net_query - a network operation to decide
 * @op: one %CTRPOL_NET_* bit
 * @family: AF_* of the socket
 * @type: SOCK_* of the socket
 * @protocol: its protocol
 * @has_addr: @addr and @port are set (bind, connect, send, listen on inet)
 * @port: local port for bind and listen, remote for connect and send
 * @addr: 4 (AF_INET) or 16 (AF_INET6) bytes, network order
 */
struct ctrpol_net_query {
	u16 op;
	u8 family;
	u8 type;
	u16 protocol;
	bool has_addr;
	u16 port;
	u8 addr[16];
};

/**
 * ctrpol_net_match() - whether a verified network rule names an operation
 * @rule: a rule of a verified blob
 * @q: the operation
 *
 * Return: true when @rule applies to @q.
 */
bool ctrpol_net_match(const struct ctrpol_net_rule *rule, const struct ctrpol_net_query *q);

/**
 * struct ctrpol_peer_query - ptrace or a signal, to a task outside the container
 * @op: one %CTRPOL_PEER_* bit
 * @signal: with %CTRPOL_PEER_SIGNAL, the bit of the signal (bit n - 1 for
 *	signal n), or 0 for signal 0, which sends nothing
 * @peer: the profile of the task acted on, "" when it has none
 */
struct ctrpol_peer_query {
	u8 op;
	u64 signal;
	const char *peer;
};

/**
 * ctrpol_peer_match() - whether a verified peer rule names an operation
 * @rule: a rule of a verified blob
 * @q: the operation
 *
 * Return: true when the rule's operations, signals and peer take in @q.
 */
bool ctrpol_peer_match(const struct ctrpol_peer_rule *rule, const struct ctrpol_peer_query *q);

/**
 * ctrpol_peer_decide() - what a profile's peer rules say of an operation
 * @v: a verified blob
 * @q: the operation
 * @out: set to what the rules naming @q say
 *
 * Deny wins; what no rule allows is denied, whatever the profile's default:
 * the caller applies both.
 */
void ctrpol_peer_decide(const struct ctrpol_blob_view *v, const struct ctrpol_peer_query *q,
			struct ctrpol_rules_verdict *out);

/**
 * ctrpol_net_set_addr() - set the address of an operation on an inet socket
 * @q: the operation; its family, the socket's, may change
 * @family: the address's: AF_INET or AF_INET6
 * @addr: 4 or 16 bytes, network order
 * @port: host order
 *
 * An inet6 socket reaches IPv4 addresses too, as v4-mapped ones
 * (::ffff:a.b.c.d) or, for UDP, given as such: the operation is then an IPv4
 * one, family AF_INET and the four bytes, so that rules on IPv4 addresses
 * name it whichever way it was spelled.
 */
void ctrpol_net_set_addr(struct ctrpol_net_query *q, int family, const u8 *addr, u16 port);

/**
 * ctrpol_net_decide() - combine every network rule of a blob that names an operation
 * @v: a verified blob
 * @q: the operation
 * @out: set to what the rules naming @q say
 *
 * The one place where rules are combined, for the kernel's hooks and for
 * `ctrpol explain` alike: the order of the rules does not matter, each rule
 * naming @q adds its allow or deny, and its audit.  At most
 * %CTRPOL_MAX_NET_RULES rules are scanned; no allocation, no locks.
 */
void ctrpol_net_decide(const struct ctrpol_blob_view *v, const struct ctrpol_net_query *q,
		       struct ctrpol_rules_verdict *out);

#endif /* CTRPOL_POLICY_H */
