#!/bin/bash
# The seccomp program as assembled by sandbox/seccomp.c, run through a
# classic-BPF interpreter on crafted syscalls (tests/sandbox/bpf_emu.c):
# verdicts for denied, allowed, argument-checked, unknown and foreign-ABI
# calls. Needs no root; the probe checks the filter the kernel installed.
. "$SRC/tests/lib.sh"
emu=$TESTBIN/bin/bpf_emu
if [ ! -x "$emu" ]; then
	fail "seccomp program ($emu not built)"
	exit 0
fi
"$emu"
check_eq "seccomp program: every verdict as expected" 0 "$?"
