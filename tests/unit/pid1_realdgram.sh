#!/bin/bash
# Unmodified Debian daemons on the jail's datagram sockets, in container
# mode: mosquitto (built with systemd: sd_notify()) reaches `ready` with
# `ready notify` and its dependent starts after it; dnsmasq and
# util-linux logger(1) log through /dev/log as the service's own lines.
# Each program gets its shared-library closure (ldd) in the subtree.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup ldd
for p in /usr/sbin/mosquitto /usr/sbin/dnsmasq /usr/bin/logger; do
	[ -x "$p" ] || { skip "no $p (apt-get install mosquitto dnsmasq-base bsdutils)"; exit 0; }
done
pid1_build realdgram realdgram.services || exit 0
pid1_tree "$T/root"
j="$T/root/srv/real"
mkdir -p "$j/proc" "$j/dev" "$j/tmp" "$j/etc"
for p in /usr/sbin/mosquitto /usr/sbin/dnsmasq /usr/bin/logger; do
	for f in "$p" $(ldd "$p" | grep -oE '/[^ ]+'); do
		cp -L --parents "$f" "$j"
	done
done
printf 'root:x:0:0::/:/bin/false\nnobody:x:65534:65534::/:/bin/false\n' >"$j/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$j/etc/group"

pid1_start "$T/root"
check_wait "mosquitto: ready through sd_notify()" '^corral: mqdep: started pid' 15
check_grep "mosquitto: ready in status" '^mq ready ' <(pid1_ctl status mq)
check_order "mosquitto: its dependent starts after it" \
	'^corral: mq: started' '^corral: mqdep: started'
check_wait "dnsmasq: its syslog lines logged" '^dm: dnsmasq\[[0-9]+\]: started, version '
check_wait "logger(1): its syslog line logged" '^lg: real\[42\]: logger to /dev/log$'
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
