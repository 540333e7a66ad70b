// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - events: what was denied, would have been, or was audited
 *
 * A hook must never block and its caller may hold any lock, so an event
 * is built in the hook (without sleeping: GFP_NOWAIT) and queued; a work
 * item hands it to netlink from process context, where multicast can take
 * the locks it likes.  It runs a tick after the first event queued (or at
 * once when EVENT_BATCH wait): a burst of denials wakes it once, not once
 * per event, and so costs the task that is denied little more than being
 * allowed.  Each profile may send ctrpol.event_rate events a
 * second, in bursts of ctrpol.event_burst; what it cannot send is counted
 * as dropped, and the next event it sends says how many went missing.
 */

#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/kernfs.h>
#include <linux/local_lock.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/sched/mm.h>
#include <linux/skbuff.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "events.h"

/* Read-only once booted: a confined root must not be able to silence its events. */
static unsigned int event_rate = 200;
module_param(event_rate, uint, 0444);
MODULE_PARM_DESC(event_rate, "events each profile may send per second (at least 1)");

static unsigned int event_burst = 1000;
module_param(event_burst, uint, 0444);
MODULE_PARM_DESC(event_burst, "events a profile may send at once (at least 1)");

/* Events built but not yet multicast; more are dropped: the listener is not keeping up. */
#define EVENT_QUEUE_MAX	1024
/* Queued events that send them without waiting for the tick. */
#define EVENT_BATCH	64

static struct sk_buff_head event_queue;

/* Events sent and dropped since boot, of profiles unloaded since too. */
struct event_totals {
	u64 sent;
	u64 dropped;
};

static DEFINE_PER_CPU(struct event_totals, event_totals);

/*
 * Where an event's strings are spelled: per CPU, so that a hook needs no
 * allocation for them; the local lock keeps the task on its CPU meanwhile.
 */
struct event_strings {
	local_lock_t lock;
	char cgroup[CTRPOL_MAX_PATH];
	char exe[CTRPOL_MAX_PATH];
	char path[CTRPOL_MAX_PATH];
};

static DEFINE_PER_CPU(struct event_strings, event_strings) = {
	.lock = INIT_LOCAL_LOCK(lock),
};

/**
 * ctrpol_event_rate - events a profile may send per second
 *
 * Return: ctrpol.event_rate, at least 1.
 */
u32 ctrpol_event_rate(void)
{
	return max(event_rate, 1U);
}

/**
 * ctrpol_event_burst - events a profile may send at once
 *
 * Return: ctrpol.event_burst, at least 1.
 */
u32 ctrpol_event_burst(void)
{
	return max(event_burst, 1U);
}

/*
 * Whether @prof may send an event now: the generic cell rate algorithm.
 * event_due is when the profile's next event is due at the sustained rate;
 * an event may come early by up to burst - 1 intervals.  One cmpxchg, no
 * lock, and exact: below the limit nothing is dropped, however many CPUs.
 */
static bool admit(struct ctrpol_profile *prof)
{
	u64 interval = NSEC_PER_SEC / ctrpol_event_rate();
	u64 slack = interval * (ctrpol_event_burst() - 1);
	u64 now = ktime_get_mono_fast_ns();
	s64 old = atomic64_read(&prof->event_due);
	u64 due;

	do {
		due = max_t(u64, old, now);
		if (due - now > slack)
			return false;
	} while (!atomic64_try_cmpxchg(&prof->event_due, &old, due + interval));
	return true;
}

/* Put @s, at most @max bytes of it, NUL-terminated. */
static int put_string(struct sk_buff *skb, int type, const char *s, size_t max)
{
	size_t len = strnlen(s, max);
	struct nlattr *nla = nla_reserve(skb, type, len + 1);

	if (!nla)
		return -EMSGSIZE;
	memcpy(nla_data(nla), s, len);
	((char *)nla_data(nla))[len] = '\0';
	return 0;
}

static int put_u64(struct sk_buff *skb, int type, u64 value)
{
	return nla_put_u64_64bit(skb, type, value, CTRPOL_EV_PAD);
}

static int put_target(struct sk_buff *skb, const struct ctrpol_event_info *ev)
{
	const struct ctrpol_request *req = ev->req;
	const struct ctrpol_net_query *q = req->net;

	if ((ev->path && put_string(skb, CTRPOL_EV_PATH, ev->path, CTRPOL_MAX_PATH)) ||
	    (req->boundary && nla_put_flag(skb, CTRPOL_EV_BOUNDARY)))
		return -EMSGSIZE;
	switch (req->class) {
	case CTRPOL_RULE_MOUNT:
		if (put_string(skb, CTRPOL_EV_FSTYPE, ev->fstype, sizeof(ev->fstype)) ||
		    (req->source && put_string(skb, CTRPOL_EV_SOURCE, req->source,
					       CTRPOL_EVENT_SOURCE_MAX)))
			return -EMSGSIZE;
		break;
	case CTRPOL_RULE_CAP:
		return nla_put_u8(skb, CTRPOL_EV_CAPABILITY, req->cap);
	case CTRPOL_RULE_NET:
		if (nla_put_u16(skb, CTRPOL_EV_FAMILY, q->family) ||
		    nla_put_u16(skb, CTRPOL_EV_SOCK_TYPE, q->type) ||
		    nla_put_u16(skb, CTRPOL_EV_PROTOCOL, q->protocol))
			return -EMSGSIZE;
		if (q->has_addr &&
		    (nla_put(skb, CTRPOL_EV_ADDR, q->family == AF_INET ? 4 : 16, q->addr) ||
		     nla_put_u16(skb, CTRPOL_EV_PORT, q->port)))
			return -EMSGSIZE;
		break;
	case CTRPOL_RULE_PEER:
		if (nla_put_u32(skb, CTRPOL_EV_PEER_PID, ev->peer_pid) ||
		    (*req->peer_profile &&
		     put_string(skb, CTRPOL_EV_PEER_PROFILE, req->peer_profile, CTRPOL_NAME_MAX)))
			return -EMSGSIZE;
		if (req->want == CTRPOL_PEER_SIGNAL)
			return nla_put_u32(skb, CTRPOL_EV_SIGNAL, req->signal);
		break;
	}
	return 0;
}

/* The message of @ev, or NULL for want of memory. */
static struct sk_buff *event_msg(const struct ctrpol_event_info *ev)
{
	/* Every attribute but the strings fits in 256 bytes. */
	size_t size = 256 + strlen(ev->cgroup_path) + (ev->exe ? strlen(ev->exe) : 0) +
		      (ev->path ? strlen(ev->path) : 0) + CTRPOL_EVENT_SOURCE_MAX +
		      4 * CTRPOL_NAME_MAX;
	struct sk_buff *skb = genlmsg_new(size, GFP_NOWAIT | __GFP_NOWARN);
	struct nlattr *nest;
	void *hdr;

	if (!skb)
		return NULL;
	hdr = genlmsg_put(skb, 0, 0, &ctrpol_nl_family, 0, CTRPOL_CMD_EVENT);
	nest = hdr ? nla_nest_start(skb, CTRPOL_A_EVENT) : NULL;
	if (!nest ||
	    put_u64(skb, CTRPOL_EV_TIME, ev->time) ||
	    nla_put_u8(skb, CTRPOL_EV_VERDICT, ev->verdict) ||
	    nla_put_u8(skb, CTRPOL_EV_CLASS, ev->req->class) ||
	    put_u64(skb, CTRPOL_EV_REQUESTED, ev->req->want) ||
	    put_u64(skb, CTRPOL_EV_DENIED, ev->denied) ||
	    nla_put_string(skb, CTRPOL_EV_PROFILE, ev->profile) ||
	    put_u64(skb, CTRPOL_EV_CGROUP_ID, ev->cgroup_id) ||
	    nla_put_string(skb, CTRPOL_EV_CGROUP_PATH, ev->cgroup_path) ||
	    nla_put_u32(skb, CTRPOL_EV_PID, ev->pid) ||
	    nla_put_u32(skb, CTRPOL_EV_TGID, ev->tgid) ||
	    nla_put_u32(skb, CTRPOL_EV_UID, ev->uid) ||
	    nla_put_string(skb, CTRPOL_EV_COMM, ev->comm) ||
	    (ev->exe && nla_put_string(skb, CTRPOL_EV_EXE, ev->exe)) ||
	    put_target(skb, ev) ||
	    (ev->suppressed && put_u64(skb, CTRPOL_EV_SUPPRESSED, ev->suppressed))) {
		nlmsg_free(skb);
		return NULL;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return skb;
}

static void event_send(struct work_struct *work)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&event_queue)))
		genlmsg_multicast(&ctrpol_nl_family, skb, 0, 0, GFP_KERNEL);
}

static DECLARE_DELAYED_WORK(event_work, event_send);

/* Queue @ev for the monitors.  Return: whether it was. */
static bool event_queue_msg(const struct ctrpol_event_info *ev)
{
	struct sk_buff *skb;

	if (skb_queue_len_lockless(&event_queue) >= EVENT_QUEUE_MAX)
		return false;
	skb = event_msg(ev);
	if (!skb)
		return false;
	skb_queue_tail(&event_queue, skb);
	/* Pending already, as in a burst: scheduling it again is the test of a bit. */
	if (skb_queue_len_lockless(&event_queue) >= EVENT_BATCH)
		mod_delayed_work(system_wq, &event_work, 0);
	else
		schedule_delayed_work(&event_work, 1);
	return true;
}

/* The program current runs, spelled into @buf; NULL when unknown. */
static const char *exe_name(char *buf)
{
	struct file *exe;
	const char *name;
	size_t len;

	if (!current->mm)
		return NULL;
	exe = get_mm_exe_file(current->mm);
	if (!exe)
		return NULL;
	name = ctrpol_path_name(&exe->f_path, buf, &len);
	fput(exe);
	return IS_ERR(name) ? NULL : name;
}

/* The strings of @ev, spelled into @bufs. */
static void spell(struct ctrpol_event_info *ev, struct event_strings *bufs)
{
	const struct ctrpol_request *req = ev->req;
	struct cgroup *cgrp = task_dfl_cgroup(req->task);
	const char *name = NULL;
	size_t len;

	ev->cgroup_id = cgroup_id(cgrp);
	ev->cgroup_path = kernfs_path(cgrp->kn, bufs->cgroup, sizeof(bufs->cgroup)) < 0 ?
			  "" : bufs->cgroup;
	/* Another task's program would need its task_lock(), which a caller may hold. */
	ev->exe = req->task == current ? exe_name(bufs->exe) : NULL;
	if (req->name)
		name = req->name;
	else if (req->path)
		name = ctrpol_path_name(req->path, bufs->path, &len);
	else if (req->kn && kernfs_path(req->kn, bufs->path, sizeof(bufs->path)) >= 0)
		name = bufs->path;
	ev->path = IS_ERR(name) ? NULL : name;
	if (req->class == CTRPOL_RULE_MOUNT)
		snprintf(ev->fstype, sizeof(ev->fstype), "%s%s%s", req->fstype,
			 req->fssubtype ? "." : "", req->fssubtype ?: "");
}

/**
 * ctrpol_event - report a decision: to monitors, and to the audit log
 * @prof: the profile that decided
 * @req: the operation
 * @verdict: &enum ctrpol_verdict
 * @denied: the bits refused (0 for %CTRPOL_VERDICT_AUDITED)
 *
 * Costs nothing when no monitor listens and audit is off; otherwise one
 * allocation that does not sleep.  Loss is never silent: what is not sent
 * is counted as dropped.
 *
 * Context: rcu_read_lock() held; any other lock may be held too.
 */
void ctrpol_event(struct ctrpol_profile *prof, const struct ctrpol_request *req, u8 verdict,
		  u64 denied)
{
	bool to_monitors = genl_has_listeners(&ctrpol_nl_family, &init_net, 0);
	bool to_audit = ctrpol_audit_on();
	struct ctrpol_event_info ev;
	struct event_strings *bufs;
	bool all, any;

	if (!to_monitors && !to_audit)
		return;
	if (!admit(prof)) {
		atomic64_inc(&prof->suppressed);
		goto dropped;
	}
	ev = (struct ctrpol_event_info){
		.req = req,
		.profile = prof->name,
		.verdict = verdict,
		.denied = denied,
		.suppressed = atomic64_xchg(&prof->suppressed, 0),
		.time = ktime_get_real_ns(),
		.pid = task_pid_nr(req->task),
		.tgid = task_tgid_nr(req->task),
		.uid = from_kuid(&init_user_ns, task_uid(req->task)),
		.peer_pid = req->peer ? task_pid_nr(req->peer) : 0,
	};
	/* Unlocked, as tracing reads it: the caller may hold the task's task_lock(). */
	strscpy_pad(ev.comm, req->task->comm);

	local_lock(&event_strings.lock);
	bufs = this_cpu_ptr(&event_strings);
	spell(&ev, bufs);
	all = true;
	any = false;
	if (to_monitors) {
		bool queued = event_queue_msg(&ev);

		all &= queued;
		any |= queued;
	}
	if (to_audit) {
		bool logged = ctrpol_event_audit(&ev);

		all &= logged;
		any |= logged;
	}
	local_unlock(&event_strings.lock);

	if (any) {
		this_cpu_inc(prof->counts->events);
		this_cpu_inc(event_totals.sent);
	}
	if (all)
		return;
	/* The next event says how many went missing, this one included. */
	atomic64_add(ev.suppressed + 1, &prof->suppressed);
dropped:
	this_cpu_inc(prof->counts->dropped);
	this_cpu_inc(event_totals.dropped);
}

/**
 * ctrpol_counts_sum - a profile's counters, over every CPU
 * @prof: the profile
 * @sum: set to the totals
 *
 * Each CPU's counts are read while it may be adding to them: a total can
 * miss what happens meanwhile, but never goes back.
 */
void ctrpol_counts_sum(const struct ctrpol_profile *prof, struct ctrpol_counts *sum)
{
	const u64 *cpu_n;
	u64 *n = (u64 *)sum;
	unsigned int cpu;
	size_t i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		cpu_n = (const u64 *)per_cpu_ptr(prof->counts, cpu);
		for (i = 0; i < sizeof(*sum) / sizeof(u64); i++)
			n[i] += READ_ONCE(cpu_n[i]);
	}
}

/**
 * ctrpol_events_totals - events sent and dropped since boot
 * @sent: set to those sent
 * @dropped: set to those dropped
 */
void ctrpol_events_totals(u64 *sent, u64 *dropped)
{
	unsigned int cpu;

	*sent = *dropped = 0;
	for_each_possible_cpu(cpu) {
		*sent += READ_ONCE(per_cpu(event_totals, cpu).sent);
		*dropped += READ_ONCE(per_cpu(event_totals, cpu).dropped);
	}
}

static int __init ctrpol_events_init(void)
{
	skb_queue_head_init(&event_queue);
	return 0;
}
core_initcall(ctrpol_events_init);
