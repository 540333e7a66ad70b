profile t {
    allow net create inet5 stream
    allow net connect tcp 443
    allow net create frobnicate
}
