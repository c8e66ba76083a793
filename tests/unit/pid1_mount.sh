#!/bin/bash
# Top-level `mount SRC DST TYPE [OPTIONS]` (SPEC 8) in container mode:
# mounted at boot before any service, the OPTIONS words as flags and the
# rest as data, a bind made read-only by its remount, a mount point on
# /run made by PID 1; a mount that fails is logged `corral: mount DST:
# ERROR` and boot goes on, isolated services included.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
pid1_build mount mount.services || exit 0
pid1_tree "$T/root"
mkdir -p "$T/root/mnt/t" "$T/root/mnt/bad" "$T/root/mnt/etc"
s="$T/root/srv/iso"
mkdir -p "$s/bin" "$s/proc" "$s/dev" "$s/tmp"
cp /bin/busybox "$s/bin/"
for a in sh sleep echo; do ln -s busybox "$s/bin/$a"; done
pid1_start "$T/root"
check_wait "a failing mount is logged with its errno" \
	'^corral: mount /mnt/bad: No such file or directory$'
check_wait "boot goes on: an isolated service starts" '^iso: iso up$'
check_wait "all up" '^corral: up: 2 services in [0-9]+ ms$'
check_grep "tmpfs with flags and data" \
	'^probe: tmpfs /mnt/t tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k,mode=710 0 0$' "$T/log"
check_grep "a mount point on /run, made at boot" '^probe: tmpfs /run/made tmpfs rw' "$T/log"
check_grep "bind,ro: read-only after its remount" '^probe: [^ ]+ /mnt/etc [^ ]+ ro,' "$T/log"
at=$(grep -n -m1 '^corral: mount /mnt/bad' "$T/log" | cut -d: -f1)
first=$(grep -n -m1 '^corral: [a-z]*: started' "$T/log" | cut -d: -f1)
if [ -n "$at" ] && [ -n "$first" ] && [ "$at" -lt "$first" ]; then
	pass "mounts come before any service"
else
	fail "mount line $at, first start line $first"
fi
check_eq "the bad mount point is left empty" "" "$(ls -A "/proc/$PID1/root/mnt/bad")"
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
