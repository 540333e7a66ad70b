/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's side of `ctrpol learn`: a temporary profile in complain mode,
 * attached to the cgroup learned from, whose events are received; and its
 * undoing, which must happen whatever else fails, so that no cgroup is left
 * in complain mode.
 */
#ifndef CTRPOL_LEARN_SESSION_H
#define CTRPOL_LEARN_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "events/event.h"
#include "genl/cgroup.h"

struct learn_session {
	const struct cgroup_ref *cgroup;
	const char *profile;		/* the temporary profile's name */
	struct ctrpol_nl nl;		/* requests */
	struct ctrpol_nl events_nl;	/* the subscription, on a socket of its own */
	struct event_stream *events;
	bool loaded, attached;
};

/*
 * Subscribe to events, load blob (the compiled temporary profile, named
 * profile) and attach it to cgroup, refusing a cgroup that has a profile of
 * its own already.  Returns 0, or an exit status after saying what failed;
 * either way learn_session_end() undoes what was done.
 */
int learn_session_start(struct learn_session *s, const struct cgroup_ref *cgroup,
			const char *profile, const void *blob, size_t size);

/*
 * Stop confining the cgroup: no event of the profile follows once this
 * returns, but those already sent may still be read.  Returns 0, or an exit
 * status after saying how to detach it by hand.
 */
int learn_session_detach(struct learn_session *s);

/*
 * Detach if still attached, read how many events of the profile the kernel
 * dropped into *dropped (0 when it cannot tell), unload the profile and
 * close the connections.  Returns 0, or an exit status after saying what
 * is left behind and how to remove it.
 */
int learn_session_end(struct learn_session *s, uint64_t *dropped);

#endif
