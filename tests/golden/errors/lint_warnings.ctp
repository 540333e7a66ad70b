profile t {
    allow read /etc/hosts
    allow read /etc/hosts
    deny  read /etc/hosts
    allow read /var//log
    allow read /var/log/
    allow read /a/./b
    allow cap chown
    deny cap chown
}
