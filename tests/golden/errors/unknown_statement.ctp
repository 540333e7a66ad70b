profile t {
    frobnicate /etc
}
