profile unconfined {
}
