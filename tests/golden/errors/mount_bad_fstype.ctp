profile t {
    allow mount mount fstype TmpFS on /tmp
    allow mount mount fstype ext4,fuse:sshfs on /mnt/**
}
