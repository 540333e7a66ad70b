# The image's programs and libraries, and the files of /etc that decide who
# is root, how one logs in and what every program loads: read-only, so that
# whoever takes over a process cannot plant code for the others (root's
# among them) or a user of their own.  What a container writes goes in its
# data directories, /tmp, /run, /var and the rest of /etc (the runtime's
# hosts, hostname and resolv.conf; configuration an entrypoint generates).
# For running containers, not for image builds: a package manager writes
# exactly these.
# Include it inside a profile.
@{SYSTEM} = /bin /sbin /usr /lib /lib32 /lib64 /libx32 /boot

# Programs, libraries, and everything else under /usr (/usr/local included):
# no new file, no change, no removal, no rename onto them, no hard link.
deny write,append,create,delete,rename,link,setattr  @{SYSTEM}{,/**}

# Accounts and the authentication configuration: a line in passwd makes a
# uid 0 user; sudoers and PAM decide who gets root.
@{ACCOUNTS} = /etc/passwd /etc/shadow /etc/group /etc/gshadow /etc/subuid /etc/subgid /etc/sudoers
deny write,append,create,delete,rename,link,setattr  @{ACCOUNTS}
deny write,append,create,delete,rename,link,setattr  /etc/{sudoers.d,pam.d,security}{,/**}

# The dynamic loader's configuration: ld.so.preload injects a library into
# every program; the cache and conf decide where libraries come from.
deny write,append,create,delete,rename,link,setattr  /etc/ld.so.{preload,cache,conf}
deny write,append,create,delete,rename,link,setattr  /etc/ld.so.conf.d{,/**}
