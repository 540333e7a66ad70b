profile t {
    deny kernel bfp
    deny kernel root
    deny privilege sudo
}
