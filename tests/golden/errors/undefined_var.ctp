profile t {
    allow read @{HOME}/.profile
}
