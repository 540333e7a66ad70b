// SPDX-License-Identifier: GPL-2.0
/*
 * An event as text and as JSON, for each class, checked exactly; names from
 * outside that try to forge lines or terminal escapes; every JSON line read
 * back with a strict parser.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "events/event.h"
#include "harness.h"
#include "json_check.h"
#include "util/text_escape.h"

#define WHEN "2026-11-26T03:41:38.123456Z"
#define WHO "denied web pid 123 (cat) uid 0 /ctr/a: "
/* The keys every event has, of the event base() makes, from "profile" on. */
#define JSON_TASK "\"profile\":\"web\",\"cgroup_id\":1234,\"cgroup\":\"/ctr/a\",\"pid\":123," \
		  "\"tgid\":123,\"uid\":0,\"comm\":\"cat\",\"exe\":\"/bin/busybox\""

/* A denial of requested by cat, pid 123, in /ctr/a under profile web. */
static struct ctrpol_event base(uint8_t cls, uint64_t requested)
{
	return (struct ctrpol_event){
		.time_ns = 1795664498123456789ULL, .verdict = CTRPOL_VERDICT_DENIED, .cls = cls,
		.requested = requested, .denied = requested, .profile = "web",
		.cgroup_id = 1234, .cgroup_path = "/ctr/a", .pid = 123, .tgid = 123,
		.comm = "cat", .exe = "/bin/busybox",
	};
}

static const char *text(const struct ctrpol_event *ev)
{
	static char out[8192];
	FILE *f = fmemopen(out, sizeof(out), "w");

	if (!f)
		FAIL("fmemopen");
	event_print_text(f, ev);
	fclose(f);
	return out;
}

/* The JSON line of ev, which must be one valid JSON object and a newline. */
static const char *json(const struct ctrpol_event *ev)
{
	static char out[8192];
	FILE *f = fmemopen(out, sizeof(out), "w");
	size_t len;

	if (!f)
		FAIL("fmemopen");
	ASSERT_EQ(event_print_json(f, ev), 0);
	fclose(f);
	len = strlen(out);
	ASSERT_TRUE(len && out[len - 1] == '\n' && !memchr(out, '\n', len - 1));
	json_object_put(json_parse_strict(out, len - 1));
	return out;
}

TEST(file_denial)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_FILE, CTRPOL_FILE_READ);

	ev.path = "/etc/shadow";
	ASSERT_STREQ(text(&ev), WHEN " " WHO "file read /etc/shadow [denied: read] "
		     "exe /bin/busybox\n");
	ASSERT_STREQ(json(&ev), "{\"time\":\"" WHEN "\",\"time_ns\":1795664498123456789,"
		     "\"verdict\":\"denied\",\"class\":\"file\",\"operation\":[\"read\"],"
		     "\"denied\":[\"read\"]," JSON_TASK ",\"path\":\"/etc/shadow\",\"boundary\":false}\n");
}

TEST(file_complaint_of_a_thread_after_the_rate_limit)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_FILE, CTRPOL_FILE_WRITE | CTRPOL_FILE_APPEND);

	ev.verdict = CTRPOL_VERDICT_COMPLAINED;
	ev.denied = CTRPOL_FILE_WRITE;
	ev.pid = 130;
	ev.path = "/var/log/x.log";
	ev.suppressed = 17;
	ASSERT_STREQ(text(&ev), WHEN " complained web pid 123 tid 130 (cat) uid 0 /ctr/a: file "
		     "write,append /var/log/x.log [would deny: write] exe /bin/busybox "
		     "[the rate limit dropped 17 events of web before this one]\n");
	ASSERT_CONTAINS(json(&ev), "\"verdict\":\"complained\",\"class\":\"file\","
			"\"operation\":[\"write\",\"append\"],\"denied\":[\"write\"],"
			"\"profile\":\"web\",\"cgroup_id\":1234,\"cgroup\":\"/ctr/a\",\"pid\":130,"
			"\"tgid\":123,");
	ASSERT_CONTAINS(json(&ev), "\"path\":\"/var/log/x.log\",\"boundary\":false,\"suppressed\":17}\n");
}

TEST(file_without_a_path)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_FILE, CTRPOL_FILE_EXEC);

	ASSERT_STREQ(text(&ev), WHEN " " WHO "file exec (no path) [denied: exec] "
		     "exe /bin/busybox\n");
	ASSERT_CONTAINS(json(&ev), JSON_TASK ",\"path\":null,\"boundary\":false}\n");
}

TEST(capability)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_CAP, 1ULL << 21);

	ev.has_capability = true;
	ev.capability = 21;
	ASSERT_STREQ(text(&ev), WHEN " " WHO "cap sys_admin [denied: sys_admin] "
		     "exe /bin/busybox\n");
	ASSERT_CONTAINS(json(&ev), "\"class\":\"cap\",\"operation\":[\"sys_admin\"],"
			"\"denied\":[\"sys_admin\"]," JSON_TASK ",\"capability\":\"sys_admin\"}\n");
}

TEST(capability_this_tool_has_no_name_for)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_CAP, 1ULL << 41);

	ev.has_capability = true;
	ev.capability = 41;
	ASSERT_CONTAINS(text(&ev), ": cap 41 [denied: 41]");
	ASSERT_CONTAINS(json(&ev), "\"operation\":[\"41\"],\"denied\":[\"41\"],");
	ASSERT_CONTAINS(json(&ev), ",\"capability\":41}\n");
}

TEST(network_connect_over_ipv6)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_NET, CTRPOL_NET_CONNECT);

	ev.family = AF_INET6;
	ev.sock_type = SOCK_STREAM;
	ev.protocol = 6;
	ev.addr_len = 16;
	inet_pton(AF_INET6, "2001:db8::1", ev.addr);
	ev.port = 443;
	ASSERT_STREQ(text(&ev), WHEN " " WHO "net connect inet6 stream tcp 2001:db8::1 port 443 "
		     "[denied: connect] exe /bin/busybox\n");
	ASSERT_CONTAINS(json(&ev), "\"class\":\"net\",\"operation\":[\"connect\"],"
			"\"denied\":[\"connect\"]," JSON_TASK ",\"family\":\"inet6\","
			"\"type\":\"stream\",\"protocol\":\"tcp\",\"address\":\"2001:db8::1\","
			"\"port\":443}\n");
}

TEST(network_bind_over_ipv4)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_NET, CTRPOL_NET_BIND);

	ev.family = AF_INET;
	ev.sock_type = SOCK_DGRAM;
	ev.protocol = 17;
	ev.addr_len = 4;
	inet_pton(AF_INET, "0.0.0.0", ev.addr);
	ev.port = 53;
	ASSERT_CONTAINS(text(&ev), ": net bind inet dgram udp 0.0.0.0 port 53 [denied: bind]");
	ASSERT_CONTAINS(json(&ev), "\"family\":\"inet\",\"type\":\"dgram\",\"protocol\":\"udp\","
			"\"address\":\"0.0.0.0\",\"port\":53}\n");
}

TEST(network_create_without_address_or_protocol)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_NET, CTRPOL_NET_CREATE);

	ev.family = AF_INET;
	ev.sock_type = SOCK_RAW;
	ASSERT_CONTAINS(text(&ev), ": net create inet raw [denied: create]");
	ASSERT_CONTAINS(json(&ev), "\"family\":\"inet\",\"type\":\"raw\",\"protocol\":0,"
			"\"address\":null,\"port\":null}\n");

	/* Netlink's protocol 0 is a protocol: route. */
	ev.family = AF_NETLINK;
	ASSERT_CONTAINS(text(&ev), ": net create netlink raw route [denied: create]");
	ASSERT_CONTAINS(json(&ev), "\"family\":\"netlink\",\"type\":\"raw\","
			"\"protocol\":\"route\",");

	/* Numbers where the policy language has no name. */
	ev.family = 46;
	ev.sock_type = SOCK_PACKET;
	ev.protocol = 3;
	ASSERT_CONTAINS(text(&ev), ": net create family 46 type 10 proto 3 [denied: create]");
	ASSERT_CONTAINS(json(&ev), "\"family\":46,\"type\":10,\"protocol\":3,");
}

TEST(mount)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_MOUNT, CTRPOL_MOUNT_MOUNT);

	ev.fstype = "proc";
	ev.path = "/proc";
	ev.source = "none";
	ASSERT_STREQ(text(&ev), WHEN " " WHO "mount mount fstype proc on /proc from none "
		     "[denied: mount] exe /bin/busybox\n");
	ASSERT_CONTAINS(json(&ev), "\"class\":\"mount\",\"operation\":[\"mount\"],"
			"\"denied\":[\"mount\"]," JSON_TASK ",\"fstype\":\"proc\","
			"\"path\":\"/proc\",\"source\":\"none\"}\n");
}

TEST(umount_without_fstype_or_path)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_MOUNT, CTRPOL_MOUNT_UMOUNT);

	ev.fstype = "";
	ASSERT_CONTAINS(text(&ev), ": mount umount (no path) [denied: umount]");
	ASSERT_CONTAINS(json(&ev), ",\"fstype\":\"\",\"path\":null,\"source\":null}\n");
}

TEST(ptrace_of_an_unconfined_task)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_PEER, CTRPOL_PEER_READ);

	ev.has_peer = true;
	ev.peer_pid = 1;
	ASSERT_STREQ(text(&ev), WHEN " " WHO "ptrace read peer unconfined pid 1 [denied: read] "
		     "exe /bin/busybox\n");
	ASSERT_CONTAINS(json(&ev), "\"class\":\"peer\",\"operation\":[\"read\"],"
			"\"denied\":[\"read\"]," JSON_TASK ",\"peer_pid\":1,"
			"\"peer_profile\":null,\"signal\":null}\n");
}

TEST(signals_to_a_confined_task)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_PEER, CTRPOL_PEER_SIGNAL);

	ev.has_peer = true;
	ev.peer_pid = 77;
	ev.peer_profile = "db";
	ev.has_signal = true;
	ev.signal = 15;
	ASSERT_STREQ(text(&ev), WHEN " " WHO "signal term peer db pid 77 [denied: signal] "
		     "exe /bin/busybox\n");
	ASSERT_CONTAINS(json(&ev), "\"operation\":[\"signal\"],\"denied\":[\"signal\"],"
			JSON_TASK ",\"peer_pid\":77,\"peer_profile\":\"db\","
			"\"signal\":\"term\"}\n");

	/* Signal 0 probes; real-time signals have numbers only. */
	ev.signal = 0;
	ASSERT_CONTAINS(text(&ev), ": signal 0 peer db pid 77 [");
	ASSERT_CONTAINS(json(&ev), ",\"signal\":0}\n");
	ev.signal = 40;
	ASSERT_CONTAINS(text(&ev), ": signal 40 peer db pid 77 [");
	ASSERT_CONTAINS(json(&ev), ",\"signal\":40}\n");
}

TEST(kernel_surfaces_and_privileges)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_KERNEL, CTRPOL_KERNEL_BPF);

	ASSERT_STREQ(text(&ev), WHEN " " WHO "kernel bpf [denied: bpf] exe /bin/busybox\n");
	ASSERT_CONTAINS(json(&ev), "\"class\":\"kernel\",\"operation\":[\"bpf\"],"
			"\"denied\":[\"bpf\"]," JSON_TASK "}\n");
	ev.requested = ev.denied = CTRPOL_PRIV_ROOT;
	ASSERT_CONTAINS(text(&ev), ": privilege root [denied: root]");
	ev.requested = CTRPOL_KERNEL_USERNS | CTRPOL_PRIV_SETUID_EXEC;
	ASSERT_CONTAINS(text(&ev), ": kernel userns privilege setuid_exec [denied: root]");
	ASSERT_CONTAINS(json(&ev), "\"operation\":[\"userns\",\"setuid_exec\"],");
}

TEST(audit_record_of_an_allowed_operation)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_FILE, CTRPOL_FILE_EXEC);

	ev.verdict = CTRPOL_VERDICT_AUDITED;
	ev.denied = 0;
	ev.path = "/bin/sh";
	ASSERT_STREQ(text(&ev), WHEN " audited web pid 123 (cat) uid 0 /ctr/a: file exec /bin/sh "
		     "exe /bin/busybox\n");
	ASSERT_CONTAINS(json(&ev), "\"verdict\":\"audited\",\"class\":\"file\","
			"\"operation\":[\"exec\"],\"denied\":[],");
}

TEST(what_the_kernel_left_out_or_this_tool_does_not_know)
{
	struct ctrpol_event ev = base(42, 1ULL << 63 | 1);

	ev.verdict = 9;
	ev.tgid = 0;
	ev.cgroup_path = ev.comm = ev.exe = NULL;
	ASSERT_STREQ(text(&ev), WHEN " verdict 9 web pid 123 uid 0 cgroup 1234: class 42 0,63 "
		     "[denied: 0,63]\n");
	ASSERT_STREQ(json(&ev), "{\"time\":\"" WHEN "\",\"time_ns\":1795664498123456789,"
		     "\"verdict\":9,\"class\":42,\"operation\":[\"0\",\"63\"],"
		     "\"denied\":[\"0\",\"63\"],\"profile\":\"web\",\"cgroup_id\":1234,"
		     "\"cgroup\":null,\"pid\":123,\"tgid\":0,\"uid\":0,\"comm\":null,"
		     "\"exe\":null}\n");
}

TEST(hostile_names_cannot_forge_lines_or_escapes)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_FILE, CTRPOL_FILE_READ);
	struct json_object *o;
	const char *line;

	ev.path = "/tmp/x\n2026-01-01T00:00:00.000000Z allowed\x1b[2J\\";
	ev.comm = "a\xff\xc2\x9b" "b";		/* a stray byte, then U+009B (CSI) */
	ev.exe = "/bin/\xe2\x80\xae" "fdp.exe";	/* U+202E reverses what follows */
	ev.cgroup_path = "/caf\xc3\xa9";		/* valid UTF-8 stays */
	ASSERT_STREQ(text(&ev), WHEN " denied web pid 123 (a\\xff\\xc2\\x9bb) uid 0 /caf\xc3\xa9: "
		     "file read /tmp/x\\x0a2026-01-01T00:00:00.000000Z allowed\\x1b[2J\\\\ "
		     "[denied: read] exe /bin/\\xe2\\x80\\xaefdp.exe\n");
	line = json(&ev);
	ASSERT_CONTAINS(line, "\"comm\":\"a\xef\xbf\xbd\xc2\x9b" "b\"");
	o = json_parse_strict(line, strlen(line) - 1);
	ASSERT_STREQ(json_member_string(o, "path"),
		     "/tmp/x\n2026-01-01T00:00:00.000000Z allowed\x1b[2J\\");
	ASSERT_STREQ(json_member_string(o, "cgroup"), "/caf\xc3\xa9");
	json_object_put(o);
}

/* s as text_put_escaped() writes it. */
static const char *escaped(const char *s)
{
	static char out[256];
	FILE *f = fmemopen(out, sizeof(out), "w");

	if (!f)
		FAIL("fmemopen");
	text_put_escaped(f, s);
	fclose(f);
	return out;
}

TEST(escaping_keeps_text_and_marks_what_would_act)
{
	ASSERT_STREQ(escaped("/srv/a b/\xe2\x82\xac"), "/srv/a b/\xe2\x82\xac");
	ASSERT_STREQ(escaped("\t\r\x7f"), "\\x09\\x0d\\x7f");
	ASSERT_STREQ(escaped("\\x41"), "\\\\x41");
	ASSERT_STREQ(escaped("\xe2\x80\xa8\xe2\x81\xa6\xd8\x9c"),	/* U+2028 U+2066 U+061C */
		     "\\xe2\\x80\\xa8\\xe2\\x81\\xa6\\xd8\\x9c");
	ASSERT_STREQ(escaped("\xc0\xaf\xed\xa0\x80"), "\\xc0\\xaf\\xed\\xa0\\x80");
	ASSERT_STREQ(escaped("\xe2\x82"), "\\xe2\\x82");
}

TEST(moving_out_of_the_container_cgroups)
{
	struct ctrpol_event ev = base(CTRPOL_RULE_FILE, CTRPOL_FILE_WRITE);

	ev.path = "/cgroup.procs";
	ev.boundary = true;
	ASSERT_STREQ(text(&ev), WHEN " " WHO "file write cgroup /cgroup.procs (out of the "
		     "container's cgroups: no rule allows it) [denied: write] exe /bin/busybox\n");
	ASSERT_CONTAINS(json(&ev), ",\"path\":\"/cgroup.procs\",\"boundary\":true}\n");
}
