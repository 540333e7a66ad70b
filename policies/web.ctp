# A static web server (busybox httpd): reads its content, writes its log,
# listens on port 80, and may touch nothing else.
@{WEBROOT} = /srv/www /var/www

profile web {
    mode enforce
    default deny
    include "abstractions/base.ctp"
    include "abstractions/no-escape.ctp"

    allow read,exec                 /bin/busybox
    allow read                      @{WEBROOT}{,/**}
    allow read,write,append,create  /var/log/httpd/*.log
    deny  write,append,create       @{WEBROOT}/**
    deny  all                       /proc/sys/**
    allow cap net_bind_service, setuid, setgid

    # TCP over IPv4 and IPv6 (tcp without a family names both), port 80 only
    allow net create                stream tcp
    allow net bind,listen           tcp port 80

    # It starts as root and drops to its user: never back, never by exec
    deny privilege all
}
