#!/bin/bash
# sandbox/net.c: a veth pair made over rtnetlink into a fresh network
# namespace, checked from both ends (addresses, routes, link state, a
# ping between the two ends only), then gone with the namespace; the
# replacement of a leftover host end; lo up. Driver: tests/sandbox/net_test.c.
# Only private test addresses (10.99.x.0/24), only inside namespaces
# the test made and on the host end of its own pair.
. "$SRC/tests/lib.sh"
need_root "veth"
need_cmd "veth" busybox
N=$TESTBIN/bin/net_test
scratch
n=n$$
val() { sed -n "s/^$1=//p" "$2" | head -n 1; }
gone() { # gone IFNAME: wait up to 2 s for the namespace's cleanup
	for _ in $(seq 40); do
		busybox ip link show "$1" >/dev/null 2>&1 || return 0
		sleep 0.05
	done
	return 1
}

"$N" veth "$n" 10.99.0.2/24 10.99.0.1 \
	"busybox ip -o addr show dev c-$n >$T/host; busybox ip -o link show dev c-$n >>$T/host" \
	-- sh -c 'busybox ip -o addr show; busybox ip route; busybox ip -o link show lo
		busybox ping -c 1 -W 2 10.99.0.1 >/dev/null && echo ping=ok' >"$T/in" 2>&1
check_eq "net_veth 10.99.0.2/24 gw 10.99.0.1" 0 "$(val veth "$T/in")"
check_grep "host end c-$n has the gateway address 10.99.0.1/24" "c-$n +inet 10\.99\.0\.1/24 " "$T/host"
check_grep "host end is up" "c-$n@.*<.*,UP,.*>" "$T/host"
check_grep "inside: eth0 has 10.99.0.2/24" "eth0 +inet 10\.99\.0\.2/24 " "$T/in"
check_grep "inside: default route via 10.99.0.1 on eth0" "^default via 10\.99\.0\.1 dev eth0" "$T/in"
check_grep "inside: lo is up" "^1: lo: <.*,UP[,>]" "$T/in"
check_grep "inside: lo has 127.0.0.1" "lo +inet 127\.0\.0\.1/8" "$T/in"
check_eq "inside pings the host end" ok "$(val ping "$T/in")"
check_eq "the service exited 0" 0 "$(val status "$T/in")"
if gone "c-$n"; then pass "host end gone with the namespace"; else fail "host end gone with the namespace (c-$n still there)"; fi

# No gateway: no address on the host end, no default route inside.
"$N" veth "$n" 10.99.1.2/24 - "busybox ip -o addr show dev c-$n >$T/host2" \
	-- sh -c 'busybox ip route; busybox ip -o addr show dev eth0' >"$T/in2" 2>&1
check_eq "net_veth without a gateway" 0 "$(val veth "$T/in2")"
check_eq "no IPv4 address on the host end" "" "$(grep ' inet ' "$T/host2")"
check_grep "eth0 still addressed" "eth0 +inet 10\.99\.1\.2/24 " "$T/in2"
check_eq "no default route" "" "$(grep '^default' "$T/in2")"
gone "c-$n" || fail "host end of the gateway-less pair gone"

# A host end with the service's name already there: the end of its
# previous run, whose namespace the kernel is still tearing down when a
# restart makes the pair again (that failed with EEXIST). svcc makes
# sure no other service shares the name: it is replaced, its peer gone
# with it. (Made here with iproute2: busybox cannot name the peer.)
if command -v ip >/dev/null 2>&1; then
	ip link add "c-$n" type veth peer name "o$n"
	"$N" veth "$n" 10.99.2.2/24 10.99.2.1 \
		"busybox ip -o addr show dev c-$n >$T/clash; busybox ip -o link show dev o$n >>$T/clash 2>&1" \
		-- true >"$T/first" 2>&1
	check_eq "a leftover host end is replaced" 0 "$(val veth "$T/first")"
	check_grep "the new host end has the gateway address" "c-$n +inet 10\.99\.2\.1/24 " "$T/clash"
	check_grep "the leftover's peer went with it" "can't find device 'o$n'" "$T/clash"
	check_eq "the child ran" 0 "$(val status "$T/first")"
	gone "c-$n" || fail "host end of the replacing pair gone"
	ip link del "o$n" 2>/dev/null
else
	skip "leftover host end replaced (no iproute2 ip to make one)"
fi

# Long names are cut to IFNAMSIZ-1.
long=abcdefghijklmnopqrstuvwxyz$$
cut=c-${long:0:13}
"$N" veth "$long" 10.99.4.2/24 10.99.4.1 "busybox ip -o link show dev $cut >$T/long" \
	-- true >"$T/lv" 2>&1
check_eq "net_veth with a long service name" 0 "$(val veth "$T/lv")"
check_grep "host end named $cut" "^[0-9]+: $cut@" "$T/long"

# lo alone (net none).
"$N" lo -- busybox ip -o link show lo >"$T/lo" 2>&1
check_eq "net_lo_up" 0 "$(val lo "$T/lo")"
check_grep "lo is up in a fresh namespace" "^1: lo: <.*,UP[,>]" "$T/lo"
