profile t {
    allow read "/srv/my files/**
}
