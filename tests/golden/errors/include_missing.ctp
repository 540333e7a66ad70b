profile t {
    include "inc/missing.ctp"
}
