#!/bin/bash
# The README's container command, exactly as written, on the default
# board's image: `unshare --pid --mount --fork chroot $(O)/rootfs
# /sbin/init`. The chroot directory is not a mount point; PID 1 must make
# it one, or every isolated service fails with "sandbox: mount
# propagation: Invalid argument" (as it did before).
. "$SRC/tests/lib.sh"
need_root "PID 1 in a PID namespace" || exit 0
need_cmd "the README's container command" unshare chroot pgrep || exit 0
scratch
root=$O/rootfs
if [ ! -x "$root/sbin/init" ] || [ ! -d "$root/srv/web" ]; then
	skip "container command (no default-board image in $root)"
	exit 0
fi
mountpoint -q "$root" && umount "$root" # a stale bind from older tests
# The subshell records unshare's status without a job notice.
(
	unshare --pid --mount --fork chroot "$root" /sbin/init >"$T/log" 2>&1
	echo $? >"$T/rc"
) 2>/dev/null &
sub=$!
un=
for _ in $(seq 100); do
	un=$(pgrep -P "$sub") && break
	sleep 0.05
done
pid1=
for _ in $(seq 100); do
	pid1=$(pgrep -P "$un") && break
	sleep 0.05
done
for _ in $(seq 100); do
	grep -q '^corral: up:' "$T/log" && break
	sleep 0.05
done
check_grep "isolated services start under the plain chroot" \
	'^corral: web: started pid [0-9]+$' "$T/log"
check_grep "logged to stdout, not the host's /dev/kmsg" '^corral: up: 2 services in [0-9]+ ms$' "$T/log"
if grep -q 'sandbox' "$T/log"; then
	fail "a sandbox error: $(grep -m1 sandbox "$T/log")"
else
	pass "no sandbox error"
fi
check_eq "the host's directory is still not a mount point" 32 \
	"$(mountpoint -q "$root"; echo $?)"
[ -n "$pid1" ] && kill -TERM "$pid1"
wait "$sub"
check_eq "SIGTERM reboots: the namespace ends with SIGHUP" 129 "$(cat "$T/rc")"
