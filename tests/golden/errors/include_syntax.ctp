profile t {
    include
    include ""
    include "inc/cycle.ctp" extra
}
