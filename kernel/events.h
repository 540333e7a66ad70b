/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctrpol LSM - one event, made once for every place it goes: events.c
 * makes it and sends it as a netlink message; event_audit.c writes it as
 * an audit record.
 */
#ifndef _SECURITY_CTRPOL_EVENTS_H
#define _SECURITY_CTRPOL_EVENTS_H

#include <linux/llist.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "ctrpol.h"

/* Bytes of a mount's source that an event carries. */
#define CTRPOL_EVENT_SOURCE_MAX	255

struct cgroup;
struct file;

/**
 * struct ctrpol_event_info - an event's fields, as &enum ctrpol_event_attr names them
 * @node: in events.c's queue, while it waits to be sent
 * @cgroup: the task's cgroup v2
 * @exe: the program current runs, or NULL
 * @root: current's root, where @exe is spelled from; with @exe only
 * @time: CLOCK_REALTIME, ns
 * @want: the permission bits asked for
 * @denied: the bits refused
 * @suppressed: events of the profile the rate limit dropped before this one
 * @cgroup_id: the id of @cgroup
 * @pid: the task, in the initial pid namespace
 * @tgid: its process
 * @uid: its real uid, in the initial user namespace
 * @peer_pid: PEER: the other task
 * @signal: PEER: the signal, for %CTRPOL_PEER_SIGNAL
 * @verdict: &enum ctrpol_verdict
 * @class: &enum ctrpol_rule_kind
 * @boundary: %CTRPOL_EV_BOUNDARY
 * @cap: CAP: the capability
 * @net: NET: the socket and address
 * @comm: the task's command name
 * @profile: the name of the profile that decided
 * @peer_profile: PEER: the other task's profile, "" when unconfined
 * @fstype: MOUNT: type and subtype, as mount rules name them
 * @path: the object, spelled when the operation was decided; or NULL
 * @source: MOUNT: what mount(2) was given, or NULL
 * @strings: where @path and @source are
 *
 * Everything but the cgroup's and the program's paths is copied in the
 * hook: the request it describes is gone by the time the event is sent.
 * Those two paths cost most of an event to spell, so the hook leaves them
 * to the work item that sends it: @cgroup, @exe and @root are then
 * references it holds, and the work item drops them (dropping a path may
 * sleep, which no hook may).  Until it is queued, @cgroup is only borrowed
 * under the hook's rcu_read_lock() and @exe is NULL: an audit record,
 * written in the hook, spells current's program and root as they are.
 */
struct ctrpol_event_info {
	struct llist_node node;
	struct cgroup *cgroup;
	struct file *exe;
	struct path root;
	u64 time;
	u64 want;
	u64 denied;
	u64 suppressed;
	u64 cgroup_id;
	pid_t pid;
	pid_t tgid;
	uid_t uid;
	pid_t peer_pid;
	int signal;
	u8 verdict;
	u8 class;
	bool boundary;
	u8 cap;
	struct ctrpol_net_query net;
	char comm[TASK_COMM_LEN];
	char profile[CTRPOL_NAME_MAX];
	char peer_profile[CTRPOL_NAME_MAX];
	char fstype[64];
	const char *path;
	const char *source;
	char strings[];
};

/**
 * struct ctrpol_event_names - the paths an event's references spell
 * @cgroup: below the cgroup2 root; "" when it could not be spelled
 * @exe: the program, or NULL
 */
struct ctrpol_event_names {
	const char *cgroup;
	const char *exe;
};

bool ctrpol_audit_on(void);
bool ctrpol_event_audit(const struct ctrpol_event_info *ev, const struct ctrpol_event_names *names);

#endif /* _SECURITY_CTRPOL_EVENTS_H */
