#!/bin/sh
# What `make demo` shows inside the VM: two containers run by crun, each
# confined by the profile its annotation names, attached by `ctrpol oci-hook`;
# their work succeeds, their escapes fail, and `ctrpol monitor` prints each
# denial as it happens.  Each step prints the command it runs.
step() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}

say() {
	printf '\n\033[1;34m--- %s\033[0m\n' "$*"
}

# await WHAT COMMAND...: until COMMAND succeeds, asking every 50 ms; after
# 20 s the demo gives up, saying what it waited for.
await() {
	what=$1 tries=0
	shift
	until "$@"; do
		tries=$((tries + 1))
		if [ $tries = 400 ]; then
			echo "demo: gave up waiting for $what" >&2
			exit 1
		fi
		usleep 50000
	done
}

# Whether process $1 holds a generic netlink socket (protocol 16) that has
# joined a multicast group: the only group ctrpol monitor joins is the events group.
joined() {
	for fd in /proc/"$1"/fd/*; do
		ino=$(readlink "$fd" | sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p')
		[ -n "$ino" ] && awk -v ino="$ino" '$2 == 16 && $4 != "00000000" && $10 == ino \
			{ found = 1 } END { exit !found }' /proc/net/netlink && return 0
	done
	return 1
}

# Whether something listens on TCP port $1 (hex), over IPv4 or IPv6.
listening() {
	grep -qs ":$1 0*:0000 0A " /proc/net/tcp /proc/net/tcp6
}

events_sent() {
	ctrpol status | sed -n 's/^events: *\([0-9]*\) sent.*/\1/p'
}

lines_at_least() {
	[ "$(wc -l <"$1")" -ge "$2" ]
}

# What the monitor wrote since the last call, once it has every event the
# kernel sent since it joined: each denial then shows under its command.
shown=0
show_events() {
	sent=$(($(events_sent) - sent_before))
	await "ctrpol monitor to show $sent events" lines_at_least /tmp/demo/events "$sent"
	tail -n +$((shown + 1)) /tmp/demo/events | head -n $((sent - shown))
	shown=$sent
}

# In container NAME, as root: what it runs, what it prints, how it ended.
inside() {
	name=$1
	shift
	printf '\n\033[1m%s# %s\033[0m\n' "$name" "$*"
	crun --cgroup-manager=cgroupfs exec "$name" sh -c "$*"
	echo "(exit status $?)"
	show_events
}

# bundle NAME PROFILE OPTION... -- COMMAND...: a container confined by PROFILE through the hook.
bundle() {
	name=$1 profile=$2
	shift 2
	oci-bundle --cgroup "/demo/$name" --host-network --annotation "io.ctrpol.profile=$profile" \
		--hook "createRuntime /bin/ctrpol oci-hook" "$@" >/dev/null
}

echo
echo "=== ctrpol demo: the ctrpol LSM in a 6.12 kernel, containers run by crun, in QEMU ==="
step cat /sys/kernel/security/lsm
ifconfig lo 127.0.0.1 up

say "at boot, every profile of a directory loads, all or nothing"
step ctrpol load --dir /etc/ctrpol/policies

say "ctrpol monitor records each denial as it happens (the lines that start with a time)"
mkdir -p /tmp/demo
ctrpol monitor >/tmp/demo/events &
monitor=$!
await "ctrpol monitor to join the events group" joined "$monitor"
sent_before=$(events_sent)

say "container 'web': busybox httpd, annotated io.ctrpol.profile=web (policies/web.ctp)"
mkdir -p /srv/www
echo '<h1>hello from a confined container</h1>' >/srv/www/index.html
bundle web web --bind /srv/www:/srv/www /tmp/demo/web -- httpd -f -p 80 -h /srv/www
step crun --cgroup-manager=cgroupfs run --detach --bundle /tmp/demo/web web

say "container 'app': a shell with CAP_SYS_ADMIN, as a careless deployment gives it,"
say "annotated io.ctrpol.profile=container-default (policies/container-default.ctp)"
bundle app container-default --cap CAP_SYS_ADMIN /tmp/demo/app -- sleep 600
step crun --cgroup-manager=cgroupfs run --detach --bundle /tmp/demo/app app
await "the web server to listen on port 80" listening 0050
step ctrpol list

say "their work succeeds"
inside app 'wget -q -O - http://127.0.0.1/'
inside web 'cat /srv/www/index.html'

say "what the web server must not do fails"
inside web 'echo defaced >/srv/www/index.html'
inside web 'wget -q -O - http://127.0.0.1/'

say "the classic escapes from a container with CAP_SYS_ADMIN fail"
inside app 'mount -t cgroup -o rdma cgroup /mnt   # then write a release_agent'
inside app 'unshare -U -r id                      # a user namespace to be root in'
inside app 'mount -o remount,rw /proc/sys         # then write core_pattern'
inside app 'mount -t proc proc /mnt               # a /proc of its own, unmasked'

say "the host sees what each profile decided"
step ctrpol list
step crun --cgroup-manager=cgroupfs delete --force web
step crun --cgroup-manager=cgroupfs delete --force app
show_events
kill "$monitor"
wait "$monitor" 2>/dev/null
echo
echo "=== end of demo ==="
