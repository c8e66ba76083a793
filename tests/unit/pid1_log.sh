#!/bin/bash
# The log: "NAME: line" for service output (stdout and stderr), a line
# written in two parts kept whole, over-long lines cut, a flooding
# service rate-limited (dropped lines counted) without slowing PID 1,
# `ctl log NAME` from the ring; /dev/kmsg outside container mode.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
rate=$(sed -n 's/^#define CFG_LOG_RATE //p' "$O/gen/config.h")
ring=$(sed -n 's/^#define CFG_LOG_RING_SIZE //p' "$O/gen/config.h")
pid1_build log log.services || exit 0
pid1_tree "$T/root"
t0=$(ms)
pid1_start "$T/root"
check_wait "flood: dropped lines counted" '^corral: flood: dropped [0-9]+ log lines$'
check_wait "a line written in two parts kept whole" '^quiet: no newline continued$'
check_grep "stdout goes to the log" '^quiet: first$' "$T/log"
check_grep "stderr goes to the log" '^quiet: second$' "$T/log"
check_grep "long line cut at 200 bytes" '^long: 0{200}$' "$T/log"
check_grep "... and the rest on the next line" '^long: 0{100}$' "$T/log"
t1=$(ms)
st=$(pid1_ctl status flood)
dt=$(($(ms) - t1))
if [ "$dt" -lt 1000 ]; then
	pass "ctl answers in $dt ms while flood floods"
else
	fail "ctl took $dt ms while flood floods"
fi
check_grep "flood still running" '^flood ready ' <(echo "$st")
sleep 1
n=$(pid1_count '^flood: line [0-9]+$')
secs=$(((($(ms) - t0) + 999) / 1000 + 1))
if [ "$n" -gt 0 ] && [ "$n" -le $((rate * secs)) ]; then
	pass "flood: $n lines logged in <= $secs s (limit $rate/s)"
else
	fail "flood: $n lines logged in $secs s, limit $rate/s"
fi
log=$(pid1_ctl log quiet | sed 's/pid [0-9]*$/pid P/')
check_eq "ctl log: the service's output, after corral's line" \
	"$(printf 'corral: quiet: started pid P\nfirst\nsecond\nno newline continued')" "$log"
pid1_ctl log flood >"$T/ring"
size=$(stat -c %s "$T/ring")
if [ "$size" -eq "$ring" ] && grep -qE '^line [0-9]+$' "$T/ring"; then
	pass "ctl log: the newest $ring bytes of a flood"
else
	fail "ctl log flood: $size bytes, expected $ring of 'line N'"
fi
pid1_stop TERM
check_eq "shutdown while flooding" 129 "$RC"

# Outside container mode the same lines go to /dev/kmsg.
if [ ! -w /dev/kmsg ] || ! dmesg >/dev/null 2>&1; then
	skip "kmsg logging (no /dev/kmsg or dmesg here)"
	exit 0
fi
pid1_build one one.services || exit 0
pid1_tree "$T/one"
before=$(dmesg | grep -c 'web: web up$')
old=$(cat /proc/sys/kernel/printk_devkmsg)
PID1_KMSG=1 pid1_start "$T/one"
sleep 0.5
pid1_stop TERM
echo "$old" >/proc/sys/kernel/printk_devkmsg # corral turned it on
check_eq "kmsg mode: nothing on stdout" "" "$(cat "$T/log")"
check_eq "kmsg mode: service output in the kernel log" $((before + 1)) "$(dmesg | grep -c 'web: web up$')"
check_grep "kmsg mode: corral's own lines in the kernel log" 'corral: up: 1 services in [0-9]+ ms$' <(dmesg)
