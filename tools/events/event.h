/* SPDX-License-Identifier: GPL-2.0 */
/* Events of the LSM (CTRPOL_CMD_EVENT on the group CTRPOL_MCGRP_EVENTS), received and decoded. */
#ifndef CTRPOL_EVENT_H
#define CTRPOL_EVENT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "genl/genl_client.h"

/*
 * One event, as the kernel sent it (see enum ctrpol_event_attr).  Strings
 * point into the received message: valid until the next event_stream_next().
 * A string attribute the kernel left out is NULL; a number it left out is 0,
 * except where a has_ flag says.
 */
struct ctrpol_event {
	uint64_t time_ns;		/* CLOCK_REALTIME */
	uint8_t verdict;		/* enum ctrpol_verdict */
	uint8_t cls;			/* enum ctrpol_rule_kind */
	uint64_t requested;		/* bits of the class */
	uint64_t denied;
	const char *profile;
	uint64_t cgroup_id;
	const char *cgroup_path;	/* NULL when the kernel could not spell it */
	uint32_t pid, tgid, uid;
	const char *comm;
	const char *exe;
	const char *path;		/* FILE, MOUNT */
	bool boundary;			/* FILE: out of the container's cgroup subtree; path is kernfs's */
	const char *fstype;		/* MOUNT */
	const char *source;		/* MOUNT: the source mount(2) was given */
	bool has_capability;
	uint8_t capability;		/* CAP */
	uint16_t family, sock_type, protocol;	/* NET */
	uint8_t addr_len;		/* NET: 0 (no address), 4 or 16 */
	uint8_t addr[16];
	uint16_t port;
	bool has_peer;
	uint32_t peer_pid;		/* PEER */
	const char *peer_profile;	/* NULL: the peer is unconfined */
	bool has_signal;
	uint32_t signal;
	uint64_t suppressed;		/* events of the profile the rate limit dropped just before */
};

/*
 * Decode one CTRPOL_CMD_EVENT message.  Returns 0, or -EBADMSG when it is
 * malformed (an attribute of the wrong type or size, a string the ABI bounds
 * past its bound, an address whose size is not its family's, a family or
 * socket type above 255) or lacks an attribute every event has (time,
 * verdict, class, requested, profile, cgroup id, pid).  Attributes this tool
 * does not know are skipped, and so are values it has no name for.
 */
int event_decode(struct nlmsghdr *nlh, struct ctrpol_event *ev);

/* A subscription to the events group. */
struct event_stream;

/*
 * Join the events group on nl's socket, which from then on carries events
 * only: make requests on another connection.  nl stays the caller's, to
 * close after event_stream_close().  Returns 0, -EPERM without
 * CAP_NET_ADMIN, -EOPNOTSUPP when the running LSM has no events group, or
 * another negative errno, with a message in nl->extack.
 */
int event_stream_open(struct event_stream **out, struct ctrpol_nl *nl);

/*
 * Wait up to timeout_ms (-1: forever) for the next event.  Returns 1 with
 * *ev set; 0 on timeout, when a signal interrupted the wait, or when what
 * arrived held no event; -ENOBUFS when the socket's receive buffer
 * overflowed (events were lost, how many is unknown); -EBADMSG when a
 * malformed event was skipped; or another negative errno.  After -ENOBUFS
 * and -EBADMSG the stream goes on.
 */
int event_stream_next(struct event_stream *s, struct ctrpol_event *ev, int timeout_ms);

void event_stream_close(struct event_stream *s);

/* One line for people: time, verdict, profile, task, operation, target, denied permissions. */
void event_print_text(FILE *out, const struct ctrpol_event *ev);

/*
 * One JSON object on one line (JSON Lines), written with json-c.  Returns 0,
 * or -1 when memory ran out and nothing was written.
 */
int event_print_json(FILE *out, const struct ctrpol_event *ev);

#endif
