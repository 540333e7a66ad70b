profile t {
    allow net connect tcp port 443
    allow net connect tcp port 443
    deny net connect,send tcp port 443
    allow mount mount fstype tmpfs on /tmp
    deny mount all fstype tmpfs on /tmp
    allow mount bind on /srv//data
    allow signal term peer web
    allow signal term peer web
    allow kernel bpf
    deny kernel bpf,perf
}
