#!/bin/bash
# Fault: services that ignore SIGTERM and double-fork away. `ctl stop`
# sends SIGTERM, and at the stop timeout (1 s) SIGKILL to the whole
# cgroup: every one of their processes is gone by then, orphans of PID 1
# and a PID namespace's alike; a service that dies of SIGTERM takes its
# leftovers with it at once. Other services are left alone.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup ps
pid1_build stop stop.services || exit 0
pid1_tree "$T/root"
ln -s busybox "$T/root/bin/setsid"
j="$T/root/srv/jail"
mkdir -p "$j/bin" "$j/proc" "$j/dev" "$j/tmp"
cp /bin/busybox "$j/bin/"
for a in sh sleep echo; do ln -s busybox "$j/bin/$a"; done

# sleeps RE: how many of PID 1's descendants run `sleep N`, N matching RE.
sleeps() {
	ps -e -o pid=,ppid=,args= >"$T/ps"
	awk -v top="$PID1" -v re="^(/bin/)?sleep ($1)\$" '
		{ p = $1; par[p] = $2; $1 = $2 = ""; sub(/^ +/, ""); args[p] = $0 }
		END {
			n = 0
			for (p in args) {
				if (args[p] !~ re) continue
				for (q = par[p]; q > 1 && q != top; q = par[q]) ;
				if (q == top) n++
			}
			print n
		}' "$T/ps"
}

pid1_start "$T/root"
check_wait "up" '^corral: up: 4 services'
for s in ig lo jl; do
	pid1_wait "^$s: forked\$" || fail "$s did not fork"
done
sleep 0.3
check_eq "ig: its 3 processes run (two double-forked away)" 3 "$(sleeps '1001|1002|1003')"
check_eq "lo: its 2 processes run" 2 "$(sleeps '1004|1005')"
check_eq "jl: its 2 processes run in its PID namespace" 2 "$(sleeps '1006|1007')"

t0=$(ms)
for s in ig lo jl; do
	pid1_ctl stop "$s" || fail "ctl stop $s refused"
done
check_wait "lo: died of SIGTERM" '^corral: lo: killed by signal 15$' 2
check_eq "lo: its leftover went with it, before any timeout" 0 "$(sleeps '1004|1005')"
for s in ig jl; do
	check_wait "$s: killed at the stop timeout" "^corral: $s: killed by signal 9\$" 4
done
dt=$(($(ms) - t0))
echo "stop of ig and jl: $dt ms with stop-timeout 1s"
check_order "ig: the timeout line before the kill" '^corral: ig: stop timeout, killing$' '^corral: ig: killed by signal 9$'
if [ "$dt" -ge 950 ] && [ "$dt" -lt 2500 ]; then
	pass "stopped after the 1 s timeout ($dt ms)"
else
	fail "stop took $dt ms with a 1 s timeout"
fi
check_eq "ig: all 3 processes gone, the double-forked ones too" 0 "$(sleeps '1001|1002|1003')"
check_eq "jl: both processes gone" 0 "$(sleeps '1006|1007')"
st=$(pid1_ctl status)
for s in ig lo jl; do
	check_grep "$s: stopped" "^$s stopped - " <(echo "$st")
done
check_grep "web: left alone" '^web ready [0-9]+ 0 ' <(echo "$st")
check_eq "web: its process still there" 1 "$(sleeps 1000)"
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
