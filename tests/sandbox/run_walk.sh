#!/bin/bash
# The portable path walk of sandbox/fs.c, used where the kernel has no
# openat2 (before 5.6): the exit-status and attack tests again, with
# corral run under tests/sandbox/nosys.c, which makes openat2 ENOSYS.
# Their lines come back prefixed "walk: ".
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "path walk without openat2"
scratch
[ -x "$TESTBIN/bin/nosys" ] || { fail "path walk ($TESTBIN/bin/nosys not built)"; exit 0; }
printf '#!/bin/sh\nexec %s %s "$@"\n' "$TESTBIN/bin/nosys" "$CORRAL" >"$T/corral"
chmod +x "$T/corral"
# Two filters inside: nosys's, inherited through corral run, and ours.
check_eq "walk: the openat2-less filter reaches the sandbox" "Seccomp_filters:	2" \
	"$("$T/corral" run -- /bin/sh -c 'grep ^Seccomp_filters /proc/self/status')"
# (Not the "weakened sandbox" checks: under nosys's filter the probe
# rightly sees a filter even with --seccomp none.)
for t in run_exit run_attacks; do
	CORRAL=$T/corral bash "$SRC/tests/sandbox/$t.sh" 2>&1 |
		grep -v '^[A-Z]*: weakened sandbox' |
		sed -n 's/^\(PASS\|FAIL\|SKIP\): /\1: walk: /p'
done
