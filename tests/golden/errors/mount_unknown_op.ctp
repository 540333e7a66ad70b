profile t {
    allow mount unmount on /mnt/**
}
