#!/bin/bash
# Reaping: 100 double-forked orphans, then 1000 orphans exiting at
# once (one SIGCHLD for all of them): no zombie left, services still
# tracked, PID 1 still answering.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup mkfifo
pid1_build orphans orphans.services || exit 0
pid1_tree "$T/root"
mkfifo -m 666 "$T/root/tmp/gate"
# kids STATE: PID 1's children in that state (ps letter), services too.
kids() {
	local n=0 p all
	read -ra all <"/proc/$PID1/task/$PID1/children"
	for p in "${all[@]}"; do
		grep -q "^State:.$1" "/proc/$p/status" 2>/dev/null && n=$((n + 1))
	done
	echo "$n"
}
pid1_start "$T/root"
check_wait "100 orphans spawned" '^orphans: spawned 100$'
check_wait "1000 orphans spawned" '^burst: spawned 1000$' 30
n=$(kids S)
if [ "$n" -ge 1000 ]; then
	pass "the 1000 orphans are PID 1's children ($n sleeping children)"
else
	fail "only $n sleeping children of PID 1, expected >= 1000"
fi
# Let all 1000 go at once: open and close the FIFO they all wait on.
exec 3>"$T/root/tmp/gate"
exec 3>&-
sleep 1.5
check_eq "no zombie left" 0 "$(kids Z)"
check_eq "only the two services left as children" 2 "$(wc -w <"/proc/$PID1/task/$PID1/children")"
st=$(pid1_ctl status)
check_grep "orphans service still tracked" '^orphans ready [0-9]+ 0 ' <(echo "$st")
check_grep "burst service still tracked" '^burst ready [0-9]+ 0 ' <(echo "$st")
if grep -qE '^corral: (orphans|burst): (exited|killed)' "$T/log"; then
	fail "an orphan's exit was taken for its service's"
else
	pass "orphan exits not taken for service exits"
fi
pid1_stop TERM
check_eq "shutdown after the orphans" 129 "$RC"
