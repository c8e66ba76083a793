#!/bin/bash
# The hardware watchdog (CFG_WATCHDOG): fed from the main loop at half
# its timeout and closed with the magic 'V' as the last step of
# shutdown. /dev/watchdog is a FIFO here (on a tmpfs /dev in the test's
# mount namespace), so the test reads exactly what PID 1 wrote to it.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup mkfifo mknod
pid1_build watchdog one.services WATCHDOG=1 WATCHDOG_TIMEOUT=2 || exit 0
pid1_tree "$T/root"
# shellcheck disable=SC2016 # expanded by the namespace's shell
PID1_PRE='mount -t tmpfs -o mode=755 tmpfs "$1/dev" && mknod -m 666 "$1/dev/null" c 1 3 && mkfifo -m 600 "$1/dev/watchdog"'
pid1_start "$T/root"
cat "/proc/$PID1/root/dev/watchdog" >"$T/wd" &
check_wait "boots with the watchdog open" '^corral: up: 1 services'
sleep 3
pid1_stop TERM
wait
check_eq "shutdown" 129 "$RC"
feeds=$(tr -cd '\n' <"$T/wd" | wc -c)
if [ "$feeds" -ge 3 ] && [ "$feeds" -le 6 ]; then
	pass "fed $feeds times in ~3 s (timeout 2 s: every second)"
else
	fail "fed $feeds times in ~3 s, expected 3..6"
fi
check_eq "magic close 'V' last" V "$(tail -c 1 "$T/wd")"
check_eq "nothing but feeds and the magic close" "" "$(tr -d '\nV' <"$T/wd")"
