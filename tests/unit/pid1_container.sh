#!/bin/bash
# The README's container command, exactly as written, on the default
# board's image: `unshare --pid --mount --fork chroot $(O)/rootfs
# /sbin/init`. The chroot directory is not a mount point; PID 1 must make
# it one, or every isolated service fails with "sandbox: mount
# propagation: Invalid argument" (as it did before).
. "$SRC/tests/lib.sh"
need_static "the board image as a container"
need_root "PID 1 in a PID namespace" || exit 0
need_cmd "the README's container command" unshare chroot pgrep || exit 0
scratch
root=$O/rootfs
if [ ! -x "$root/sbin/init" ] || [ ! -d "$root/srv/web" ]; then
	skip "container command (no default-board image in $root)"
	exit 0
fi
mountpoint -q "$root" && umount "$root" # a stale bind from older tests
# plain CHROOT [PRE]: the command on CHROOT, after the shell PRE in the
# new mount namespace when given; sets RC to unshare's status.
plain() {
	local sub un pid1 _
	rm -f "$T/rc"
	# web's veth host end from an earlier boot goes with that boot's
	# network namespace, a moment after the namespace ended.
	for _ in $(seq 100); do
		[ -e /sys/class/net/c-web ] || break
		sleep 0.05
	done
	# The subshell records unshare's status without a job notice.
	if [ -z "${2:-}" ]; then
		(
			unshare --pid --mount --fork chroot "$1" /sbin/init >"$T/log" 2>&1
			echo $? >"$T/rc"
		) 2>/dev/null &
	else
		(
			unshare --pid --mount --fork sh -c "$2 && exec chroot \"\$0\" /sbin/init" "$1" >"$T/log" 2>&1
			echo $? >"$T/rc"
		) 2>/dev/null &
	fi
	sub=$!
	un=
	for _ in $(seq 100); do
		un=$(pgrep -P "$sub") && break
		sleep 0.05
	done
	pid1=
	for _ in $(seq 100); do
		pid1=$(pgrep -P "$un" | tail -n 1) && [ -n "$pid1" ] && break
		sleep 0.05
	done
	for _ in $(seq 100); do
		grep -q '^corral: up:' "$T/log" && break
		sleep 0.05
	done
	check_grep "$3: isolated services start" \
		'^corral: ticker: started pid [0-9]+$' "$T/log"
	check_grep "$3: logged to stdout, not the host's /dev/kmsg" \
		'^corral: up: [0-9]+ services in [0-9]+ ms(, [0-9]+ not started)?$' "$T/log"
	# web borrows eth0 (net dev): the host's, here, which corral never
	# lends while it is up with an address, and which a host may not
	# have; either refusal is web's own, logged, and no other error.
	if grep 'sandbox' "$T/log" | grep -qv '^corral: web: sandbox: net dev'; then
		fail "$3: a sandbox error: $(grep sandbox "$T/log" | grep -vm1 '^corral: web: sandbox: net dev')"
	else
		pass "$3: no sandbox error"
	fi
	[ -n "$pid1" ] && kill -TERM "$pid1"
	wait "$sub"
	RC=$(cat "$T/rc")
}

plain "$root" "" "the README's command"
check_eq "the host's directory is still not a mount point" 32 \
	"$(mountpoint -q "$root"; echo $?)"
check_eq "SIGTERM reboots: the namespace ends with SIGHUP" 129 "$RC"
# A read-only image: the tree's parent bound read-only, the chroot
# directory inside it (so still no mount point of its own).
mkdir "$T/ro"
plain "$T/ro/rootfs" "mount --bind $O $T/ro && mount -o remount,bind,ro $T/ro" \
	"read-only image"
check_eq "read-only image: SIGTERM reboots" 129 "$RC"
