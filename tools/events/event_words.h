/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The words an event is shown with, in text and in JSON alike: the policy
 * language's names wherever it has one, so that what an event shows can be
 * pasted into a rule.
 */
#ifndef CTRPOL_EVENT_WORDS_H
#define CTRPOL_EVENT_WORDS_H

#include <stddef.h>

#include "event.h"
#include "lang/net_rule.h"

/* "2026-11-26T03:41:38.123456Z": RFC 3339, UTC, microseconds. */
#define EVENT_TIME_SIZE 32

/* "denied", "complained", "audited"; NULL for a verdict this tool does not know. */
const char *event_verdict_name(unsigned int verdict);

/* Room for the number of a bit, 0 to 63, as text. */
#define EVENT_BIT_SIZE 4

/*
 * Permission bit (0 to 63) of class cls (enum ctrpol_rule_kind) as rules
 * name it: "read", "sys_admin", "connect", "umount", "trace", "signal",
 * "bpf", "root"; where it has no name, its number written into number.
 */
const char *event_perm_name(unsigned int cls, unsigned int bit, char number[EVENT_BIT_SIZE]);

/* The socket of a NET event as the selectors of a rule naming it. */
void event_net_sel(const struct ctrpol_event *ev, struct net_sel *sel);

/* The signal of a PEER event by its name ("term"), or NULL. */
const char *event_signal_name(const struct ctrpol_event *ev);

/* ns since the epoch as RFC 3339 into buf (EVENT_TIME_SIZE bytes); returns buf. */
const char *event_time_text(uint64_t ns, char *buf, size_t size);

#endif
