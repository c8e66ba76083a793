#!/bin/bash
# sandbox/cgroup.c on this host's hierarchies (v1 controllers, plus a v2
# mount when there is one): caps written, the child attached, an OOM kill
# detected, a fork bomb stopped at the pids cap, cg_kill emptying the
# cgroup through cgroup.kill and through the cgroup.procs loop, and
# cg_destroy leaving nothing behind. Driver: tests/sandbox/cg_test.c.
. "$SRC/tests/lib.sh"
need_root "cgroup caps"
need_cmd "cgroup caps" pgrep
B=$TESTBIN/bin/cg_test
# The workloads: the static build under SANITIZE=1 (tests/tests.mk).
W=$B
[ "${SANITIZE:-}" != 1 ] || W=$TESTBIN/bin/cg_work
CG=/sys/fs/cgroup
if [ ! -d $CG/memory ] || [ ! -d $CG/pids ]; then
	skip "cgroup caps (no v1 memory/pids here; see cgroup_v2.sh)"
	exit 0
fi
scratch
n=t$$
# val KEY FILE: the value of KEY=... printed by cg_test
val() { sed -n "s/^$1=//p" "$2" | head -n 1; }

# Caps: read back from inside the service, which also proves it joined.
"$B" run "$n" 16777216 8 0 50 -- sh -c "
	cat /proc/self/cgroup
	for f in memory/memory.limit_in_bytes pids/pids.max cpuset/cpuset.cpus \
	    cpuset/cpuset.mems cpu/cpu.cfs_quota_us; do
		echo \"cap \$f=\$(cat $CG/\${f%%/*}/corral/$n/\${f#*/})\"
	done" >"$T/caps" 2>&1
check_eq "create with memory 16M pids 8 cpus 0 cpu 50" 0 "$(val create "$T/caps")"
check_eq "memory.limit_in_bytes is 16M" 16777216 "$(val 'cap memory\/memory.limit_in_bytes' "$T/caps")"
check_eq "pids.max is 8" 8 "$(val 'cap pids\/pids.max' "$T/caps")"
check_eq "cpuset.cpus is 0" 0 "$(val 'cap cpuset\/cpuset.cpus' "$T/caps")"
check_eq "cpuset.mems copied from the parent" "$(cat $CG/cpuset/cpuset.mems)" "$(val 'cap cpuset\/cpuset.mems' "$T/caps")"
check_eq "cpu.cfs_quota_us is 50% of the period" 50000 "$(val 'cap cpu\/cpu.cfs_quota_us' "$T/caps")"
for c in memory pids cpuset cpu; do
	check_grep "child joined $c" "^[0-9]+:([a-z_]+,)*$c(,[a-z_]+)*:/corral/$n\$" "$T/caps"
done
check_eq "cg_attach succeeded" 0 "$(val attach "$T/caps")"
check_eq "command ran and exited 0" exited:0 "$(val status "$T/caps")"
check_eq "cg_destroy returned 0" 0 "$(val destroy "$T/caps")"
left=$(ls -d $CG/{memory,pids,cpuset,cpu,unified}/corral/"$n" 2>/dev/null)
check_eq "no directory left after cg_destroy" "" "$left"

# OOM: 64 MiB in a 16 MiB cgroup (swap counted too).
"$B" run "$n" 16777216 0 - 0 -- "$W" alloc 64 >"$T/oom" 2>&1
check_eq "64M in a 16M cgroup is killed by SIGKILL" signaled:9 "$(val status "$T/oom")"
check_eq "cg_oom_killed reports the OOM kill" 1 "$(val oom "$T/oom")"
"$B" run "$n" 33554432 0 - 0 -- "$W" alloc 8 >"$T/nooom" 2>&1
check_eq "8M in a 32M cgroup survives" exited:0 "$(val status "$T/nooom")"
check_eq "cg_oom_killed is 0 without an OOM kill" 0 "$(val oom "$T/nooom")"
mem=$(val memory "$T/nooom")
if [ "${mem:-0}" -gt 65536 ] && [ "$mem" -lt 33554432 ]; then
	pass "cg_memory reports usage ($mem bytes)"
else
	fail "cg_memory reports usage (got '$mem')"
fi

# Fork bomb: stopped at pids 8 (itself + 7), then killed by cg_kill.
for how in v2 v1kill; do
	opt=()
	[ $how = v1kill ] && opt=(v1kill)
	[ $how = v2 ] && [ ! -d $CG/unified ] && continue
	"$B" run "$n" 0 8 - 0 "${opt[@]}" -- "$W" forkbomb >"$T/bomb" 2>&1
	check_grep "fork bomb refused with EAGAIN after 7 forks ($how)" '^forks=7 errno=EAGAIN$' "$T/bomb"
	check_eq "7 processes left behind ($how)" 7 "$(val procs_before "$T/bomb")"
	check_eq "cg_kill returned 0 ($how)" 0 "$(val kill "$T/bomb")"
	check_eq "cg_destroy at once after cg_kill ($how)" 0 "$(val destroy "$T/bomb")"
	check_eq "no fork bomb process survived ($how)" "" "$(pgrep -f "^$W forkbomb\$")"
done

# Fail closed, with nothing left behind.
"$B" run "$n" 0 8 99 0 -- true >"$T/bad" 2>&1
check_eq "cpus 99 is refused with the kernel's -ERANGE" -34 "$(val create "$T/bad")"
check_eq "the step names cpuset.cpus" "cgroup cpuset.cpus" "$(val step "$T/bad")"
left=$(ls -d $CG/{memory,pids,cpuset,cpu,unified}/corral/"$n" 2>/dev/null)
check_eq "a failed cg_create leaves no directory" "" "$left"
"$B" run .. 0 8 - 0 -- true >"$T/name" 2>&1
check_eq "a cgroup named '..' is refused" -22 "$(val create "$T/name")"
