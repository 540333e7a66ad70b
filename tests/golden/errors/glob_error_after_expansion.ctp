@{D} = /srv /var/{www
profile t {
    allow read @{D}/index.html
}
