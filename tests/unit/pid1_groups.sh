#!/bin/bash
# `user UID:GID,GROUP...` reaches the kernel (sandbox/creds.c, the
# table's groups list from svcc): a service's real, effective and saved
# uid and gid and its supplementary groups as /proc/self/status shows
# them, jailed and not; one with no extra group has none (not root's).
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
pid1_build groups groups.services || exit 0
pid1_tree "$T/root"
b="$T/root/srv/box"
mkdir -p "$b/bin" "$b/proc" "$b/dev" "$b/tmp"
cp /bin/busybox "$b/bin/"
for a in sh sleep grep; do ln -s busybox "$b/bin/$a"; done
ln -sf busybox "$T/root/bin/grep"
pid1_start "$T/root"
check_wait "up" '^corral: up: '
check_wait "jailed: uids" '^jailed: Uid:[[:space:]]+1234[[:space:]]+1234[[:space:]]+1234[[:space:]]+1234$'
check_grep "jailed: gids" '^jailed: Gid:[[:space:]]+2345[[:space:]]+2345[[:space:]]+2345[[:space:]]+2345$' "$T/log"
check_grep "jailed: the two supplementary groups, no more" '^jailed: Groups:[[:space:]]+3456 4567[[:space:]]*$' "$T/log"
check_wait "plain: uids" '^plain: Uid:[[:space:]]+1235[[:space:]]+1235[[:space:]]+1235[[:space:]]+1235$'
check_grep "plain: no supplementary group" '^plain: Groups:[[:space:]]*$' "$T/log"
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
