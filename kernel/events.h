/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctrpol LSM - one event, resolved once for every place it goes:
 * events.c fills it in and sends it as a netlink message; event_audit.c
 * writes it as an audit record.
 */
#ifndef _SECURITY_CTRPOL_EVENTS_H
#define _SECURITY_CTRPOL_EVENTS_H

#include <linux/sched.h>
#include <linux/types.h>

#include "ctrpol.h"

/* Bytes of a mount's source that an event carries. */
#define CTRPOL_EVENT_SOURCE_MAX	255

/**
 * struct ctrpol_event_info - an event's fields, as &enum ctrpol_event_attr names them
 * @req: the operation
 * @profile: the name of the profile that decided it
 * @verdict: &enum ctrpol_verdict
 * @denied: the bits refused
 * @suppressed: events of the profile the rate limit dropped before this one
 * @time: CLOCK_REALTIME, ns
 * @cgroup_id: the task's cgroup v2
 * @pid: the task, in the initial pid namespace
 * @tgid: its process
 * @uid: its real uid, in the initial user namespace
 * @peer_pid: PEER: the other task
 * @comm: the task's command name
 * @fstype: MOUNT: type and subtype, as mount rules name them
 * @cgroup_path: below the cgroup2 root; "" when it could not be spelled
 * @exe: the program, or NULL
 * @path: what @req->path or @req->kn spells, or NULL
 *
 * The strings live in a per-CPU buffer of events.c, valid while it holds it.
 */
struct ctrpol_event_info {
	const struct ctrpol_request *req;
	const char *profile;
	u8 verdict;
	u64 denied;
	u64 suppressed;
	u64 time;
	u64 cgroup_id;
	pid_t pid;
	pid_t tgid;
	uid_t uid;
	pid_t peer_pid;
	char comm[TASK_COMM_LEN];
	char fstype[64];
	const char *cgroup_path;
	const char *exe;
	const char *path;
};

bool ctrpol_audit_on(void);
bool ctrpol_event_audit(const struct ctrpol_event_info *ev);

#endif /* _SECURITY_CTRPOL_EVENTS_H */
