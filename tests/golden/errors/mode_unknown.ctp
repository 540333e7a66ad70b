profile t {
    mode strict
}
