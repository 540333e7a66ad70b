profile t {
    allow
    deny /etc/shadow
}
