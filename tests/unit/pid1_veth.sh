#!/bin/bash
# Sandbox steps as PID 1 runs them, with the README's container command:
#  - `ctl restart` of a veth service, again and again: the host end of
#    the previous run is still being torn down by the kernel when the
#    new one is made (it failed with "veth RTM_NEWLINK: File exists");
#  - a child that fails behind a veth: the log names the child's step,
#    not the parent's veth errors that follow from it (SPEC 8);
#  - `state PATH` on a fresh /var/lib/corral: made, 0700, the service's;
#    a symlink planted at the path is not followed.
# Only private test addresses (10.99.60-61.x), on the host ends of the
# test's own pairs (c-vnet, c-vbad).
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
pid1_build veth veth.services || exit 0
pid1_tree "$T/root"
b="$T/root/srv/box"
mkdir -p "$b/bin" "$b/proc" "$b/dev" "$b/tmp" "$b/mnt" "$b/etc/dropbear"
cp /bin/busybox "$b/bin/"
for a in sh sleep echo; do ln -s busybox "$b/bin/$a"; done
man="$O/tests/pid1/veth/gen/manifest"
uid=$(awk '$1 == "runas" && $2 == "st" { print $3 ":" $4 }' "$man")
# sl's state directory: a symlink from an earlier, hostile run.
mkdir -p "$T/root/var/lib/corral/sl/etc"
ln -s /victim "$T/root/var/lib/corral/sl/etc/dropbear"

pid1_start "$T/root"
check_wait "veth service up" '^vnet: up$'
bad=0
for i in 1 2 3 4 5 6 7 8; do
	pid1_ctl restart vnet || fail "ctl restart vnet refused ($i)"
	pid1_wait_count '^vnet: up$' $((i + 1)) 5 || bad=$((bad + 1))
done
check_eq "veth service restarted 8 times, up each time" 0 "$bad"
check_eq "no sandbox error on restart" "" "$(grep -m1 'vnet: sandbox' "$T/log")"

check_wait "vbad given up" '^corral: vbad: failed$'
n=$(pid1_count '^corral: vbad: sandbox: mount source /no/such/source: No such file or directory$')
check_eq "every vbad attempt logs the child's step (3 of 3)" 3 "$n"
check_eq "no parent-side veth error for vbad" "" "$(grep -m1 'vbad: sandbox: veth' "$T/log")"

check_wait "state directory made: the service wrote into it" '^st: wrote$'
d="$T/root/var/lib/corral/st/etc/dropbear"
check_eq "state directory mode 0700, owned by the service ($uid)" "700 $uid" "$(stat -c '%a %u:%g' "$d")"
check_eq "its parent below /var/lib/corral/st is the service's too" "700 $uid" \
	"$(stat -c '%a %u:%g' "$T/root/var/lib/corral/st/etc")"
check_eq "/var/lib/corral/st itself is root's" "755 0:0" "$(stat -c '%a %u:%g' "$T/root/var/lib/corral/st")"
check_eq "the file the service wrote" hi "$(cat "$d/key" 2>/dev/null)"

check_wait "a planted symlink is refused with the step" \
	'^corral: sl: sandbox: mount source /var/lib/corral/sl/etc/dropbear: Symbolic link loop$'
check_eq "nothing made at the symlink's target" 1 "$([ -e "$T/root/victim" ]; echo $?)"
check_eq "the symlink is still a symlink" 0 "$([ -L "$T/root/var/lib/corral/sl/etc/dropbear" ]; echo $?)"
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
