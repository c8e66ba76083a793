#!/bin/bash
# PID 1 boots a test tree as the init of a child PID namespace: API
# filesystems and cgroups mounted, hostname set, a missing module
# reported, oneshot before its dependents, `ready fd` honoured, the up
# line, `corral ctl status`, and shutdown in reverse `after` order.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
pid1_build basic basic.services || exit 0
pid1_tree "$T/root"
# The host's cgroup2 mount, if any, gets an option for the boot
# (memory_localevents: nothing uses it on a hybrid host): a plain cgroup2
# mount from the first cgroup namespace, as PID 1 made before, would
# clear it for the whole machine. Put back as it was afterwards.
cg2_options() { awk '$8 == "cgroup2" { print $NF; exit }' /proc/self/mountinfo; }
cg2_dir=$(awk '$8 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
cg2_orig=$(cg2_options)
cg2_opts=
if [ -n "$cg2_dir" ] && mount -o "remount,$cg2_orig,memory_localevents" "$cg2_dir"; then
	cg2_opts=$(cg2_options)
fi
pid1_start "$T/root"

check_wait "up line once every service is ready" '^corral: up: 3 services in [0-9]+ ms$'
check_grep "missing module reported with its path and errno" \
	'^corral: /lib/modules/corral-test-no-such-module\.ko: No such file or directory$' "$T/log"
check_grep "service output prefixed with its name" '^setup: setup done$' "$T/log"
check_grep "hostname from the table" '^setup: pid1-test$' "$T/log"
check_grep "oneshot exit reported" '^corral: setup: exited status 0$' "$T/log"
# Order: setup exits before web/db start; app only once db is ready.
order=$(grep -E '^(corral: setup: exited|corral: (web|db|app): started|db: db going ready)' "$T/log" | tr '\n' '|')
case "$order" in
'corral: setup: exited status 0|'*'db: db going ready|corral: app: started'*) pass "after order: setup, then web+db, app once db is ready" ;;
*) fail "after order wrong: $order" ;;
esac
ms=$(sed -n 's/^corral: up: 3 services in \([0-9]*\) ms$/\1/p' "$T/log")
if [ -n "$ms" ] && [ "$ms" -ge 300 ] && [ "$ms" -lt 5000 ]; then
	pass "up time $ms ms includes db's 300 ms before ready"
else
	fail "up time '$ms' ms not in [300, 5000)"
fi

mounts=$(cut -d' ' -f2,3 "/proc/$PID1/mounts")
for m in "/proc proc" "/sys sysfs" "/dev devtmpfs" "/dev/pts devpts" "/dev/shm tmpfs" "/run tmpfs"; do
	if grep -qx "$(dirname "$T/root")/root${m% *} ${m#* }" <<<"$mounts" || grep -qx "$m" <<<"$mounts"; then
		pass "mounted ${m% *} (${m#* })"
	else
		fail "${m% *} not mounted as ${m#* }"
	fi
done
if [ -d /sys/fs/cgroup/memory ]; then
	# A hybrid host like this one: v1 controllers, v2 without them.
	check_grep "cgroup v1 memory hierarchy mounted" ' /sys/fs/cgroup/memory cgroup ' "/proc/$PID1/mounts"
	check_grep "cgroup v1 cpu hierarchy mounted" ' /sys/fs/cgroup/cpu cgroup ' "/proc/$PID1/mounts"
	check_grep "cgroup2 mounted at unified/" ' /sys/fs/cgroup/unified cgroup2 ' "/proc/$PID1/mounts"
else
	check_grep "cgroup2 mounted" ' /sys/fs/cgroup cgroup2 ' "/proc/$PID1/mounts"
fi
# cgroup2 is mounted from a cgroup namespace of PID 1's own, left at
# once: PID 1 is back in ours, and the host's cgroup2 options survive.
check_eq "PID 1 back in the caller's cgroup namespace" \
	"$(readlink /proc/self/ns/cgroup)" "$(readlink "/proc/$PID1/ns/cgroup")"
if [ -n "$cg2_opts" ]; then
	check_eq "the host's cgroup2 options untouched" "$cg2_opts" "$(cg2_options)"
	# A remount keeps what it is not told to clear; a new mount from
	# the first cgroup namespace sets exactly its own options.
	mkdir "$T/cg2"
	# shellcheck disable=SC2016 # expanded by that sh, from its arguments
	unshare -m sh -c 'mount -t cgroup2 -o "$1" none "$2" && umount "$2"' sh "$cg2_orig" "$T/cg2"
	check_eq "the host's cgroup2 options put back" "$cg2_orig" "$(cg2_options)"
else
	skip "host cgroup2 options: no cgroup2 mount here to set one on"
fi

status=$(pid1_ctl status)
check_eq "ctl status: one line per service" 4 "$(wc -l <<<"$status")"
check_grep "ctl status: oneshot exited" '^setup exited - 0 - - 0$' <(echo "$status")
check_grep "ctl status: ready service with pid and uptime" '^db ready [0-9]+ 0 [0-9]+s ' <(echo "$status")
check_grep "ctl status NAME" '^app ready [0-9]+ 0 ' <(pid1_ctl status app)

pid1_stop TERM
check_eq "SIGTERM: reboot(2) ends the namespace with SIGHUP" 129 "$RC"
check_grep "shutdown line" '^corral: shutdown: reboot$' "$T/log"
order=$(grep -E '^corral: (app|web|db): killed by signal 15$' "$T/log" | cut -d' ' -f2 | tr '\n' ' ')
case "$order" in
"app: "*) pass "reverse order: app stopped before web and db ($order)" ;;
*) fail "reverse order: app should stop first, got '$order'" ;;
esac
check_eq "every service stopped with SIGTERM" 3 "$(grep -cE '^corral: (app|web|db): killed by signal 15$' "$T/log")"

# A container that shares the host's UTS namespace: hands off the
# host's hostname (restored anyway, should corral get it wrong).
host=$(hostname)
trap 'hostname "$host"; rm -rf "$T"' EXIT
PID1_SHARE_UTS=1 pid1_start "$T/root"
check_wait "shared UTS namespace: hostname left alone, and said so" \
	"^corral: hostname: left alone, the UTS namespace is the host's\$"
check_eq "shared UTS namespace: host's hostname unchanged" "$host" "$(hostname)"
pid1_stop TERM
check_eq "shared UTS namespace: shutdown" 129 "$RC"
