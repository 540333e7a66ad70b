profile t {
    mode complain
    default allow
    audit deny exec /tmp/**
    allow cap kill
}
