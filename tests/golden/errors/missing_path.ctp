profile t {
    allow read
}
