# web: a static web server (busybox httpd; the same shape fits any server of
# files): it serves @{WEBROOT} on port 80 and writes its log.
#
# It allows: running busybox (httpd and the shell that starts it), reading
# the content and httpd.conf, appending to /var/log/httpd/*.log, a TCP
# socket (IPv4 and IPv6) bound to port 80 that listens, and dropping from
# root to its user (httpd -u) with the capabilities that takes.
#
# It refuses everything else ('default deny'): any other program, reading
# anything else (/etc/shadow, the keys of other services), changing the
# content (defacement), outgoing connections (a compromised server cannot
# reach the internal network or fetch a second stage), UDP, any other port;
# and, whatever a rule added later allows, what no-escape.ctp and
# kernel-files.ctp refuse.
@{WEBROOT} = /srv/www /var/www
@{LOGS} = /var/log/httpd

profile web {
    mode enforce
    default deny
    include "abstractions/base.ctp"
    include "abstractions/no-escape.ctp"
    include "abstractions/kernel-files.ctp"

    # The program: busybox httpd, and busybox's shell to start it.
    allow read,exec                 /bin/busybox
    allow read                      /etc/httpd.conf

    # The content: read-only, whatever else may allow.
    allow read                      @{WEBROOT}{,/**}
    deny  write,append,create,delete,rename,link,setattr  @{WEBROOT}{,/**}

    # Its log: created and appended to, never read back or rewritten.
    allow append,create             @{LOGS}/*.log

    # Port 80, IPv4 and IPv6 ('tcp' without a family names both); accepted
    # connections need no rule.  No connect: the server only answers.
    allow net create                stream tcp
    allow net bind,listen           tcp port 80

    # Binding port 80 as root, then dropping to its user (never back:
    # no-escape.ctp refuses becoming root again).
    allow cap net_bind_service, setuid, setgid
}
