#!/bin/bash
# PID 1's control-socket request parser (init/ctl_server.c) in-process:
# see ctl_fuzz.c for the input format and the oracle, fuzz.bash for the
# run. (ctl_garbage.sh sends garbage to a running PID 1 from outside.)
. "$SRC/tests/fuzz/fuzz.bash"
fz_init ctl
fz_build tests/fuzz/ctl_fuzz.c init/ctl.c init/timeline.c lib/*.c
fz_run -max_len=256
