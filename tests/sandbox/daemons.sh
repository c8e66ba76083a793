#!/bin/bash
# Real daemons in container mode (issue 11): the test board
# tests/boards/daemons, built with Debian's unmodified dnsmasq, dropbear,
# lighttpd and mosquitto (lib/scripts/debroot.sh), booted with the
# README's container command in a network namespace of its own, and each
# daemon checked with a real client from the build host on its veth
# address: dig, ssh with a key, curl, mosquitto_pub/sub. chronyd is left
# out here: on the build host it would set the host's clock (it runs in
# tests/boot/daemons.sh, in QEMU).
. "$SRC/tests/lib.sh"
need_static "the daemons test board's image"
. "$SRC/tests/unit/pid1/lib.sh"
. "$SRC/tests/daemons-lib.sh"
pid1_setup nsenter dig ssh ssh-keygen curl mosquitto_sub mosquitto_pub
dmn_sysroot
dmn_build container "$O/tests/daemons-ct" rootfs
BIN=$OD/corral

PID1_NET=1 pid1_start "$OD/rootfs"
[ -n "$PID1" ] || { fail "PID 1 did not start: $(cat "$T/log")"; exit 1; }
net() { nsenter --net="/proc/$PID1/ns/net" "$@"; }
if pid1_wait 'corral: up:' 30; then
	pass "corral: up: with the four daemons"
else
	fail "no 'corral: up:' within 30 s"
fi
dmn_clients net
# mqtt-hello is started only once mosquitto said READY=1 (after its
# listener is open): had it started before, it would have failed.
check_order "mqtt-hello starts after mosquitto is running (ready notify)" \
	'^mosquitto: .* running$' '^corral: mqtt-hello: started'

pid1_ctl status | sed 's/^/status: /'
# rss COMM: the resident size of each process named COMM below PID 1
rss() {
	local p a
	for p in $(pgrep -x "$1"); do
		a=$p
		while [ "$a" -gt 1 ] && [ "$a" != "$PID1" ]; do
			a=$(awk '{ print $4 }' "/proc/$a/stat" 2>/dev/null || echo 1)
		done
		[ "$a" = "$PID1" ] && awk -v c="$1" '/^VmRSS/ { print "rss: " c ": " $2 " " $3 }' "/proc/$p/status"
	done
}
for s in dnsmasq dropbear lighttpd mosquitto; do rss "$s"; done
# dnsmasq started as root (user root) and dropped to its own user.
ids=$(for p in $(pgrep -x dnsmasq); do awk '/^(Uid|Gid):/ { printf "%s ", $2 }' "/proc/$p/status"; done)
check_eq "dnsmasq dropped root for its own user (uid, gid 101)" "101 101 " "$ids"
dmn_sizes
pid1_stop TERM
sed 's/^/log: /' "$T/log"
