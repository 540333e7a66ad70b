/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What `ctrpol learn` gathers from the events of its profile in complain
 * mode: the operations the profile would deny, merged into the rules that
 * would allow them (one per generalised path, per socket, per peer...),
 * and what cannot be learned, with why.
 */
#ifndef CTRPOL_LEARNED_H
#define CTRPOL_LEARNED_H

#include <stdint.h>

#include "events/event.h"
#include "policy.h"
#include "util/str_map.h"

struct learned {
	const char *profile;	/* the events of this profile are learned, the others ignored */
	struct str_map files;	/* a path as a rule's field (learn_path_glob) -> CTRPOL_FILE_* */
	uint64_t caps;		/* bit n: capability n */
	struct str_map net;	/* selectors (net_sel_format) -> CTRPOL_NET_* */
	struct str_map mounts;	/* "fstype T on PATH" -> CTRPOL_MOUNT_* */
	struct str_map ptrace;	/* peer profile ("unconfined") -> CTRPOL_PEER_READ, _TRACE */
	struct str_map signals;	/* peer profile -> bit n - 1 for signal n */
	struct str_map probes;	/* peer profile -> signal 0 (does it exist?) was sent: 1 */
	uint32_t kernel;	/* CTRPOL_KERNEL_* and CTRPOL_PRIV_* */
	struct str_map refused;	/* an operation a deny rule refuses, as text -> times seen */
	struct str_map unnamed;	/* an operation no rule can name, and why -> times seen */
	uint64_t events;	/* events learned from */
	uint64_t lost;		/* events the kernel dropped, as it said */
	uint64_t lost_here;	/* times events were lost on the way here: the socket overflowed
				 * (how many, unknown), or a malformed one was skipped */
};

/* An empty set for the events of profile, a string that must outlive l. */
void learned_init(struct learned *l, const char *profile);
void learned_free(struct learned *l);

/*
 * Learn from ev: an event of l->profile that it would have denied
 * (CTRPOL_VERDICT_COMPLAINED); any other event is ignored.  What a deny rule
 * of v, the profile's compiled form, refuses is not learned (deny wins, no
 * allow can help) but recorded in l->refused.  Returns 0 or -ENOMEM.
 */
int learned_add(struct learned *l, const struct ctrpol_event *ev, const struct ctrpol_blob_view *v);

#endif
