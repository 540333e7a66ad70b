profile t {
    allow read /etc/{passwd,group
}
