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
. "$SRC/tests/unit/pid1/lib.sh"
. "$SRC/tests/daemons-lib.sh"
pid1_setup nsenter dig ssh ssh-keygen curl mosquitto_sub mosquitto_pub
dmn_sysroot
dmn_build container "$O/tests/daemons-ct" rootfs
BIN=$OD/corral
# TEMPORARY until state directories are created by corral (h-sbx).
# shellcheck disable=SC2094 # both only read the manifest
while IFS=$'\t' read -r k n p; do
	[ "$k" = state ] || continue
	ids=$(awk -F'\t' -v n="$n" '$1 == "runas" && $2 == n { print $3 ":" $4 }' "$OD/gen/manifest")
	install -d -m 0700 -o "${ids%:*}" -g "${ids#*:}" "$OD/rootfs/var/lib/corral/$n$p"
done <"$OD/gen/manifest"

PID1_NET=1 pid1_start "$OD/rootfs"
[ -n "$PID1" ] || { fail "PID 1 did not start: $(cat "$T/log")"; exit 1; }
net() { nsenter --net="/proc/$PID1/ns/net" "$@"; }
if pid1_wait 'corral: up:' 30; then
	pass "corral: up: with the four daemons"
else
	fail "no 'corral: up:' within 30 s"
fi
dmn_clients net

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
dmn_sizes
pid1_stop TERM
sed 's/^/log: /' "$T/log"
