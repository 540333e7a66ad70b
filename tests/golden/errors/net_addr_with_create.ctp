profile t {
    allow net create inet tcp 10.0.0.0/8
    allow net all tcp port 443
}
