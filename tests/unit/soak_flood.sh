#!/bin/bash
# Soak: a service flooding its stdout and /dev/log as fast as PID 1
# reads them, for 4 s (SOAK=long: 30 s). Meanwhile `corral ctl status`
# answers within a second every time (the worst latency printed), two
# quiet services' 300 lines each (one on stdout, one on /dev/log, 100
# per second) all reach the log, and every flood line is either logged
# or counted as dropped by the rate limit.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
[ -x "$TESTBIN/bin/soakaid" ] || { skip "no $TESTBIN/bin/soakaid (make test-bins)"; exit 0; }
secs=4
[ "${SOAK:-}" != long ] || secs=30
table=$T/flood.services
sed "s/flood 4\$/flood $secs/" "$SRC/tests/unit/pid1/flood.services" >"$table"
pid1_build "flood$secs" "$table" || exit 0
pid1_tree "$T/root"
j="$T/root/srv/jail"
mkdir -p "$j/bin" "$j/proc" "$j/dev" "$j/tmp"
cp "$TESTBIN/bin/soakaid" "$j/bin/"
cp "$TESTBIN/bin/soakaid" "$T/root/bin/"

pid1_start "$T/root"
check_wait "up" '^corral: up: '
max=0 n=0 slow=0
while ! grep -q '^fl: sent ' "$T/log"; do
	t=$(ms)
	pid1_ctl status >/dev/null || fail "ctl status failed during the flood"
	dt=$(($(ms) - t))
	n=$((n + 1))
	[ "$dt" -le "$max" ] || max=$dt
	[ "$dt" -lt 1000 ] || slow=$((slow + 1))
	[ "$n" -lt $((secs * 200)) ] || break
	sleep 0.05
done
echo "ctl status during the flood: $n calls, max $max ms"
# SANITIZE=1: each (ASan) ctl client takes about half a second to start
# and exit on a loaded machine: fewer calls fit in the flood.
least=10
[ "${SANITIZE:-}" != 1 ] || least=5
if [ "$n" -ge "$least" ] && [ "$slow" = 0 ]; then
	pass "ctl status answered within 1 s during the flood ($n calls, max $max ms)"
else
	fail "ctl status during the flood: $n calls, $slow over 1 s, max $max ms"
fi
check_wait "the flood ended" '^corral: fl: exited status 0$' 20
check_wait "q1 done" '^q1: ticked 300$' 20
check_wait "q2 done" '^q2: ticked 300$' 20
for q in q1 q2; do
	k=$(grep -E "^$q: tick [0-9]+\$" "$T/log" | sort -u | wc -l)
	check_eq "$q: all 300 lines in the log (none lost to the flood)" 300 "$k"
done
read -r _ _ _ out _ lg < <(grep -m1 '^fl: sent ' "$T/log")
x=$(pid1_count '^fl: x [0-9]+$')
y=$(pid1_count '^fl: y [0-9]+$')
d=$(awk '/^corral: fl: dropped [0-9]+ log lines$/ { d += $4 } END { print d + 0 }' "$T/log")
echo "flood: sent $out stdout lines, $lg /dev/log messages; logged $x + $y, dropped $d"
check_eq "flood: every line logged or counted as dropped" "$((out + lg))" "$((x + y + d))"
# Both channels share the service's one rate limit (CFG_LOG_RATE lines a
# second), first come first served: which of them the logged lines came
# from depends on how PID 1's reads fall within each second (all from
# stdout, seen under ASan), so only their sum is the limit's.
if [ "$out" -gt 0 ] && [ "$lg" -gt 0 ] && [ "$((x + y))" -gt 0 ]; then
	pass "flood: both stdout and /dev/log flooded, $((x + y)) lines logged ($x + $y)"
else
	fail "flood: stdout $out sent $x logged, /dev/log $lg sent $y logged"
fi
# The limit held: at most its lines in each second the flood touched.
rate=$(sed -n 's/^#define CFG_LOG_RATE //p' "$O/gen/config.h")
if [ -n "$rate" ] && [ "$((x + y))" -le $((rate * (secs + 2))) ]; then
	pass "flood: $((x + y)) lines logged, within $rate a second"
else
	fail "flood: $((x + y)) lines logged in about $secs s, over ${rate:-?} a second"
fi
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
