allow read /etc/hostname
profile t {
}
