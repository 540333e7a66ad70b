profile "my web" {
}
