profile t {
    allow net bind tcp port 9000-8000
}
