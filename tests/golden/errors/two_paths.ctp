profile t {
    allow read /etc/hosts /etc/hostname
}
