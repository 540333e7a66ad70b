@{A} = /a
@{A} = /b
profile t {
}
