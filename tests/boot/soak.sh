#!/bin/bash
# Soak in QEMU, where the kernel matters: corral as the machine's init on
# Debian's kernel (cgroup v2 only, the real /dev/kmsg and console, orphans
# of the whole system), the soak board (tests/boards/soak) driven from
# inside by soakvm (tests/sandbox/soakvm.c) through `corral ctl`. After a
# warm-up that fills the log rings: 300 restarts of a service in the
# default jail and 50 of one with the VM's NIC lent to its jail
# (SOAK=long: 3000 and 500), then PID 1's open fds and resident memory
# (smaps_rollup) must not have grown; every start has its line on the
# console; the page is still served through the NIC afterwards; then
# 1000 orphans of PID 1 exit at once: all reaped, no zombie, `corral ctl
# status` answering within a second meanwhile. The host tests
# (soak_cycles, pid1_orphans) do the same at larger counts in container
# mode.
# test-timeout: 1500
. "$SRC/tests/lib.sh"
. "$SRC/tests/qemu-lib.sh"
need_cmd "soak in QEMU" qemu-system-x86_64 curl
[ -x "$TESTBIN/bin/soakvm" ] || { skip "soak in QEMU: no $TESTBIN/bin/soakvm (make test-bins)"; exit 0; }
need_static "soak in QEMU"
scratch
N=300 M=50 B=1000 W=90
[ "${SOAK:-}" != long ] || N=3000 M=500 B=2000
# W: each restart logs about 50 bytes of corral's own lines, so 90 of
# them fill a 4 KiB ring (CFG_LOG_RING_SIZE) and more.

b=$O/tests/soak
mkdir -p "$b/board.new"
cp -rL "$SRC/tests/boards/soak/." "$b/board.new/"
mkdir -p "$b/board.new/rootfs/bin"
cp "$TESTBIN/bin/soakvm" "$b/board.new/rootfs/bin/"
sed -i -e "s/@N@/$N/; s/@M@/$M/; s/@B@/$B/; s/@W@/$W/; s/@PIDS@/$((B + 100))/" \
	"$b/board.new/services"
board_sync "$b"
board_make "the soak board" "$b" WERROR=1

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
t0=$(date +%s)
WEB_PORT=$port qemu_start "$OD"
qemu_up soak '^corral: up: 2 services in [0-9]+ ms' 120
if ! qemu_wait '^soakvm: (done|failed)' 1200; then
	fail "soak: soakvm did not finish within 1200 s"
fi
echo "soak: soakvm ran for $(($(date +%s) - t0)) s (boot included)"
cp "$T/serial.log" "$b/serial.log" # kept for a look after the run
grep -a '^soakvm: ' "$T/serial.log" | tr -d '\r' | tee "$T/soak.txt"
check_eq "soak: soakvm ends with done" "soakvm: done" "$(tail -n 1 "$T/soak.txt")"

# line WHAT: soakvm's "soakvm: WHAT: ..." line, without that prefix.
line() { sed -n "s/^soakvm: $1: //p" "$T/soak.txt"; }
check_grep "soak: $N restarts of ticker (the default jail)" "^$N restarts in [0-9]+ ms, 0 failed\$" <(line ticker)
check_grep "soak: $M restarts of web (eth0 lent and given back)" "^$M restarts in [0-9]+ ms, 0 failed\$" <(line web)

rss0=$(line before | sed -n 's/^rss \([0-9]*\) kB.*/\1/p')
rss1=$(line after | sed -n 's/^rss \([0-9]*\) kB.*/\1/p')
fds0=$(line before | sed 's/^[^,]*, //')
fds1=$(line after | sed 's/^[^,]*, //')
if [ -n "$fds0" ] && [ "$fds0" = "$fds1" ]; then
	pass "soak: PID 1's fds the same before and after (${fds0%%:*})"
else
	fail "soak: PID 1's fds changed: before '$fds0', after '$fds1'"
fi
if [ -n "$rss0" ] && [ -n "$rss1" ] && [ "$rss1" -le "$rss0" ]; then
	pass "soak: PID 1's Rss did not grow ($rss0 kB before, $rss1 kB after)"
else
	fail "soak: PID 1's Rss grew from '$rss0' kB to '$rss1' kB"
fi

# Every start of ticker has its line on the console (none lost): the
# first, the warm-up's, N, and one after each of the two snapshots.
want=$((1 + W + N + 2))
check_eq "soak: every ticker start logged on the console ($want)" "$want" \
	"$(grep -ac 'corral: ticker: started pid [0-9]' "$T/serial.log")"
check_eq "soak: no console line lost" 0 "$(grep -ac 'corral: console: lines lost' "$T/serial.log")"
bad=$(grep -aE '^corral: [^:]+: (failed|sandbox:|net dev|exited status [1-9]|killed by signal (9|11|6))' "$T/serial.log" | head -n 3)
check_eq "soak: no service failed, no sandbox or net dev error" "" "$bad"

page=$(retry 30 curl -sS --max-time 5 "http://127.0.0.1:$port/")
check_eq "soak: the page served through eth0 after $((W + M + 2)) loans" \
	"<h1>corral-soak</h1>" "$page"

check_grep "soak: $B orphans made PID 1's children" "^$B orphans of PID 1, " <(line burst)
# The 1000 exits themselves keep the guest's two CPUs busy for a second
# or more under TCG: PID 1 must reap each as it exits (no zombie seen
# by the 10 ms poll, none left), and answer `ctl status` within a
# second of the last exit.
r=$(line burst | grep '^all exited')
lat=$(line burst | sed -n 's/^ctl status answered in \([0-9]*\) ms$/\1/p')
re='^all exited in ([0-9]+) ms, reaped in ([0-9]+) ms, at most ([0-9]+) zombies seen, ([0-9]+) children left, 0 zombies$'
if [[ $r =~ $re ]] && [ "$((BASH_REMATCH[2] - BASH_REMATCH[1]))" -lt 500 ] &&
	[ "${BASH_REMATCH[4]}" -le "$(line burst | sed -n 's/.*, \([0-9]*\) children before$/\1/p')" ]; then
	pass "soak: $B orphans exited at once within ${BASH_REMATCH[1]} ms, all reaped by ${BASH_REMATCH[2]} ms (at most ${BASH_REMATCH[3]} zombies seen), none left"
	if [ -n "$lat" ] && [ "$lat" -lt $((BASH_REMATCH[1] + 1000)) ]; then
		pass "soak: ctl status during the burst answered in $lat ms (within a second of the last exit)"
	else
		fail "soak: ctl status during the burst: '$(line burst | grep '^ctl status')'"
	fi
else
	fail "soak: the orphan burst: '${r:-no line}'"
fi

qemu_key ctrl-alt-delete
if qemu_wait '^corral: shutdown: reboot' 60; then
	pass "soak: ctrl-alt-del shuts down after the soak"
else
	fail "soak: no 'corral: shutdown: reboot' after ctrl-alt-del"
fi
qemu_exit 60
check_eq "soak: QEMU ends cleanly" 0 "$QEMU_RC"
if grep -qa 'Kernel panic' "$T/serial.log"; then fail "soak: kernel panic"; else pass "soak: no kernel panic"; fi
qemu_show | grep -v 'serial: corral: \(ticker\|web\): \(started\|killed by signal 15\)' | tail -n 60
