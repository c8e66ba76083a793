#!/bin/bash
# Services behind the default sandbox, started by PID 1: own PID and
# UTS namespaces, own uid, memory accounted in its cgroup, SIGTERM
# through the namespace's reaper; a sandbox that cannot be set up is
# logged with its step and errno, exits 125 and ends in `failed`.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
pid1_build iso iso.services || exit 0
pid1_tree "$T/root"
s="$T/root/srv/iso"
mkdir -p "$s/bin" "$s/proc" "$s/dev" "$s/tmp"
cp /bin/busybox "$s/bin/"
for a in sh sleep id hostname echo; do ln -s busybox "$s/bin/$a"; done
uid=$(awk '$1 == "user" && $2 == "svc-iso" { print $3 }' "$O/tests/pid1/iso/gen/manifest")

pid1_start "$T/root"
check_wait "isolated service runs as PID 2 under its reaper, own uid and hostname" \
	"^iso: pid 2 uid $uid host iso\$"
check_wait "sandbox failure: step and errno logged" \
	'^corral: noroot: sandbox: root /srv/no-such-root: No such file or directory$'
check_grep "sandbox failure: exit status 125" '^corral: noroot: exited status 125$' "$T/log"
check_wait "sandbox failure: a failed start, crash loop, failed" '^corral: noroot: failed$'
n=$(pid1_count '^corral: noroot: started')
if [ "$n" -ge 1 ] && [ "$n" -le 2 ]; then
	pass "sandbox failure: given up after crashloop 2 ($n started)"
else
	fail "sandbox failure: $n starts with crashloop 2"
fi
check_grep "isolated service: memory of its cgroup in status" '^iso ready [0-9]+ 0 [0-9]+s [0-9]+K -$' <(pid1_ctl status iso)
pid1_ctl stop iso || fail "ctl stop iso refused"
check_wait "isolated service stops on SIGTERM (forwarded by its reaper)" '^corral: iso: killed by signal 15$' 3
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
