#!/bin/bash
# sandbox/cgroup.c on a pure cgroup v2 layout, as PID 1 mounts it in the
# QEMU guest: in a private mount namespace, cgroup2 is mounted straight
# on /sys/fs/cgroup. On a hybrid host that hierarchy offers no
# controllers, so this checks the v2 mechanics (mkdir, clone3 with
# CLONE_INTO_CGROUP through cg_clone_fd, cgroup.kill, rmdir) and that a
# cap without a controller fails closed; v2 caps themselves are checked
# here only when the host's v2 hierarchy has the controllers.
. "$SRC/tests/lib.sh"
need_root "cgroup v2"
need_cmd "cgroup v2" unshare mount pgrep
B=$TESTBIN/bin/cg_test
grep -qw cgroup2 /proc/filesystems || { skip "cgroup v2 (kernel without cgroup2)"; exit 0; }
scratch
n=t$$
val() { sed -n "s/^$1=//p" "$2" | head -n 1; }
inns() { # inns CMD...: run CMD with only cgroup2 on /sys/fs/cgroup
	unshare -m sh -c 'mount --make-rprivate / &&
		mount -t tmpfs none /sys/fs/cgroup &&
		mount -t cgroup2 none /sys/fs/cgroup && exec "$@"' sh "$@"
}
ctl=$(inns cat /sys/fs/cgroup/cgroup.controllers)

# Two sleepers left behind by the service's main process; no explicit
# caps, so pids stays at its default and is skipped without a controller.
nap=$((100000 + $$)) # a sleep this test's own
inns "$B" run "$n" 0 256 - 0 -- sh -c \
	"sleep $nap & sleep $nap & cat /proc/self/cgroup" >"$T/v2" 2>&1
check_eq "create on pure v2" 0 "$(val create "$T/v2")"
check_eq "only the v2 directory is used" "v2," "$(val slots "$T/v2")"
if [[ " $ctl " = *" pids "* ]]; then
	check_grep "pids.max written through v2" '^step=cgroup pids.max$' "$T/v2"
fi
check_eq "cg_clone_fd offers the v2 directory" yes "$(val clone_fd "$T/v2")"
check_eq "clone3 CLONE_INTO_CGROUP used it" yes "$(val clone3 "$T/v2")"
check_grep "the child started inside corral/$n" "^0::/corral/$n\$" "$T/v2"
check_eq "the service's main process exited 0" exited:0 "$(val status "$T/v2")"
check_eq "2 processes before cg_kill" 2 "$(val procs_before "$T/v2")"
check_eq "cg_kill through cgroup.kill" 0 "$(val kill "$T/v2")"
check_eq "cg_destroy at once after cgroup.kill" 0 "$(val destroy "$T/v2")"
check_eq "no sleeper survived" "" "$(pgrep -f "^sleep $nap\$")"
check_eq "directory removed" "" "$(inns ls -d "/sys/fs/cgroup/corral/$n" 2>/dev/null)"

# Fail closed: a memory cap with no memory controller anywhere.
if [[ " $ctl " != *" memory "* ]]; then
	inns "$B" run "$n" 16777216 256 - 0 -- true >"$T/mem" 2>&1
	check_eq "memory cap without a controller: -EOPNOTSUPP" -95 "$(val create "$T/mem")"
	check_eq "the step names the missing controller" "cgroup memory: no controller" "$(val step "$T/mem")"
	check_eq "the service never ran" "" "$(val status "$T/mem")"
	inns "$B" run "$n" 0 8 - 0 -- true >"$T/pids" 2>&1
	check_eq "explicit pids 8 without a controller: -EOPNOTSUPP" -95 "$(val create "$T/pids")"
else
	skip "fail closed without a memory controller (this v2 hierarchy has one)"
fi
