profile t {
    allow net connect inet6 tcp 10.0.0.0/8
}
