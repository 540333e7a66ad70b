// SPDX-License-Identifier: GPL-2.0
/* An event as one JSON object on one line; docs/events.md lists its keys. */
#include <arpa/inet.h>
#include <stdio.h>

#include "event.h"
#include "event_words.h"
#include "lang/names.h"
#include "util/json_write.h"

/* The names of the bits of set, as event_print_text() lists them. */
static struct json_object *perm_list(unsigned int cls, uint64_t set)
{
	struct json_object *list = json_object_new_array();
	char number[EVENT_BIT_SIZE];
	unsigned int bit;

	for (bit = 0; bit < 64; bit++)
		if (set & 1ULL << bit)
			json_object_array_add(list, json_object_new_string(event_perm_name(cls, bit,
											  number)));
	return list;
}

/* A value by its name, or by its number where this tool knows no name for it. */
static struct json_object *name_or_number(const char *name, uint64_t n)
{
	return name ? json_object_new_string(name) : json_object_new_uint64(n);
}

static void add(struct json_object *o, const char *key, struct json_object *value)
{
	json_object_object_add(o, key, value);
}

static void add_socket(struct json_object *o, const struct ctrpol_event *ev)
{
	char text[INET6_ADDRSTRLEN];
	struct net_sel sel;

	event_net_sel(ev, &sel);
	add(o, "family", name_or_number(name_of(&family_names, ev->family), ev->family));
	add(o, "type", name_or_number(name_of(&socktype_names, ev->sock_type), ev->sock_type));
	add(o, "protocol", name_or_number(net_sel_protocol_name(&sel), ev->protocol));
	add(o, "address", ev->addr_len ?
	    json_object_new_string(inet_ntop(ev->family, ev->addr, text, sizeof(text))) : NULL);
	add(o, "port", ev->addr_len ? json_object_new_uint64(ev->port) : NULL);
}

/* What the operation was on: the keys of the event's class, null where the kernel sent none. */
static void add_target(struct json_object *o, const struct ctrpol_event *ev)
{
	switch (ev->cls) {
	case CTRPOL_RULE_FILE:
		add(o, "path", json_text(ev->path));
		add(o, "boundary", json_object_new_boolean(ev->boundary));
		break;
	case CTRPOL_RULE_CAP:
		add(o, "capability", ev->has_capability ?
		    name_or_number(name_of(&cap_names, ev->capability), ev->capability) : NULL);
		break;
	case CTRPOL_RULE_NET:
		add_socket(o, ev);
		break;
	case CTRPOL_RULE_MOUNT:
		add(o, "fstype", json_text(ev->fstype));
		add(o, "path", json_text(ev->path));
		add(o, "source", json_text(ev->source));
		break;
	case CTRPOL_RULE_PEER:
		add(o, "peer_pid", ev->has_peer ? json_object_new_uint64(ev->peer_pid) : NULL);
		add(o, "peer_profile", json_text(ev->peer_profile));
		add(o, "signal", ev->has_signal ?
		    name_or_number(event_signal_name(ev), ev->signal) : NULL);
		break;
	}
}

int event_print_json(FILE *out, const struct ctrpol_event *ev)
{
	struct json_object *o = json_object_new_object();
	char time[EVENT_TIME_SIZE];

	add(o, "time", json_object_new_string(event_time_text(ev->time_ns, time, sizeof(time))));
	add(o, "time_ns", json_object_new_uint64(ev->time_ns));
	add(o, "verdict", name_or_number(event_verdict_name(ev->verdict), ev->verdict));
	add(o, "class", name_or_number(name_of(&class_names, ev->cls), ev->cls));
	add(o, "operation", perm_list(ev->cls, ev->requested));
	add(o, "denied", perm_list(ev->cls, ev->denied));
	add(o, "profile", json_text(ev->profile));
	add(o, "cgroup_id", json_object_new_uint64(ev->cgroup_id));
	add(o, "cgroup", json_text(ev->cgroup_path));
	add(o, "pid", json_object_new_uint64(ev->pid));
	add(o, "tgid", json_object_new_uint64(ev->tgid));
	add(o, "uid", json_object_new_uint64(ev->uid));
	add(o, "comm", json_text(ev->comm));
	add(o, "exe", json_text(ev->exe));
	add_target(o, ev);
	if (ev->suppressed)
		add(o, "suppressed", json_object_new_uint64(ev->suppressed));
	return json_print_line(out, o);
}
