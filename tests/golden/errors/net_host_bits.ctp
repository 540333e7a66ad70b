profile t {
    allow net connect tcp 10.1.2.3/8 port 443
    allow net connect 2001:db8::1/32
}
