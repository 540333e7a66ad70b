profile t {
    allow signal SIGTREM peer unconfined
    allow signal 65 peer unconfined
    allow ptrace attach peer web
}
