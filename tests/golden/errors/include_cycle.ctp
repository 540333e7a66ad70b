profile t {
    include "inc/cycle.ctp"
}
