profile t {
    allow mount mount on /tmp on /run
    allow mount bind onto /srv
    allow mount remount on tmp
    allow mount mount fstype
}
