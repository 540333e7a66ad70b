profile t {
    allow net create inet inet6 stream
    allow net connect tcp udp
    allow net connect tcp port 80 port 443
}
