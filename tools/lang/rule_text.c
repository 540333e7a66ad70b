// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "rule_text.h"

const char *rule_kind_noun(unsigned int kind)
{
	static const char *const nouns[] = {
		[CTRPOL_RULE_FILE] = "file", [CTRPOL_RULE_CAP] = "capability",
		[CTRPOL_RULE_NET] = "network", [CTRPOL_RULE_MOUNT] = "mount",
		[CTRPOL_RULE_PEER] = "peer", [CTRPOL_RULE_KERNEL] = "kernel",
	};

	return kind < sizeof(nouns) / sizeof(nouns[0]) && nouns[kind] ? nouns[kind] : "unknown";
}

/* One statement's keyword and names, after what buf holds already. */
static void append_names(char *buf, size_t size, const char *keyword, const struct name_table *t,
			 uint64_t set)
{
	size_t used = strlen(buf);
	char names[512];

	snprintf(buf + used, size - used, "%s%s%s%s", used ? " " : "", keyword, *keyword ? " " : "",
		 names_format(t, set, names, sizeof(names)));
}

const char *rule_ops_text(unsigned int kind, uint32_t perms, char *buf, size_t size)
{
	const char *cap;

	buf[0] = '\0';
	switch (kind) {
	case CTRPOL_RULE_FILE:
		append_names(buf, size, "", &file_perm_names, perms);
		break;
	case CTRPOL_RULE_CAP:
		cap = name_of(&cap_names, perms);
		cap ? snprintf(buf, size, "cap %s", cap) : snprintf(buf, size, "cap %u", perms);
		break;
	case CTRPOL_RULE_NET:
		append_names(buf, size, "net", &net_op_names, perms);
		break;
	case CTRPOL_RULE_MOUNT:
		append_names(buf, size, "mount", &mount_op_names, perms);
		break;
	case CTRPOL_RULE_PEER:
		/* Our rules name ptrace or signals; a blob from elsewhere may name both. */
		if (perms & ptrace_names.all)
			append_names(buf, size, "ptrace", &ptrace_names, perms & ptrace_names.all);
		if (perms & CTRPOL_PEER_SIGNAL)
			snprintf(buf + strlen(buf), size - strlen(buf), "%ssignal", buf[0] ? " " : "");
		break;
	case CTRPOL_RULE_KERNEL:
		if (perms & kernel_names.all)
			append_names(buf, size, "kernel", &kernel_names, perms & kernel_names.all);
		if (perms & priv_names.all)
			append_names(buf, size, "privilege", &priv_names, perms & priv_names.all);
		break;
	}
	return buf;
}

const char *rule_text(unsigned int kind, uint8_t flags, uint32_t perms, const char *target,
		      char *buf, size_t size)
{
	char ops[1024];

	snprintf(buf, size, "%s%s %s%s%s", flags & CTRPOL_RULE_AUDIT ? "audit " : "",
		 flags & CTRPOL_RULE_DENY ? "deny" : "allow",
		 rule_ops_text(kind, perms, ops, sizeof(ops)), target && *target ? " " : "",
		 target ? target : "");
	return buf;
}

const char *peer_target_format(bool signal, uint64_t signals, const char *name, char *buf,
			       size_t size)
{
	char list[512];

	snprintf(buf, size, "%s%speer %s",
		 signal && signals != signal_names.all ?
		 names_format(&signal_names, signals, list, sizeof(list)) : "",
		 signal && signals != signal_names.all ? " " : "", *name ? name : "unconfined");
	return buf;
}

int peer_target_parse(const char *target, uint64_t *signals, char name[CTRPOL_NAME_MAX])
{
	const char *sep = strstr(target, " peer "), *who;
	size_t pos = 0, off, len, list_len;

	if (!strncmp(target, "peer ", 5)) {
		list_len = 0;
		who = target + 5;
	} else if (sep) {
		list_len = (size_t)(sep - target);
		who = sep + 6;
	} else {
		return -1;
	}
	*signals = list_len ? 0 : signal_names.all;
	while (list_next(target, list_len, &pos, &off, &len)) {
		uint64_t bit = name_bits(&signal_names, target + off, len);

		if (!bit)
			return -1;
		*signals |= bit;
	}
	if (!*who || strlen(who) >= CTRPOL_NAME_MAX || strchr(who, ' '))
		return -1;
	memset(name, 0, CTRPOL_NAME_MAX);
	if (strcmp(who, "unconfined"))
		strcpy(name, who);
	return 0;
}

char *mount_target_glob(const char *target)
{
	const char *types = "*", *on = target;
	size_t types_len = 1;
	bool several = false;
	char *glob;

	if (!strncmp(target, "fstype ", 7)) {
		types = target + 7;
		on = strchr(types, ' ');
		if (!on)
			return NULL;
		types_len = (size_t)(on++ - types);
		several = memchr(types, ',', types_len) != NULL;
	}
	if (strncmp(on, "on ", 3))
		return NULL;
	if (asprintf(&glob, "/%s%.*s%s%s", several ? "{" : "", (int)types_len, types,
		     several ? "}" : "", on + 3) < 0)
		return NULL;
	return glob;
}
