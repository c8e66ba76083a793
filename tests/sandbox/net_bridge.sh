#!/bin/bash
# Top-level `bridge NAME [ADDR/PFX] [ports IF...]` and `net bridge BR
# ADDR/PFX [gw ADDR]` (SPEC 8) as PID 1 runs them, in container mode in
# a network namespace of the test's own (PID1_NET): the bridge made at
# boot before any service, addressed and up with its port enslaved; a
# bridge whose port is missing logged with the step and errno while
# boot goes on; each service's veth host end a port of the bridge, with
# no address, again after a restart (the end is new at every start);
# the services reach the bridge's address and each other through it.
# Only private test addresses (10.99.70.x), only in that namespace.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup nsenter ip
pid1_build net_bridge "$SRC/tests/sandbox/net_bridge.services" || exit 0
pid1_tree "$T/root"
b="$T/root/srv/box"
mkdir -p "$b/bin" "$b/proc" "$b/dev" "$b/tmp"
cp /bin/busybox "$b/bin/"
for a in sh sleep echo ip ping; do ln -s busybox "$b/bin/$a"; done
# The port: one end of a veth pair in PID 1's namespace, made before it
# boots (PID1_PRE runs in the new namespaces, before the chroot).
PID1_NET=1 PID1_PRE='ip link add tp0 type veth peer name tp1' pid1_start "$T/root"
inns() { nsenter --net="/proc/$PID1/ns/net" "$@"; }

check_wait "the service reaches the bridge's address" '^lan: ping ok$'
check_wait "a second service reaches the first through the bridge" '^lan2: ping lan ok$'
check_grep "a bridge whose port is missing: step and errno" \
	'^corral: bridge br-bad: port nosuch0: No such device$' "$T/log"
check_eq "the other bridges logged nothing" "" "$(grep '^corral: bridge br-[tn]' "$T/log")"
check_order "bridges come before any service" '^corral: bridge br-bad' '^corral: [a-z0-9]*: started'
check_eq "boot goes on: both services up" 1 "$(pid1_wait '^corral: up: 2 services' && echo 1)"

inns ip -d link show br-t >"$T/br" 2>&1
inns ip -o addr show dev br-t >>"$T/br" 2>&1
check_grep "br-t is a bridge" '^ +bridge ' "$T/br"
check_grep "br-t is up" '^[0-9]+: br-t: <.*,UP[,>]' "$T/br"
check_grep "br-t has 10.99.70.1/24" 'br-t +inet 10\.99\.70\.1/24 ' "$T/br"
inns ip -d link show tp0 >"$T/tp0" 2>&1
check_grep "its port tp0 is enslaved" '^[0-9]+: tp0@tp1: .* master br-t ' "$T/tp0"
check_grep "and up" '^[0-9]+: tp0@tp1: <.*,UP[,>]' "$T/tp0"
inns ip -d link show br-none >"$T/brn" 2>&1
check_grep "a bridge without address or ports is made, up" '^[0-9]+: br-none: <.*,UP[,>]' "$T/brn"

inns ip -d link show c-lan >"$T/c" 2>&1
inns ip -o addr show dev c-lan >>"$T/c" 2>&1
check_grep "host end c-lan is a port of br-t" '^[0-9]+: c-lan@.* master br-t ' "$T/c"
check_grep "host end c-lan is up" '^[0-9]+: c-lan@.*<.*,UP[,>]' "$T/c"
check_eq "no IPv4 address on the host end" "" "$(grep ' inet ' "$T/c")"
check_grep "inside: eth0 has 10.99.70.2/24" 'eth0 +inet 10\.99\.70\.2/24 ' "$T/log"
check_grep "inside: default route via the bridge" '^lan: default via 10\.99\.70\.1 dev eth0' "$T/log"

# A restart makes a new pair: its host end must join the bridge again.
ifidx() { inns ip -o link show c-lan 2>/dev/null | cut -d: -f1; }
old=$(ifidx)
pid1_ctl restart lan || fail "ctl restart lan refused"
pid1_wait_count '^lan: ping ok$' 2 10
check_eq "after a restart the service reaches the bridge again" 2 "$(pid1_count '^lan: ping ok$')"
new=$(ifidx)
if [ -n "$new" ] && [ "$new" != "$old" ]; then
	pass "a new host end ($old, then $new)"
else
	fail "a new host end (ifindex $old, then ${new:-none})"
fi
inns ip -d link show c-lan >"$T/c2" 2>&1
check_grep "the new host end is a port of br-t too" '^[0-9]+: c-lan@.* master br-t ' "$T/c2"
check_eq "no sandbox error" "" "$(grep -m1 'sandbox' "$T/log")"
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
