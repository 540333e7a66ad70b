#!/bin/sh
# Write BUNDLE/config.json, an OCI runtime-spec configuration for crun or runc:
# what `crun spec` writes (its namespaces, mounts, masked and read-only paths,
# three capabilities, no new privileges), without a terminal, plus what tests
# and demos vary.  The same arguments always give the same bytes.  POSIX sh:
# runs on the host and in the guest (busybox; no jq there).
#
# Usage: oci-bundle.sh [OPTION...] BUNDLE -- COMMAND [ARG...]
#   --rootfs DIR          root.path (default /oci/rootfs: the guest's busybox image)
#   --rw                  a writable root (default: read-only)
#   --cgroup PATH         linux.cgroupsPath, e.g. /ctrpol/web (default: none, the runtime picks)
#   --hostname NAME       (default: the bundle directory's name)
#   --user UID:GID        (default 0:0)
#   --env NAME=VALUE      besides PATH=/bin:/sbin:/usr/bin (repeatable)
#   --bind SRC:DST        bind the host's SRC read-write at DST (repeatable)
#   --annotation KEY=VALUE                                     (repeatable)
#   --hook "STAGE PATH [ARG...]"   run PATH, with ARGs, at STAGE: prestart, createRuntime,
#                         createContainer, startContainer, poststart or poststop; PATH is
#                         also argv[0]; words split at blanks (repeatable; run in order)
#   --no-cgroupns         stay in the host's cgroup namespace (default: a private one)
#   --host-network        stay in the host's network namespace (default: a private one)
#   --host-pid            stay in the host's pid namespace (default: a private one)
#   --cap CAP_NAME        one more capability, in every set (repeatable); the default
#                         three are CAP_AUDIT_WRITE, CAP_KILL, CAP_NET_BIND_SERVICE
set -eu

die() {
	echo "oci-bundle: $*" >&2
	exit 2
}

nl='
'
# J=the JSON string of $1.  Most strings need no escaping: no fork for them
# (a fork costs ~2.5 ms in the guest).
js() {
	case $1 in
	*[\\\"\	]* | *"$nl"*)
		# The trailing "." keeps trailing newlines through $(...).
		J=$(printf '%s.' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g; s/	/\\t/g' |
			awk '{ s = s (NR > 1 ? "\\n" : "") $0 } END { printf "%s", substr(s, 1, length(s) - 1) }')
		J="\"$J\""
		;;
	*) J="\"$1\"" ;;
	esac
}

# add VAR TEXT: append TEXT to the comma-separated list in VAR.
add() {
	eval "_list=\${$1}"
	# shellcheck disable=SC2154
	if [ -n "$_list" ]; then
		eval "$1=\"\${_list},\${nl}\$2\""
	else
		eval "$1=\$2"
	fi
}

# hook "STAGE PATH [ARG...]": one more hook of STAGE.
hook() {
	set -f
	# shellcheck disable=SC2086
	set -- $1
	set +f
	[ $# -ge 2 ] || die "--hook wants \"STAGE PATH [ARG...]\""
	case $1 in
	prestart | createRuntime | createContainer | startContainer | poststart | poststop) ;;
	*) die "unknown hook stage '$1'" ;;
	esac
	_stage=$1
	shift
	js "$1"
	_h="			{
				\"path\": $J,
				\"args\": ["
	_sep=
	for _w in "$@"; do
		js "$_w"
		_h="$_h$_sep$J"
		_sep=", "
	done
	add "h_$_stage" "$_h]
			}"
}

rootfs=/oci/rootfs readonly=true cgroup='' hostname='' uid=0 gid=0 cgroupns=y netns=y pidns=y bundle=''
caps='"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"'
envs='' envs_all='' binds='' annotations=''
# Read through eval, by stage name.
# shellcheck disable=SC2034
h_prestart='' h_createRuntime='' h_createContainer='' \
	h_startContainer='' h_poststart='' h_poststop=''
while [ $# -gt 0 ]; do
	case $1 in
	--rootfs | --cgroup | --hostname | --user | --env | --bind | --annotation | --hook | --cap)
		[ $# -ge 2 ] || die "$1 wants a value" ;;
	esac
	case $1 in
	--rootfs) rootfs=$2; shift ;;
	--rw) readonly=false ;;
	--cgroup) cgroup=$2; shift ;;
	--hostname) hostname=$2; shift ;;
	--user)
		uid=${2%%:*} gid=${2#*:}
		case "$uid:$gid" in *[!0-9:]* | :* | *:) die "--user wants UID:GID" ;; esac
		shift ;;
	--env) js "$2"; add envs "			$J"; shift ;;
	--bind)
		case $2 in *:/*) ;; *) die "--bind wants SRC:/DST" ;; esac
		js "${2#*:}"
		_dst=$J
		js "${2%%:*}"
		add binds "		{
			\"destination\": $_dst,
			\"type\": \"bind\",
			\"source\": $J,
			\"options\": [\"rbind\", \"rw\"]
		}"
		shift ;;
	--annotation)
		case $2 in *=*) ;; *) die "--annotation wants KEY=VALUE" ;; esac
		js "${2%%=*}"
		_key=$J
		js "${2#*=}"
		add annotations "		$_key: $J"
		shift ;;
	--hook) hook "$2"; shift ;;
	--no-cgroupns) cgroupns= ;;
	--host-network) netns= ;;
	--host-pid) pidns= ;;
	--cap)
		case $2 in CAP_[A-Z_]*) ;; *) die "--cap wants a CAP_ name" ;; esac
		caps="$caps, \"$2\""
		shift ;;
	--) shift; break ;;
	-*) die "unknown option $1 (see the head of $0)" ;;
	*) [ -z "$bundle" ] || die "one bundle only"; bundle=$1 ;;
	esac
	shift
done
if [ -z "$bundle" ] || [ $# -lt 1 ]; then
	die "usage: $0 [OPTION...] BUNDLE -- COMMAND [ARG...]"
fi
[ -n "$hostname" ] || hostname=$(basename "$bundle")

args=
for a in "$@"; do
	js "$a"
	add args "			$J"
done
add envs_all "			\"PATH=/bin:/sbin:/usr/bin\""
[ -z "$envs" ] || add envs_all "$envs"
js "$rootfs"
root_path=$J
js "$hostname"
hostname_json=$J

hooks=
for stage in prestart createRuntime createContainer startContainer poststart poststop; do
	eval "list=\$h_$stage"
	# shellcheck disable=SC2154
	[ -z "$list" ] || add hooks "		\"$stage\": [
$list
		]"
done

namespaces='			{ "type": "ipc" },
			{ "type": "uts" },
			{ "type": "mount" }'
[ -z "$pidns" ] || namespaces="$namespaces,
			{ \"type\": \"pid\" }"
[ -z "$netns" ] || namespaces="$namespaces,
			{ \"type\": \"network\" }"
[ -z "$cgroupns" ] || namespaces="$namespaces,
			{ \"type\": \"cgroup\" }"

mkdir -p "$bundle"
{
	cat <<EOF
{
	"ociVersion": "1.0.0",
	"process": {
		"terminal": false,
		"user": { "uid": $uid, "gid": $gid },
		"args": [
$args
		],
		"env": [
$envs_all
		],
		"cwd": "/",
		"capabilities": {
			"bounding": [$caps],
			"effective": [$caps],
			"permitted": [$caps],
			"ambient": [$caps]
		},
		"rlimits": [{ "type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024 }],
		"noNewPrivileges": true
	},
	"root": { "path": $root_path, "readonly": $readonly },
	"hostname": $hostname_json,
	"mounts": [
		{ "destination": "/proc", "type": "proc", "source": "proc" },
		{
			"destination": "/dev",
			"type": "tmpfs",
			"source": "tmpfs",
			"options": ["nosuid", "strictatime", "mode=755", "size=65536k"]
		},
		{
			"destination": "/dev/pts",
			"type": "devpts",
			"source": "devpts",
			"options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]
		},
		{
			"destination": "/dev/shm",
			"type": "tmpfs",
			"source": "shm",
			"options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]
		},
		{
			"destination": "/dev/mqueue",
			"type": "mqueue",
			"source": "mqueue",
			"options": ["nosuid", "noexec", "nodev"]
		},
		{
			"destination": "/sys",
			"type": "sysfs",
			"source": "sysfs",
			"options": ["nosuid", "noexec", "nodev", "ro"]
		},
		{
			"destination": "/sys/fs/cgroup",
			"type": "cgroup",
			"source": "cgroup",
			"options": ["nosuid", "noexec", "nodev", "relatime", "ro"]
		}${binds:+,
$binds}
	],
EOF
	[ -z "$hooks" ] || printf '\t"hooks": {\n%s\n\t},\n' "$hooks"
	[ -z "$annotations" ] || printf '\t"annotations": {\n%s\n\t},\n' "$annotations"
	printf '\t"linux": {\n'
	if [ -n "$cgroup" ]; then
		js "$cgroup"
		printf '\t\t"cgroupsPath": %s,\n' "$J"
	fi
	cat <<EOF
		"resources": { "devices": [{ "allow": false, "access": "rwm" }] },
		"namespaces": [
$namespaces
		],
		"maskedPaths": [
			"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
			"/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
			"/proc/scsi"
		],
		"readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
	}
}
EOF
} >"$bundle/config.json.tmp"
mv "$bundle/config.json.tmp" "$bundle/config.json"
