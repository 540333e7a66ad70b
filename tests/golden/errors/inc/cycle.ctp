# includes itself through include_cycle.ctp's include
include "cycle.ctp"
