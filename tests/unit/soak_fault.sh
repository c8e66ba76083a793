#!/bin/bash
# Fault: hostile control clients, a full /run, no /dev/kmsg. A client
# that connects and says nothing is dropped at its 1 s deadline; one
# that sends a byte a second gets an answer to its first byte and is
# dropped; all four connection slots held by silent clients make others
# hear "busy, try again" at once, and a real answer once the deadline
# frees them. Through all of it `ctl status` answers within a second.
# A /run filled up after boot changes nothing; one with no inode left
# at boot costs the control socket, said with the reason, and nothing
# else. A /dev without kmsg sends the log to stdout.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup mknod
[ -x "$TESTBIN/bin/soakaid" ] || { skip "no $TESTBIN/bin/soakaid (make test-bins)"; exit 0; }
pid1_build fault fault.services || exit 0
pid1_tree "$T/root"
A=$TESTBIN/bin/soakaid

# latency SECONDS: ctl status every 50 ms; LAT the worst in ms, SLOW
# the calls that failed or took a second or more.
latency() {
	local end=$(($(ms) + $1 * 1000)) t dt
	LAT=0 SLOW=0 CALLS=0
	while [ "$(ms)" -lt "$end" ]; do
		t=$(ms)
		pid1_ctl status >/dev/null || SLOW=$((SLOW + 1))
		dt=$(($(ms) - t))
		CALLS=$((CALLS + 1))
		[ "$dt" -le "$LAT" ] || LAT=$dt
		[ "$dt" -lt 1000 ] || SLOW=$((SLOW + 1))
		sleep 0.05
	done
}

# --- hostile clients, and /run filled after boot
# shellcheck disable=SC2016 # PID1_PRE's $1 is the tree, in its shell
PID1_PRE='mount -t tmpfs -o size=256k,nr_inodes=64 tmpfs "$1/run"' pid1_start "$T/root"
check_wait "up" '^corral: up: '
"$A" idle "$SOCK" >"$T/idle" &
idle=$!
"$A" drip "$SOCK" >"$T/drip" &
drip=$!
latency 3
echo "beside a silent and a dripping client: ctl status $CALLS calls, max $LAT ms"
check_eq "ctl status answered within 1 s beside them ($CALLS calls, max $LAT ms)" 0 "$SLOW"
wait "$idle" "$drip"
cat "$T/idle" "$T/drip"
ms_idle=$(sed -n 's/^idle: closed after \([0-9]*\) ms$/\1/p' "$T/idle")
if [ -n "$ms_idle" ] && [ "$ms_idle" -ge 900 ] && [ "$ms_idle" -le 1500 ]; then
	pass "silent client dropped at the 1 s deadline ($ms_idle ms)"
else
	fail "silent client: $(tr '\n' ' ' <"$T/idle")"
fi
check_grep "dripping client: its first byte answered as a request" \
	"^drip: 's' answered 'Eunknown command' in [0-9]+ ms\$" "$T/drip"
check_grep "dripping client: dropped after that answer" \
	"^drip: (send 't': (Broken pipe|Connection reset by peer) after [0-9]+ ms|closed after [0-9]+ ms)\$" "$T/drip"

pids=()
for i in 1 2 3 4; do
	"$A" idle "$SOCK" >"$T/idle$i" &
	pids+=($!)
done
for i in 1 2 3 4; do
	until grep -q connected "$T/idle$i"; do sleep 0.01; done
done
t=$(ms)
busy=$(pid1_ctl status 2>&1)
dt=$(($(ms) - t))
echo "all slots held: '$busy' in $dt ms"
if [ "$busy" = "corral ctl: busy, try again" ] && [ "$dt" -lt 1000 ]; then
	pass "all slots held: refused at once ($dt ms)"
else
	fail "all slots held: '$busy' after $dt ms"
fi
t=$(ms)
until pid1_ctl status >/dev/null 2>&1; do
	[ $(($(ms) - t)) -lt 3000 ] || break
	sleep 0.05
done
dt=$(($(ms) - t))
echo "answered $dt ms after the slots were taken"
if [ "$dt" -le 1500 ]; then
	pass "answered once the silent clients' deadline passed ($dt ms later)"
else
	fail "no answer $dt ms after the slots were taken"
fi
wait "${pids[@]}"

fill=/proc/$PID1/root/run
i=0
while dd if=/dev/zero of="$fill/fill$i" bs=4k count=16 2>/dev/null; do i=$((i + 1)); done
while (: >"$fill/f$i") 2>/dev/null; do i=$((i + 1)); done
echo "/run full: $(stat -f -c '%f of %b blocks, %d of %c inodes free' "$fill"), $i files"
check_eq "/run: no room left" 1 "$(touch "$fill/one-more" 2>/dev/null; echo $?)"
latency 1
check_eq "/run full: ctl status within 1 s (max $LAT ms)" 0 "$SLOW"
pid1_ctl restart web || fail "/run full: ctl restart refused"
check_wait "/run full: a service restarted" '^web: web up$' 3
n=$(pid1_count '^tick: tick$')
sleep 0.5
if [ "$(pid1_count '^tick: tick$')" -gt "$n" ]; then
	pass "/run full: services still restarting"
else
	fail "/run full: tick not restarted"
fi
pid1_stop TERM
check_eq "/run full: shutdown" 129 "$RC"

# --- no inode left in /run at boot: no control socket, said why
rm -f "$T/log"
# shellcheck disable=SC2016
PID1_PRE='mount -t tmpfs -o size=64k,nr_inodes=2 tmpfs "$1/run" && touch "$1/run/x"' pid1_start "$T/root"
check_wait "/run full at boot: up" '^corral: up: 2 services'
check_grep "/run full at boot: the socket's failure said with its reason" \
	'^corral: ctl /run/corral\.sock: No space left on device$' "$T/log"
check_grep "/run full at boot: services run" '^web: web up$' "$T/log"
pid1_stop TERM
check_eq "/run full at boot: shutdown" 129 "$RC"

# --- no /dev/kmsg: a booted root (a mount point, no container=) whose
# /dev is a tmpfs with only null in it
rm -f "$T/log"
# shellcheck disable=SC2016
PID1_KMSG=1 PID1_PRE='mount -t tmpfs tmpfs "$1/dev" && mknod -m 666 "$1/dev/null" c 1 3' pid1_start "$T/root"
check_wait "no /dev/kmsg: the log on stdout" '^corral: up: 2 services in [0-9]+ ms$'
check_grep "no /dev/kmsg: service output on stdout" '^web: web up$' "$T/log"
check_eq "no /dev/kmsg: PID 1 did not mount a /dev with one" 1 "$([ -e "/proc/$PID1/root/dev/kmsg" ]; echo $?)"
check_grep "no /dev/kmsg: ctl works" '^web ready ' <(pid1_ctl status web)
pid1_stop TERM
check_eq "no /dev/kmsg: shutdown" 129 "$RC"
check_grep "no /dev/kmsg: the shutdown logged" '^corral: web: killed by signal 15$' "$T/log"
