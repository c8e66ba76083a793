#!/bin/bash
# Shutdown: services stop in reverse `after` order; one that ignores
# SIGTERM is SIGKILLed at its stop-timeout; what a service left behind
# dies with it; `ctl stop/start/restart`; `ctl reboot|halt|poweroff`.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
pid1_build shutdown shutdown.services || exit 0
pid1_tree "$T/root"
pid1_start "$T/root"
check_wait "up" '^corral: up: 4 services'
pid1_wait '^c: c ignores SIGTERM$' || fail "c did not start"

# A leftover (double-forked) process dies with its service.
if pgrep -f '^sleep 1001$' >/dev/null; then
	pass "d's leftover is running"
else
	fail "d's leftover 'sleep 1001' not found"
fi
pid1_ctl stop d || fail "ctl stop d refused"
check_wait "ctl stop: d stopped by SIGTERM" '^corral: d: killed by signal 15$'
sleep 0.2
if pgrep -f '^sleep 1001$' >/dev/null; then
	fail "d's leftover survived its service"
else
	pass "d's leftover killed with its service (its cgroup)"
fi
check_grep "ctl stop: state stopped" '^d stopped - 0 - - sig15$' <(pid1_ctl status d)
sleep 0.3
check_eq "ctl stop: not restarted" 1 "$(pid1_count '^corral: d: started')"
pid1_ctl start d || fail "ctl start d refused"
if pid1_wait_count '^corral: d: started' 2 2; then
	pass "ctl start: d started again"
else
	fail "ctl start: d not started again"
fi
pid1_ctl restart a || fail "ctl restart a refused"
if pid1_wait_count '^corral: a: started' 2 3; then
	pass "ctl restart: a started again"
else
	fail "ctl restart: a not started again"
fi
check_grep "ctl restart: counted as a stop, not a crash" '^a (starting|running|ready) [0-9]+ 0 ' <(pid1_ctl status a)

t0=$(ms)
pid1_stop TERM
dt=$(($(ms) - t0))
check_eq "SIGTERM: reboot" 129 "$RC"
check_grep "c: SIGKILL at its stop-timeout" '^corral: c: stop timeout, killing$' "$T/log"
check_grep "c: killed by signal 9" '^corral: c: killed by signal 9$' "$T/log"
if [ "$dt" -ge 1000 ] && [ "$dt" -lt 6000 ]; then
	pass "shutdown waited for c's 1 s stop-timeout ($dt ms)"
else
	fail "shutdown took $dt ms, expected 1000..6000 (stop-timeout 1s)"
fi
order=$(sed -n 's/^corral: \([abc]\): killed by signal [0-9]*$/\1/p' "$T/log" | tail -n 3 | tr -d '\n')
check_eq "reverse after order: c, then b, then a" cba "$order"

# The same through the control socket.
pid1_build one one.services || exit 0
pid1_tree "$T/one"
for s in reboot:129 halt:130 poweroff:130; do
	pid1_start "$T/one"
	pid1_wait '^corral: up: 1 services' || fail "ctl ${s%:*}: no up line"
	if pid1_ctl "${s%:*}"; then
		pass "ctl ${s%:*}: accepted"
	else
		fail "ctl ${s%:*}: refused"
	fi
	pid1_stop
	check_eq "ctl ${s%:*}: namespace ended by reboot(2)" "${s#*:}" "$RC"
	check_grep "ctl ${s%:*}: shutdown line" "^corral: shutdown: ${s%:*}\$" "$T/log"
done
