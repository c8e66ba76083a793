#!/bin/bash
# The sandbox's fallbacks for older kernels, which this one never takes:
# the portable path walk (no openat2, before 5.6), clone(2) (no clone3,
# before 5.3), the fcntl loop (no close_range, before 5.9) and binds
# through mount(2) (no open_tree, move_mount, mount_setattr, before
# 5.2 and 5.12). The
# exit-status and attack tests run again with corral run under
# tests/sandbox/nosys.c, which makes those calls ENOSYS; their lines
# come back prefixed "old kernel: ".
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "fallbacks for older kernels"
scratch
[ -x "$TESTBIN/bin/nosys" ] || { fail "old kernel: $TESTBIN/bin/nosys not built"; exit 0; }
calls="openat2 clone3 close_range open_tree move_mount mount_setattr"
printf '#!/bin/sh\nexec %s %s -- %s "$@"\n' "$TESTBIN/bin/nosys" "$calls" \
	"$CORRAL" >"$T/corral"
chmod +x "$T/corral"
# The distribution's python (not a shim script) for raw syscalls.
py=/usr/bin/python3
[ -x "$py" ] || { skip "old kernel: needs $py"; exit 0; }
# nosys's filter reaches the sandbox (two filters there: its and ours),
# and the calls are really gone under it.
check_eq "old kernel: the filter reaches the sandbox" "Seccomp_filters:	2" \
	"$("$T/corral" run --root / -- /bin/sh -c 'grep ^Seccomp_filters /proc/self/status')"
# shellcheck disable=SC2086 # calls is a word list
check_eq "old kernel: $calls are ENOSYS" "38 38 38 38 38 38" \
	"$("$TESTBIN/bin/nosys" $calls -- "$py" -c '
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
out = []
for nr in (437, 435, 436, 428, 429, 442):
    libc.syscall(nr, 0, 0, 0, 0)
    out.append(str(ctypes.get_errno()))
print(" ".join(out))')"
# (Not the "weakened sandbox" checks: under nosys's filter the probe
# rightly sees a filter even with --seccomp none.)
for t in run_exit run_attacks; do
	CORRAL=$T/corral bash "$SRC/tests/sandbox/$t.sh" 2>&1 |
		grep -v '^[A-Z]*: weakened sandbox' |
		sed -n 's/^\(PASS\|FAIL\|SKIP\): /\1: old kernel: /p'
done
