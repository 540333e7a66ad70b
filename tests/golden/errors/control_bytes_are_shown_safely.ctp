profile t {
  allow rea[31md /x
}
