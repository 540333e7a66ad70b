profile t {
    default allow
    allow net create unix
    allow mount umount
    allow kernel perf
    allow privilege root
    allow signal peer web
}
