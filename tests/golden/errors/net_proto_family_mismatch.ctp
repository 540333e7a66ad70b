profile t {
    allow net create unix tcp
    allow net create inet icmpv6
    allow net create inet6 route
}
