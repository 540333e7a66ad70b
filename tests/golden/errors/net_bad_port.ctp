profile t {
    allow net bind tcp port 70000
    allow net bind tcp port http
    allow net connect tcp port
}
