#!/bin/bash
# What a service must not inherit from whoever started it: a negative
# nice, a real-time policy, a negative oom_score_adj (each regained only
# with a capability the service lacks), and an unset audit loginuid,
# which it could otherwise set once, to 0, with no capability at all.
# A positive nice (`nice -n 5 corral run ...`) is the caller's choice
# and stays.
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "inherited scheduling and loginuid"
need_cmd "inherited scheduling and loginuid" nice chrt
scratch
sbx_root "$T/root"
probe() { "$CORRAL" run --root "$T/root" "$@" -- /bin/probe inherit 2>&1; }
field() { printf '%s\n' "$2" | sed -n "s/.* $1 \([^ ]*\).*/\1/p"; }

# nice(1) adds to the niceness the suite runs at (`nice make check`):
# -20 from any of them is negative, +5 is the base's plus 5 (at most 19).
base=$(nice)
out=$(nice -n -20 chrt -f 5 "$CORRAL" run --root "$T/root" -- /bin/probe inherit 2>&1)
check_eq "nice $((base - 20)) of the caller: the service runs at nice 0" 0 "$(field nice "$out")"
check_eq "SCHED_FIFO of the caller: the service runs SCHED_OTHER" 0 "$(field policy "$out")"
up=$((base + 5 > 19 ? 19 : base + 5))
out=$(nice -n 5 "$CORRAL" run --root "$T/root" -- /bin/probe inherit 2>&1)
check_eq "nice $up of the caller is kept" "$up" "$(field nice "$out")"

if choom -n -500 -- true 2>/dev/null; then
	out=$(choom -n -500 -- "$CORRAL" run --root "$T/root" -- /bin/probe inherit 2>&1)
	check_eq "oom_score_adj -500 of the caller: the service has 0" 0 "$(field oom "$out")"
else
	skip "inherited oom_score_adj: this host cannot lower it (no CAP_SYS_RESOURCE here)"
fi

out=$(probe)
lu=$(field loginuid "$out")
if [ "$(cat /proc/self/loginuid 2>/dev/null)" = 4294967295 ]; then
	check_eq "unset loginuid of the caller: the service's is its uid" \
		"$(field uid " $out")" "$lu"
else
	pass "loginuid of the caller kept ($lu): it was set"
fi
check_eq "the service cannot set its loginuid" "Operation not permitted" \
	"$(printf '%s\n' "$out" | sed -n 's/.* setloginuid //p')"
out=$(probe --user 0:0)
check_eq "uid 0 service cannot set its loginuid either" "Operation not permitted" \
	"$(printf '%s\n' "$out" | sed -n 's/.* setloginuid //p')"
