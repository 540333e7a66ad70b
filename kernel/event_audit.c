// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - events as audit records
 *
 * One record of type CTRPOL_AUDIT_EVENT per event, tied to the syscall
 * being audited.  As Landlock does, none while audit is off: without auditd
 * they would only flood the kernel log.  Fields follow the audit
 * conventions (key=value, untrusted strings quoted or hex-encoded); the
 * permission sets are the hexadecimal bits of the ABI, which `ctrpol
 * monitor` names.
 */

#include <linux/audit.h>
#include <linux/in6.h>
#include <linux/socket.h>

#include "events.h"

static const char *const verdicts[] = {
	[CTRPOL_VERDICT_DENIED] = "denied",
	[CTRPOL_VERDICT_COMPLAINED] = "complained",
	[CTRPOL_VERDICT_AUDITED] = "audited",
};

static const char *const classes[] = {
	[CTRPOL_RULE_FILE] = "file",
	[CTRPOL_RULE_CAP] = "cap",
	[CTRPOL_RULE_NET] = "net",
	[CTRPOL_RULE_MOUNT] = "mount",
	[CTRPOL_RULE_PEER] = "peer",
	[CTRPOL_RULE_KERNEL] = "kernel",
};

/**
 * ctrpol_audit_on - whether events become audit records
 *
 * Return: true while audit is enabled (auditd runs, or audit=1).
 */
bool ctrpol_audit_on(void)
{
	return audit_enabled != AUDIT_OFF;
}

static void log_string(struct audit_buffer *ab, const char *key, const char *s)
{
	audit_log_format(ab, " %s=", key);
	audit_log_untrustedstring(ab, s);
}

static void log_target(struct audit_buffer *ab, const struct ctrpol_event_info *ev)
{
	const struct ctrpol_net_query *q = &ev->net;

	if (ev->path)
		log_string(ab, "path", ev->path);
	if (ev->boundary)
		audit_log_format(ab, " boundary=cgroup");
	switch (ev->class) {
	case CTRPOL_RULE_MOUNT:
		log_string(ab, "fstype", ev->fstype);
		if (ev->source)
			log_string(ab, "source", ev->source);
		break;
	case CTRPOL_RULE_CAP:
		audit_log_format(ab, " capability=%u", ev->cap);
		break;
	case CTRPOL_RULE_NET:
		audit_log_format(ab, " family=%u sock_type=%u protocol=%u", q->family, q->type,
				 q->protocol);
		if (q->has_addr && q->family == AF_INET)
			audit_log_format(ab, " addr=%pI4 port=%u", q->addr, q->port);
		else if (q->has_addr)
			audit_log_format(ab, " addr=%pI6c port=%u", q->addr, q->port);
		break;
	case CTRPOL_RULE_PEER:
		audit_log_format(ab, " peer_pid=%d", ev->peer_pid);
		if (*ev->peer_profile)
			log_string(ab, "peer_profile", ev->peer_profile);
		if (ev->want == CTRPOL_PEER_SIGNAL)
			audit_log_format(ab, " signal=%d", ev->signal);
		break;
	}
}

/**
 * ctrpol_event_audit - write an event as an audit record
 * @ev: the event
 * @names: its cgroup's and program's paths
 *
 * Context: as ctrpol_event(): does not sleep.
 * Return: whether the record was written (audit may refuse it: backlog
 * full, rate limit, no memory).
 */
bool ctrpol_event_audit(const struct ctrpol_event_info *ev, const struct ctrpol_event_names *names)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_NOWAIT | __GFP_NOWARN, CTRPOL_AUDIT_EVENT);
	if (!ab)
		return false;
	audit_log_format(ab, "ctrpol=%s class=%s requested=0x%llx denied=0x%llx",
			 verdicts[ev->verdict], classes[ev->class], ev->want, ev->denied);
	log_string(ab, "profile", ev->profile);
	log_target(ab, ev);
	audit_log_format(ab, " cgroup_id=%llu", ev->cgroup_id);
	log_string(ab, "cgroup", names->cgroup);
	audit_log_format(ab, " pid=%d tgid=%d uid=%u", ev->pid, ev->tgid, ev->uid);
	log_string(ab, "comm", ev->comm);
	if (names->exe)
		log_string(ab, "exe", names->exe);
	if (ev->suppressed)
		audit_log_format(ab, " suppressed=%llu", ev->suppressed);
	audit_log_end(ab);
	return true;
}
