profile t {
    allow read /usr/***
}
