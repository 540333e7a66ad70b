profile t {
    allow signal hup,term
    allow ptrace read peer
    allow ptrace peer web
    allow signal peer "my peer"
    allow signal peer web extra
}
