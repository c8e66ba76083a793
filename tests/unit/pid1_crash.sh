#!/bin/bash
# Restart policies: exponential backoff, a crash loop ending in `failed`,
# exec failures (127 missing, 126 not executable) reported and given up
# on without a busy loop, on-failure/never/oneshot, `ctl start` of a
# failed service, and a failing `critical` service rebooting.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
count() { pid1_count "$@"; }

pid1_build crash crash.services || exit 0
pid1_tree "$T/root"
echo 'not a program' >"$T/root/etc/not-executable"
t0=$(ms)
pid1_start "$T/root"
check_wait "crash loop ends in failed" '^corral: loop: failed$'
dt=$(($(ms) - t0))
# backoff 100ms 800ms: restarts after 100, 200 and 400 ms.
if [ "$dt" -ge 700 ] && [ "$dt" -lt 5000 ]; then
	pass "backoff doubles: 4 starts took $dt ms (>= 700)"
else
	fail "4 starts with backoff 100ms doubling took $dt ms, expected 700..5000"
fi
check_wait "missing program given up" '^corral: missing: failed$'
check_wait "non-executable program given up" '^corral: noexec: failed$'
sleep 1 # a busy loop would start them again meanwhile
check_eq "crashloop 4: exactly 4 starts" 4 "$(count '^corral: loop: started pid [0-9]+$')"
check_eq "every exit status reported" 4 "$(count '^corral: loop: exited status 3$')"
check_eq "missing program: 3 starts, no busy loop" 3 "$(count '^corral: missing: started')"
check_eq "missing program: exit 127 each time" 3 "$(count '^corral: missing: exited status 127$')"
check_grep "missing program: exec error logged" '^corral: missing: exec /bin/no-such-program: No such file or directory$' "$T/log"
check_eq "non-executable: exit 126 each time" 3 "$(count '^corral: noexec: exited status 126$')"
check_grep "non-executable: exec error logged" '^corral: noexec: exec /etc/not-executable: Permission denied$' "$T/log"
check_eq "on-failure: clean exit not restarted" 1 "$(count '^corral: clean: started')"
check_eq "never: failed exit not restarted" 1 "$(count '^corral: never: started')"
check_eq "oneshot: run once" 1 "$(count '^corral: once: started')"
st=$(pid1_ctl status)
check_grep "status: loop failed after 3 restarts" '^loop failed - 3 - - 3$' <(echo "$st")
check_grep "status: clean exited" '^clean exited - 0 - - 0$' <(echo "$st")
check_grep "status: never exited" '^never exited - 0 - - 1$' <(echo "$st")
if pid1_ctl start loop; then
	pass "ctl start loop: accepted"
else
	fail "ctl start loop: refused"
fi
# A fresh crash-loop count: 4 more starts, then failed again.
if pid1_wait_count '^corral: loop: failed$' 2 5; then
	pass "ctl start: failed service started afresh, failed again"
else
	fail "ctl start: no second crash loop of loop"
fi
check_eq "ctl start: 4 more starts" 8 "$(count '^corral: loop: started pid [0-9]+$')"
pid1_stop TERM
check_eq "shutdown after crash loops: reboot" 129 "$RC"

# A critical service that fails reboots the system by itself.
pid1_build crit crit.services || exit 0
pid1_tree "$T/root2"
pid1_start "$T/root2"
check_wait "critical: fails after its crash loop" '^corral: boom: failed$'
check_wait "critical: reboot follows" '^corral: shutdown: reboot$'
pid1_stop
check_eq "critical: reboot(2) ends the namespace" 129 "$RC"
check_grep "critical: other services stopped first" '^corral: web: killed by signal 15$' "$T/log"
