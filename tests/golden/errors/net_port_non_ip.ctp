profile t {
    allow net bind unix port 80
}
