#!/bin/bash
# Signals to PID 1: every signal that is not a shutdown request is
# ignored (and logged) and never kills it, a kill(2)ed SIGSEGV included;
# SIGTERM and SIGINT reboot, SIGUSR1 halts, SIGUSR2 and SIGPWR power
# off. SIGKILL and SIGSTOP cannot be caught by any process and are
# left out (from inside its namespace the kernel never delivers them).
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
pid1_build one one.services || exit 0
pid1_tree "$T/root"

pid1_start "$T/root"
pid1_wait '^corral: up: 1 services' || fail "no up line before signals"
web=$(pid1_ctl status web | cut -d' ' -f3)
sent=0
for sig in $(seq 1 64); do
	case $sig in 2 | 9 | 10 | 12 | 15 | 19 | 30) continue ;; esac
	kill -"$sig" "$PID1" && sent=$((sent + 1))
	sleep 0.01
done
sleep 0.3
if kill -0 "$PID1" 2>/dev/null; then
	pass "PID 1 alive after $sent signals"
else
	fail "PID 1 died from one of $sent signals"
fi
check_grep "PID 1 still answers after the signals" "^web ready $web 0 " <(pid1_ctl status web)
check_grep "SIGHUP logged and ignored" '^corral: ignoring signal 1$' "$T/log"
check_eq "SIGSEGV by kill(2) is not taken for a crash" 0 "$(pid1_count '^corral: fatal signal')"
check_grep "real-time signal logged and ignored" '^corral: ignoring signal 64$' "$T/log"
if grep -qE 'shutdown|fatal' "$T/log"; then
	fail "a non-shutdown signal started a shutdown: $(grep -E 'shutdown|fatal' "$T/log" | head -n 1)"
else
	pass "no shutdown from non-shutdown signals"
fi
kill -USR1 "$PID1"
pid1_stop
check_eq "SIGUSR1: halt ends the namespace with SIGINT" 130 "$RC"
check_grep "SIGUSR1: halt" '^corral: shutdown: halt$' "$T/log"
check_grep "SIGUSR1: services stopped" '^corral: web: killed by signal 15$' "$T/log"

for s in INT:reboot:129 USR2:poweroff:130 PWR:poweroff:130; do
	IFS=: read -r sig what rc <<<"$s"
	pid1_start "$T/root"
	pid1_wait '^corral: up: 1 services' || fail "SIG$sig: no up line"
	pid1_stop "$sig"
	check_eq "SIG$sig: $what ($rc)" "$rc" "$RC"
	check_grep "SIG$sig: shutdown: $what" "^corral: shutdown: $what\$" "$T/log"
done
