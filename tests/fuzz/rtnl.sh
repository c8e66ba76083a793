#!/bin/bash
# The rtnetlink requests and reply reader of sandbox/rtnl.c (PID 1's
# `net veth`), in-process with fake sendto() and recv(): see
# rtnl_fuzz.c for the input format and the oracle, fuzz.bash for the
# run.
. "$SRC/tests/fuzz/fuzz.bash"
fz_init rtnl
fz_build tests/fuzz/rtnl_fuzz.c lib/*.c
fz_run -max_len=2048
