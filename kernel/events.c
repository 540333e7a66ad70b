// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - events: what was denied, would have been, or was audited
 *
 * A hook must never block and its caller may hold any lock, so the hook
 * only copies what it knows into a record (one allocation that does not
 * sleep) and queues it; a work item spells the rest, builds the netlink
 * messages and multicasts them from process context.  The work runs a tick
 * after the first event queued (or at once when EVENT_BATCH wait): a burst
 * of denials wakes it once, its messages share datagrams, and the denied
 * operation costs little more than an allowed one.  Each profile may send
 * ctrpol.event_rate events a second, in bursts of ctrpol.event_burst; what
 * it cannot send is counted as dropped, and the next event it sends says
 * how many went missing.
 */

#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/fs_struct.h>
#include <linux/kernfs.h>
#include <linux/local_lock.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/sched/mm.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "events.h"
#include "path_name.h"

/* Read-only once booted: a confined root must not be able to silence its events. */
static unsigned int event_rate = 200;
module_param(event_rate, uint, 0444);
MODULE_PARM_DESC(event_rate, "events each profile may send per second (at least 1)");

static unsigned int event_burst = 1000;
module_param(event_burst, uint, 0444);
MODULE_PARM_DESC(event_burst, "events a profile may send at once (at least 1)");

/* Events made but not yet sent; more are dropped: the sender is not keeping up. */
#define EVENT_QUEUE_MAX	1024
/* Queued events that send them without waiting for the tick. */
#define EVENT_BATCH	64

/*
 * The events waiting, newest first: hooks add to it without a lock, the
 * work item takes them all at once.  event_pending counts them, slots
 * being reserved before an event is added and freed once it is sent.
 */
static LLIST_HEAD(event_queue);
static atomic_t event_pending = ATOMIC_INIT(0);

/* Events sent and dropped since boot, of profiles unloaded since too. */
struct event_totals {
	u64 sent;
	u64 dropped;
};

static DEFINE_PER_CPU(struct event_totals, event_totals);

/*
 * Where a hook spells what it needs now, the object's path and, for an
 * audit record, the cgroup's and the program's: per CPU, so that it needs
 * no allocation; the local lock keeps the task on its CPU meanwhile.
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

/*
 * Where the work item spells the paths of the event it sends: its runs
 * never overlap (a work item is not reentrant), so one buffer will do.
 */
static char send_cgroup[CTRPOL_MAX_PATH];
static char send_exe[CTRPOL_MAX_PATH];

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

static int put_u64(struct sk_buff *skb, int type, u64 value)
{
	return nla_put_u64_64bit(skb, type, value, CTRPOL_EV_PAD);
}

static int put_target(struct sk_buff *skb, const struct ctrpol_event_info *ev)
{
	const struct ctrpol_net_query *q = &ev->net;

	if ((ev->path && nla_put_string(skb, CTRPOL_EV_PATH, ev->path)) ||
	    (ev->boundary && nla_put_flag(skb, CTRPOL_EV_BOUNDARY)))
		return -EMSGSIZE;
	switch (ev->class) {
	case CTRPOL_RULE_MOUNT:
		if (nla_put_string(skb, CTRPOL_EV_FSTYPE, ev->fstype) ||
		    (ev->source && nla_put_string(skb, CTRPOL_EV_SOURCE, ev->source)))
			return -EMSGSIZE;
		break;
	case CTRPOL_RULE_CAP:
		return nla_put_u8(skb, CTRPOL_EV_CAPABILITY, ev->cap);
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
		    (*ev->peer_profile &&
		     nla_put_string(skb, CTRPOL_EV_PEER_PROFILE, ev->peer_profile)))
			return -EMSGSIZE;
		if (ev->want == CTRPOL_PEER_SIGNAL)
			return nla_put_u32(skb, CTRPOL_EV_SIGNAL, ev->signal);
		break;
	}
	return 0;
}

/* Bytes @ev's message may take: every attribute but the strings fits in 256. */
static size_t event_msg_size(const struct ctrpol_event_info *ev,
			     const struct ctrpol_event_names *names)
{
	size_t strings = strlen(names->cgroup) + (names->exe ? strlen(names->exe) : 0) +
			 (ev->path ? strlen(ev->path) : 0) + (ev->source ? strlen(ev->source) : 0);

	return nlmsg_total_size(genlmsg_msg_size(256 + strings + 4 * CTRPOL_NAME_MAX));
}

/* Append @ev's message to @skb.  Return: 0, or -EMSGSIZE, @skb unchanged. */
static int event_msg(struct sk_buff *skb, const struct ctrpol_event_info *ev,
		     const struct ctrpol_event_names *names)
{
	void *hdr = genlmsg_put(skb, 0, 0, &ctrpol_nl_family, 0, CTRPOL_CMD_EVENT);
	struct nlattr *nest = hdr ? nla_nest_start(skb, CTRPOL_A_EVENT) : NULL;

	if (!nest ||
	    put_u64(skb, CTRPOL_EV_TIME, ev->time) ||
	    nla_put_u8(skb, CTRPOL_EV_VERDICT, ev->verdict) ||
	    nla_put_u8(skb, CTRPOL_EV_CLASS, ev->class) ||
	    put_u64(skb, CTRPOL_EV_REQUESTED, ev->want) ||
	    put_u64(skb, CTRPOL_EV_DENIED, ev->denied) ||
	    nla_put_string(skb, CTRPOL_EV_PROFILE, ev->profile) ||
	    put_u64(skb, CTRPOL_EV_CGROUP_ID, ev->cgroup_id) ||
	    nla_put_string(skb, CTRPOL_EV_CGROUP_PATH, names->cgroup) ||
	    nla_put_u32(skb, CTRPOL_EV_PID, ev->pid) ||
	    nla_put_u32(skb, CTRPOL_EV_TGID, ev->tgid) ||
	    nla_put_u32(skb, CTRPOL_EV_UID, ev->uid) ||
	    nla_put_string(skb, CTRPOL_EV_COMM, ev->comm) ||
	    (names->exe && nla_put_string(skb, CTRPOL_EV_EXE, names->exe)) ||
	    put_target(skb, ev) ||
	    (ev->suppressed && put_u64(skb, CTRPOL_EV_SUPPRESSED, ev->suppressed))) {
		if (hdr)
			genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

/* The path of @cgrp into @buf, or "" when it does not fit. */
static const char *cgroup_path_of(struct cgroup *cgrp, char *buf)
{
	return kernfs_path(cgrp->kn, buf, CTRPOL_MAX_PATH) < 0 ? "" : buf;
}

/* The program's path into @buf, as @root spells it; NULL when it has none. */
static const char *exe_name(const struct file *exe, const struct path *root, char *buf)
{
	size_t len;
	const char *name = root ? ctrpol_path_name_at(&exe->f_path, root, buf, &len) :
				  ctrpol_path_name(&exe->f_path, buf, &len);

	return IS_ERR(name) ? NULL : name;
}

/* Drop what @ev holds, and @ev.  Context: process: dropping a path may sleep. */
static void event_free(struct ctrpol_event_info *ev)
{
	if (ev->exe) {
		fput(ev->exe);
		path_put(&ev->root);
	}
	cgroup_put(ev->cgroup);
	kfree(ev);
}

/* Multicast @skb, the messages of events; one that got none is no datagram. */
static void event_flush(struct sk_buff *skb)
{
	if (skb->len)
		genlmsg_multicast(&ctrpol_nl_family, skb, 0, 0, GFP_KERNEL);
	else
		nlmsg_free(skb);
}

/*
 * Add @ev's message to @skb, which is multicast first if it is full;
 * Return: the datagram to add the next one to, or NULL.
 */
static struct sk_buff *event_append(struct sk_buff *skb, const struct ctrpol_event_info *ev)
{
	struct ctrpol_event_names names = {
		.cgroup = cgroup_path_of(ev->cgroup, send_cgroup),
		.exe = ev->exe ? exe_name(ev->exe, &ev->root, send_exe) : NULL,
	};
	size_t size = event_msg_size(ev, &names);

	if (skb && skb_tailroom(skb) < size) {
		event_flush(skb);
		skb = NULL;
	}
	if (!skb)
		skb = nlmsg_new(max_t(size_t, size, NLMSG_GOODSIZE), GFP_KERNEL);
	/* Only out of memory: the size is an upper bound. */
	if (!skb || event_msg(skb, ev, &names)) {
		this_cpu_inc(event_totals.dropped);
		this_cpu_dec(event_totals.sent);
	}
	return skb;
}

static void event_send(struct work_struct *work)
{
	struct llist_node *list = llist_reverse_order(llist_del_all(&event_queue));
	struct ctrpol_event_info *ev, *next;
	struct sk_buff *skb = NULL;
	int n = 0;

	llist_for_each_entry_safe(ev, next, list, node) {
		skb = event_append(skb, ev);
		event_free(ev);
		n++;
	}
	if (skb)
		event_flush(skb);
	atomic_sub(n, &event_pending);
}

static DECLARE_DELAYED_WORK(event_work, event_send);

/*
 * Queue @ev for the monitors, with references to what the work item will
 * spell; @self: whether the task it reports is current, whose program and
 * root it then names.  Return: whether it was queued; if not, @ev is freed.
 */
static bool event_queue_add(struct ctrpol_event_info *ev, bool self)
{
	int pending = atomic_inc_return(&event_pending);

	if (pending > EVENT_QUEUE_MAX) {
		atomic_dec(&event_pending);
		kfree(ev);
		return false;
	}
	cgroup_get(ev->cgroup);
	/* Outside task context current is whoever was interrupted. */
	if (self && in_task() && current->mm && current->fs) {
		ev->exe = get_mm_exe_file(current->mm);
		if (ev->exe)
			get_fs_root(current->fs, &ev->root);
	}
	llist_add(&ev->node, &event_queue);
	/*
	 * On this CPU, whose caches hold what the work reads: waking another
	 * costs an IPI per run.  Once pending, queueing again is a bit test;
	 * moving the work forward is not, so it is done once per batch.
	 */
	if (pending % EVENT_BATCH == 0)
		mod_delayed_work(system_wq, &event_work, 0);
	else
		queue_delayed_work(system_wq, &event_work, 1);
	return true;
}

/*
 * The object of @req, spelled into @bufs if the decision did not spell it
 * already; NULL when it has none.
 */
static const char *object_name(const struct ctrpol_request *req, struct event_strings *bufs)
{
	const char *name = NULL;
	size_t len;

	if (req->name)
		return req->name;
	if (req->path)
		name = ctrpol_path_name(req->path, bufs->path, &len);
	else if (req->kn && kernfs_path(req->kn, bufs->path, sizeof(bufs->path)) >= 0)
		name = bufs->path;
	return IS_ERR(name) ? NULL : name;
}

/*
 * A new event of @req, everything copied but the cgroup's and program's
 * paths, for which it points to the task's cgroup (under the caller's RCU
 * read section); NULL for want of memory.
 */
static struct ctrpol_event_info *event_new(struct ctrpol_profile *prof,
					   const struct ctrpol_request *req, u8 verdict,
					   u64 denied, struct event_strings *bufs)
{
	const char *path = object_name(req, bufs);
	size_t path_size = path ? strlen(path) + 1 : 0;
	size_t source_size = req->source ? strnlen(req->source, CTRPOL_EVENT_SOURCE_MAX) + 1 : 0;
	struct ctrpol_event_info *ev;

	ev = kmalloc(struct_size(ev, strings, path_size + source_size),
		     GFP_NOWAIT | __GFP_NOWARN);
	if (!ev)
		return NULL;
	*ev = (struct ctrpol_event_info){
		.cgroup = task_dfl_cgroup(req->task),
		.time = ktime_get_real_ns(),
		.want = req->want,
		.denied = denied,
		.pid = task_pid_nr(req->task),
		.tgid = task_tgid_nr(req->task),
		.uid = from_kuid(&init_user_ns, task_uid(req->task)),
		.peer_pid = req->peer ? task_pid_nr(req->peer) : 0,
		.signal = req->signal,
		.verdict = verdict,
		.class = req->class,
		.boundary = req->boundary,
		.cap = req->cap,
	};
	ev->cgroup_id = cgroup_id(ev->cgroup);
	if (req->net)
		ev->net = *req->net;
	/* Unlocked, as tracing reads it: the caller may hold the task's task_lock(). */
	strscpy_pad(ev->comm, req->task->comm);
	strscpy(ev->profile, prof->name);
	if (req->peer_profile)
		strscpy(ev->peer_profile, req->peer_profile);
	if (req->class == CTRPOL_RULE_MOUNT)
		snprintf(ev->fstype, sizeof(ev->fstype), "%s%s%s", req->fstype,
			 req->fssubtype ? "." : "", req->fssubtype ?: "");
	if (path)
		ev->path = memcpy(ev->strings, path, path_size);
	if (req->source) {
		ev->source = ev->strings + path_size;
		strscpy(ev->strings + path_size, req->source, source_size);
	}
	return ev;
}

/* Write @ev as an audit record, its paths spelled now into @bufs. */
static bool event_audit_now(const struct ctrpol_event_info *ev, bool self,
			    struct event_strings *bufs)
{
	struct ctrpol_event_names names = { .cgroup = cgroup_path_of(ev->cgroup, bufs->cgroup) };
	struct file *exe;

	/* Another task's program would need its task_lock(), which a caller may hold. */
	if (self && current->mm) {
		exe = get_mm_exe_file(current->mm);
		if (exe) {
			names.exe = exe_name(exe, NULL, bufs->exe);
			fput(exe);
		}
	}
	return ctrpol_event_audit(ev, &names);
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
	bool self = req->task == current;
	struct ctrpol_event_info *ev;
	struct event_strings *bufs;
	u64 suppressed = 0;
	bool all = false, any = false;

	if (!to_monitors && !to_audit)
		return;
	if (!admit(prof)) {
		atomic64_inc(&prof->suppressed);
		goto dropped;
	}
	local_lock(&event_strings.lock);
	bufs = this_cpu_ptr(&event_strings);
	ev = event_new(prof, req, verdict, denied, bufs);
	if (ev) {
		suppressed = atomic64_xchg(&prof->suppressed, 0);
		ev->suppressed = suppressed;
		all = true;
		if (to_audit) {
			bool logged = event_audit_now(ev, self, bufs);

			all &= logged;
			any |= logged;
		}
	}
	local_unlock(&event_strings.lock);
	if (ev && to_monitors) {
		bool queued = event_queue_add(ev, self);

		all &= queued;
		any |= queued;
	} else {
		kfree(ev);
	}

	if (any) {
		this_cpu_inc(prof->counts->events);
		this_cpu_inc(event_totals.sent);
	}
	if (all)
		return;
	/* The next event says how many went missing, this one included. */
	atomic64_add(suppressed + 1, &prof->suppressed);
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
