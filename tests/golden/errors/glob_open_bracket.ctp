profile t {
    allow read /etc/[a-
}
