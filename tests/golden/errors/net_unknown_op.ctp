profile t {
    allow net conect tcp port 443
    allow net
}
