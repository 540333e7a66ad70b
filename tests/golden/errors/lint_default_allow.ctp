profile t {
    default allow
    allow read /etc/hosts
    deny write /etc/**
}
