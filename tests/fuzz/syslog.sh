#!/bin/bash
# PID 1's /dev/log message parser in init/dgram.c,
# in-process: see dgram_fuzz.c for the input format and the oracle,
# fuzz.bash for the run.
. "$SRC/tests/fuzz/fuzz.bash"
fz_init syslog
fz_build tests/fuzz/dgram_fuzz.c init/timeline.c lib/*.c -- -DFZ_SOCK=0
fz_run -max_len=1200
