profile t {
    allow cap net_admin, sys_admn
}
