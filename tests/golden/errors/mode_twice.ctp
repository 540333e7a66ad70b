profile t {
    mode enforce
    mode complain
}
