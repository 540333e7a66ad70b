// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <linux/ctrpol.h>
#include "names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NAME_MAX_LEN 40		/* longer than any name: longer words are no typo of one */

/* The classes of operation, as the statements of their rules begin (file rules name none). */
static const char *const classes[] = {
	[CTRPOL_RULE_FILE] = "file", [CTRPOL_RULE_CAP] = "cap", [CTRPOL_RULE_NET] = "net",
	[CTRPOL_RULE_MOUNT] = "mount", [CTRPOL_RULE_PEER] = "peer", [CTRPOL_RULE_KERNEL] = "kernel",
};

const struct name_table class_names = { classes, ARRAY_SIZE(classes), 0, NULL, false };

static const char *const file_perms[] = {
	"read", "write", "append", "exec", "mmap_exec",
	"create", "delete", "rename", "link", "setattr",
};
_Static_assert(CTRPOL_FILE_ALL == (1U << ARRAY_SIZE(file_perms)) - 1,
	       "one name per CTRPOL_FILE_ bit");

const struct name_table file_perm_names = {
	file_perms, ARRAY_SIZE(file_perms), CTRPOL_FILE_ALL, NULL, false,
};

/* Indexed by capability number, as in <linux/capability.h> of Linux 6.12. */
static const char *const caps[CTRPOL_CAP_LAST + 1] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill",
	"setgid", "setuid", "setpcap", "linux_immutable", "net_bind_service",
	"net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner",
	"sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct",
	"sys_admin", "sys_boot", "sys_nice", "sys_resource", "sys_time",
	"sys_tty_config", "mknod", "lease", "audit_write", "audit_control",
	"setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm",
	"block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore",
};

const struct name_table cap_names = { caps, ARRAY_SIZE(caps), 0, "cap_", false };

static const char *const mount_ops[] = {
	"mount", "bind", "move", "remount", "umount", "pivot_root",
};
_Static_assert(CTRPOL_MOUNT_ALL == (1U << ARRAY_SIZE(mount_ops)) - 1,
	       "one name per CTRPOL_MOUNT_ bit");

const struct name_table mount_op_names = {
	mount_ops, ARRAY_SIZE(mount_ops), CTRPOL_MOUNT_ALL, NULL, false,
};

/* CTRPOL_PEER_SIGNAL is named by its own statement, `signal`. */
static const char *const ptrace_ops[] = { "read", "trace" };
_Static_assert(CTRPOL_PEER_READ == 1 && CTRPOL_PEER_TRACE == 2, "ptrace names are bits 0 and 1");

const struct name_table ptrace_names = {
	ptrace_ops, ARRAY_SIZE(ptrace_ops), CTRPOL_PEER_READ | CTRPOL_PEER_TRACE, NULL, false,
};

/* Signal n at index n - 1, numbered as on x86 and arm64 (asm-generic). */
static const char *const signals[64] = {
	"hup", "int", "quit", "ill", "trap", "abrt", "bus", "fpe",
	"kill", "usr1", "segv", "usr2", "pipe", "alrm", "term", "stkflt",
	"chld", "cont", "stop", "tstp", "ttin", "ttou", "urg", "xcpu",
	"xfsz", "vtalrm", "prof", "winch", "io", "pwr", "sys",
};

const struct name_table signal_names = { signals, 64, ~0ULL, "sig", true };

/* One bit space for kernel surfaces and privileges: each statement names its own part. */
static const char *const kernel_bits[] = {
	"module_load", "module_request", "bpf", "perf", "userns", "keyctl", "syslog",
};
static const char *const priv_bits[] = {
	[7] = "root", [8] = "setuid_exec",
};
_Static_assert(CTRPOL_KERNEL_SYSLOG == 1U << (ARRAY_SIZE(kernel_bits) - 1) &&
	       CTRPOL_PRIV_ROOT == 1U << 7 && CTRPOL_PRIV_SETUID_EXEC == 1U << 8 &&
	       CTRPOL_KERNEL_ALL == (1U << ARRAY_SIZE(priv_bits)) - 1,
	       "one name per CTRPOL_KERNEL_ and CTRPOL_PRIV_ bit");

const struct name_table kernel_names = {
	kernel_bits, ARRAY_SIZE(kernel_bits), (1U << ARRAY_SIZE(kernel_bits)) - 1, NULL, false,
};
const struct name_table priv_names = {
	priv_bits, ARRAY_SIZE(priv_bits), CTRPOL_PRIV_ROOT | CTRPOL_PRIV_SETUID_EXEC, NULL, false,
};

/*
 * name as t spells its names, into buf (at least NAME_MAX_LEN bytes): lower
 * case and without t's prefix, when t has one.  Returns its length, or
 * (size_t)-1 when it is too long to be any name.
 */
static size_t normalize(const struct name_table *t, const char *name, size_t len, char *buf)
{
	size_t plen = t->prefix ? strlen(t->prefix) : 0, i;

	if (plen && len > plen && !strncasecmp(name, t->prefix, plen)) {
		name += plen;
		len -= plen;
	}
	if (len >= NAME_MAX_LEN)
		return (size_t)-1;
	for (i = 0; i < len; i++)
		buf[i] = plen ? (char)tolower((unsigned char)name[i]) : name[i];
	buf[len] = '\0';
	return len;
}

/* A decimal number 1..max without sign or leading zero; 0 if it is not one. */
static unsigned int small_number(const char *s, size_t len, unsigned int max)
{
	unsigned int v = 0;
	size_t i;

	if (!len || len > 3 || s[0] == '0')
		return 0;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	return v <= max ? v : 0;
}

int name_lookup(const struct name_table *t, const char *name, size_t len)
{
	char buf[NAME_MAX_LEN];
	unsigned int i, num;

	len = normalize(t, name, len, buf);
	if (len == (size_t)-1)
		return -1;
	for (i = 0; i < t->n; i++)
		if (t->names[i] && !strcmp(buf, t->names[i]))
			return (int)i;
	num = t->numbers ? small_number(buf, len, t->n) : 0;
	return num ? (int)num - 1 : -1;
}

uint64_t name_bits(const struct name_table *t, const char *name, size_t len)
{
	int i;

	if (t->all && len == 3 && !strncmp(name, "all", 3))
		return t->all;
	i = name_lookup(t, name, len);
	return i < 0 ? 0 : 1ULL << i;
}

const char *name_of(const struct name_table *t, unsigned int i)
{
	return i < t->n ? t->names[i] : NULL;
}

const char *names_format(const struct name_table *t, uint64_t set, char *buf, size_t size)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	if (t->all && set == t->all && (set & (set - 1))) {
		snprintf(buf, size, "all");
		return buf;
	}
	for (i = 0; i < 64 && used < size; i++) {
		const char *sep = used ? "," : "";

		if (!(set & (1ULL << i)))
			continue;
		if (name_of(t, i))
			used += snprintf(buf + used, size - used, "%s%s", sep, t->names[i]);
		else
			used += snprintf(buf + used, size - used, "%s%u", sep, t->numbers ? i + 1 : i);
	}
	return buf;
}

const char *names_list(const struct name_table *t, bool with_all, char *buf, size_t size)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < t->n && used < size; i++)
		if (t->names[i])
			used += snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
					 t->names[i]);
	if (with_all && t->all && used < size)
		snprintf(buf + used, size - used, ", all");
	return buf;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	return a < b ? (a < c ? a : c) : (b < c ? b : c);
}

/* Edit distance counting a swap of neighbours as one edit ("wirte"): names are short. */
static size_t distance(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b), d[NAME_MAX_LEN + 1][NAME_MAX_LEN + 1], i, j;

	if (la > NAME_MAX_LEN || lb > NAME_MAX_LEN)
		return (size_t)-1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
				       d[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[la][lb];
}

const char *name_suggest(const char *name, size_t len, const struct name_table *const *tables,
			 size_t ntables)
{
	const char *pick = NULL;
	size_t best = 3, k;
	unsigned int i;

	for (k = 0; k < ntables; k++) {
		char buf[NAME_MAX_LEN];
		size_t nlen = normalize(tables[k], name, len, buf);

		for (i = 0; nlen != (size_t)-1 && i < tables[k]->n; i++) {
			const char *known = tables[k]->names[i];
			size_t d = known ? distance(buf, nlen, known) : (size_t)-1;

			/* At most two edits, and at most half the word: "ab" is no typo of "io". */
			if (d < best && 2 * d <= nlen) {
				best = d;
				pick = known;
			}
		}
	}
	return pick;
}

bool list_next(const char *s, size_t len, size_t *pos, size_t *off, size_t *item_len)
{
	const char *comma;

	if (*pos >= len)
		return false;
	comma = memchr(s + *pos, ',', len - *pos);
	*off = *pos;
	*item_len = (comma ? (size_t)(comma - s) : len) - *pos;
	*pos = comma ? (size_t)(comma - s) + 1 : len;
	return true;
}

bool fstype_name_valid(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return false;
	return len && len <= FSTYPE_NAME_MAX;
}

bool name_is_word(const char *s, size_t len, bool dots)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      (dots && (s[i] == '.' || s[i] == '-'))))
			return false;
	return len > 0;
}
