#!/bin/bash
# The ELF closure reader (rootfs-skel/elfdeps.c) on hostile ELF files:
# see elfdeps_fuzz.c for the input format and the oracle, fuzz.bash for
# the run.
. "$SRC/tests/fuzz/fuzz.bash"
fz_init elfdeps
fz_build tests/fuzz/elfdeps_fuzz.c
fz_run -max_len=8192
