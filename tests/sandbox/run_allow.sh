#!/bin/bash
# `seccomp allow` with system calls (SPEC 8): the clock group and single
# names of the deny-list. A read-only adjtimex (modes 0: it sets nothing
# and needs no capability, so only the filter can refuse it; this test
# never sets the host's clock) gets EPERM from the default filter, and
# reaches the kernel with `caps sys_time` and `allow:clock`, or with
# `allow:adjtimex` alone; another clock call's name does not lift it.
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "seccomp allow system calls"
scratch
sbx_root "$T/root"
cp "$TESTBIN/bin/runaid" "$T/root/bin/runaid"
adj() { "$CORRAL" run --root "$T/root" "$@" -- /bin/runaid adjtimex 2>&1; }
check_eq "default filter: adjtimex refused" "adjtimex Operation not permitted" \
	"$(adj --caps sys_time)"
check_eq "caps sys_time, allow:clock: adjtimex reaches the kernel" "adjtimex ok" \
	"$(adj --caps sys_time --seccomp allow:clock)"
check_eq "allow:adjtimex alone: reaches the kernel" "adjtimex ok" \
	"$(adj --seccomp allow:adjtimex)"
check_eq "allow:clock_settime does not lift adjtimex" "adjtimex Operation not permitted" \
	"$(adj --seccomp allow:clock_settime,vsock)"
check_eq "allow:ptrace does not lift adjtimex" "adjtimex Operation not permitted" \
	"$(adj --seccomp allow:ptrace)"
"$CORRAL" run --root "$T/root" --seccomp allow:clone3 -- /bin/runaid say x 2>"$T/bad"
check_eq "allow:clone3 (checked by argument, never allowed): exit 125" 125 "$?"
check_grep "allow:clone3: says why" 'unknown group \(vsock, alg, uevent, clock\) or denied system call' "$T/bad"
