#!/bin/bash
# `net dev IF [ADDR/PFX [gw ADDR]]` (SPEC 8) as PID 1 runs it, in
# container mode in a network namespace of the test's own (PID1_NET):
# the interface is in the service's namespace while it runs, addressed
# and routed, and gone from PID 1's; it is back in PID 1's namespace
# after a stop and after a SIGKILL of the service, and usable at the
# next start. The interface is one end of a veth pair the test made: a
# virtual device, which the kernel destroys with a dying namespace
# rather than hand back (a physical one goes to the initial namespace,
# not necessarily PID 1's), so only PID 1 moving it back explicitly
# keeps it. A missing interface fails the start with the step and
# errno; one that is up with an address (a network in use) is never
# lent. Only private test addresses (10.99.71.x), only in that
# namespace.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup nsenter ip
pid1_build net_dev "$SRC/tests/sandbox/net_dev.services" || exit 0
pid1_tree "$T/root"
b="$T/root/srv/box"
mkdir -p "$b/bin" "$b/proc" "$b/dev" "$b/tmp"
cp /bin/busybox "$b/bin/"
for a in sh sleep echo ip ping; do ln -s busybox "$b/bin/$a"; done
PID1_NET=1 PID1_PRE='ip link add td0 type veth peer name td1 &&
	ip addr add 10.99.71.1/24 dev td1 && ip link set td1 up &&
	ip link add te0 type veth peer name te1 &&
	ip link add tf0 type veth peer name tf1 &&
	ip addr add 10.99.71.9/24 dev tf0 && ip link set tf0 up' pid1_start "$T/root"
inns() { nsenter --net="/proc/$PID1/ns/net" "$@"; }
# on_host IF: 0 when IF is in PID 1's namespace, still paired with its
# peer, within 2 s.
on_host() {
	for _ in $(seq 40); do
		inns ip -o link show "$1" 2>/dev/null | grep -q "^[0-9]*: $1@" && return 0
		sleep 0.05
	done
	return 1
}
# holder IF: the host pid of the child of PID 1 (a service's reaper,
# its main process) whose network namespace holds IF.
holder() {
	local c
	for c in $(pgrep -P "$PID1"); do
		nsenter --net="/proc/$c/ns/net" ip link show "$1" >/dev/null 2>&1 && echo "$c" && return
	done
}

check_wait "the service reaches td1 through its td0" '^wan: ping ok$'
check_grep "inside: td0 has 10.99.71.2/24" '^wan: [0-9]+: td0 +inet 10\.99\.71\.2/24 ' "$T/log"
check_grep "inside: default route via 10.99.71.1 on td0" '^wan: default via 10\.99\.71\.1 dev td0' "$T/log"
check_wait "without an address: moved in and up" '^bare: [0-9]+: te0@[a-z0-9]+: <.*,UP[,>]'
check_eq "td0 is gone from PID 1's namespace while wan runs" "" "$(inns ip -o link show td0 2>/dev/null)"
check_eq "te0 too" "" "$(inns ip -o link show te0 2>/dev/null)"
check_wait "a missing interface: step and errno" \
	'^corral: nodev: sandbox: net dev move: No such device$'
check_wait "an interface up with an address is not lent: step and errno" \
	'^corral: busy: sandbox: net dev: in use \(up, with an address\): Resource busy$'
check_grep "and it stays in PID 1's namespace, up, with its address" \
	'^[0-9]+: tf0 +inet 10\.99\.71\.9/24 ' <(inns ip -o addr show dev tf0 2>&1)

pid1_ctl stop wan || fail "ctl stop wan refused"
pid1_wait '^corral: wan: (exited|killed)' 10
if on_host td0; then pass "after a stop td0 is back, paired with td1"; else fail "after a stop td0 is back"; fi
inns ip -o addr show dev td0 >"$T/back" 2>&1
check_eq "back without the service's address" "" "$(grep ' inet ' "$T/back")"

pid1_ctl start wan || fail "ctl start wan refused"
pid1_wait_count '^wan: ping ok$' 2 10
check_eq "started again, the service reaches td1 again" 2 "$(pid1_count '^wan: ping ok$')"

# A crash: SIGKILL of the service's main process, no stop asked.
p=$(holder td0)
if [ -n "$p" ]; then
	kill -KILL "$p"
	check_wait "wan killed" '^corral: wan: killed by signal 9$'
	if on_host td0; then pass "after a SIGKILL td0 is back, paired with td1"; else fail "after a SIGKILL td0 is back"; fi
else
	fail "no child of PID 1 holds td0"
fi
pid1_ctl start wan || fail "ctl start wan refused after the crash"
pid1_wait_count '^wan: ping ok$' 3 10
check_eq "after the crash it starts again and reaches td1" 3 "$(pid1_count '^wan: ping ok$')"
check_eq "no error bringing an interface back" "" "$(grep -m1 'net dev back' "$T/log")"
check_eq "no other sandbox error" "" "$(grep 'sandbox' "$T/log" | grep -vE '^corral: (nodev|busy): ')"
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
