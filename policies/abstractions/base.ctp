# What almost every program needs: its shared libraries, the loader's cache,
# name-service and time-zone data, and the harmless device nodes.
# Include it inside a profile.
@{LIBS} = /lib /lib64 /usr/lib /usr/lib64 /usr/local/lib

allow read,mmap_exec   @{LIBS}/**
allow read             /etc/ld.so.cache
allow read             /etc/{localtime,nsswitch.conf,passwd,group,hosts,resolv.conf}
allow read             /usr/share/zoneinfo/**
allow read,write       /dev/{null,zero,full,tty}
allow read             /dev/{random,urandom}
