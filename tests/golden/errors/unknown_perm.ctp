profile t {
    allow read,wirte /var/log/app.log
}
