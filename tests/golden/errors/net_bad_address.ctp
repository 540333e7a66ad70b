profile t {
    allow net connect tcp 10.0.0.256
    allow net connect tcp 10.0.0.0/33
}
