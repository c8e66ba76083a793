#!/bin/bash
# The cpio writer (rootfs-skel/mkcpio.c) on hostile staging trees: see
# mkcpio_fuzz.c for the input format and the oracle, fuzz.bash for the
# run.
. "$SRC/tests/fuzz/fuzz.bash"
fz_init mkcpio
fz_build tests/fuzz/mkcpio_fuzz.c
fz_run -max_len=2048
