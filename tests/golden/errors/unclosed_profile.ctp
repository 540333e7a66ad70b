profile t {
    allow read /etc/**
