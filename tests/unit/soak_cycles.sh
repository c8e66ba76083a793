#!/bin/bash
# Soak: 10,000 start/stop cycles of one service (cyc: exits at once,
# restarted after 1 ms), a sandboxed one cycling beside it (jc: mount
# and PID namespaces, /dev/log and notify socket each start), and 1,000
# `ctl restart` of a third (ct). PID 1's open fds and VmRSS, measured
# with cyc and jc stopped after a warm-up and again after the soak, must
# not grow. SOAK=long: 100,000 cycles and 10,000 ctl restarts.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
[ -x "$TESTBIN/bin/dgsend" ] || { skip "no $TESTBIN/bin/dgsend (make test-bins)"; exit 0; }
N=10000 NCTL=1000 WARM=200
[ "${SOAK:-}" != long ] || N=100000 NCTL=10000
# SANITIZE=1: PID 1 and each ctl client run several times slower under
# ASan (and every client pays ASan's start-up): a fifth of the cycles,
# still ten times the warm-up, within the test's 600 s.
[ "${SANITIZE:-}" != 1 ] || N=$((N / 5)) NCTL=$((NCTL / 5))
pid1_build cycles cycles.services || exit 0
pid1_tree "$T/root"
j="$T/root/srv/jail"
mkdir -p "$j/bin" "$j/proc" "$j/dev" "$j/tmp"
cp "$TESTBIN/bin/dgsend" "$j/bin/"

field() { pid1_ctl status "$1" | awk -v f="$2" '{ print $f }'; }
# until_field NAME FIELD =|-ge VALUE SECONDS: poll ctl status until
# the service's FIELD (2 state, 4 restarts) is, or reaches, VALUE.
until_field() {
	local end=$(($(ms) + $5 * 1000)) v
	while [ "$(ms)" -lt "$end" ]; do
		v=$(field "$1" "$2")
		case $3 in
		=) [ "$v" = "$4" ] && return 0 ;;
		*) [ -n "$v" ] && [ "$v" -ge "$4" ] && return 0 ;;
		esac
		sleep 0.05
	done
	return 1
}
# quiet: cyc and jc stopped, ct ready; then PID 1's fds and VmRSS.
quiet() {
	if ! { pid1_ctl stop cyc && pid1_ctl stop jc; }; then
		fail "ctl stop refused"
	fi
	if ! { until_field cyc 2 = stopped 10 && until_field jc 2 = stopped 10 &&
		until_field ct 2 = ready 10; }; then
		fail "not quiet: $(pid1_ctl status | tr '\n' ' ')"
	fi
	sleep 0.2
	# What each fd is, without its number (they are reused in any order).
	for f in "/proc/$PID1/fd/"*; do readlink "$f"; done | sort >"$T/fd.$1"
	FDS=$(wc -l <"$T/fd.$1")
	RSS=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$PID1/status")
	# Resident kB per mapping, to name the one that grew on a failure.
	awk '/^[0-9a-f]+-[0-9a-f]+ / { m = $1 " " $6 } $1 == "Rss:" { print m, $2 }' \
		"/proc/$PID1/smaps" >"$T/smaps.$1"
}

pid1_start "$T/root"
check_wait "up" '^corral: up: '
if ! { until_field cyc 4 -ge "$WARM" 30 && until_field jc 4 -ge "$WARM" 30; }; then
	fail "warm-up: $WARM restarts not reached: $(pid1_ctl status | tr '\n' ' ')"
fi
# Each service's log ring (CFG_LOG_RING_SIZE bytes) costs RAM only as
# it is first written: the warm-up fills all three, so what the soak
# measures is growth beyond them. ct writes about 70 bytes a restart.
ring=$(sed -n 's/^#define CFG_LOG_RING_SIZE //p' "$O/gen/config.h")
for _ in $(seq $((ring / 35))); do pid1_ctl restart ct >/dev/null; done
quiet before
fds0=$FDS rss0=$RSS
c0=$(field cyc 4) j0=$(field jc 4)
echo "before: $fds0 fds, VmRSS $rss0 kB (cyc $c0, jc $j0 restarts)"

t0=$(ms)
if ! { pid1_ctl start cyc && pid1_ctl start jc; }; then
	fail "ctl start refused"
fi
bad=0
for _ in $(seq "$NCTL"); do
	pid1_ctl restart ct >/dev/null || bad=$((bad + 1))
done
check_eq "$NCTL ctl restarts of ct accepted" 0 "$bad"
if until_field cyc 4 -ge $((c0 + N)) $((N / 50)); then
	pass "cyc: $N cycles"
else
	fail "cyc: $(($(field cyc 4) - c0)) of $N cycles in $((N / 50)) s"
fi
dt=$(($(ms) - t0))
quiet after
c1=$(field cyc 4) j1=$(field jc 4)
echo "after: $FDS fds, VmRSS $RSS kB (cyc $c1, jc $j1 restarts)"
echo "soak: cyc $((c1 - c0)) cycles, jc $((j1 - j0)) cycles, ct $NCTL ctl restarts in $dt ms"
check_eq "open fds of PID 1 unchanged after the soak ($fds0)" "$fds0" "$FDS"
if diff "$T/fd.before" "$T/fd.after" >"$T/fd.diff"; then
	pass "PID 1's fds point at the same things"
else
	fail "PID 1's fds changed: $(head -n 5 "$T/fd.diff" | tr '\n' ' ')"
fi
if [ "$RSS" -le "$rss0" ]; then
	pass "VmRSS of PID 1 did not grow ($rss0 kB before, $RSS kB after)"
else
	fail "VmRSS of PID 1 grew from $rss0 kB to $RSS kB"
	diff "$T/smaps.before" "$T/smaps.after" | sed -n 's/^/    smaps: /p' | head -n 20
fi
st=$(grep -c '^corral: cyc: started pid' "$T/log")
ex=$(grep -cE '^corral: cyc: (exited status 0|killed by signal 15)$' "$T/log")
check_eq "cyc: every start has its exit line" "$st" "$ex"
check_eq "cyc: no sandbox or spawn error" 0 "$(grep -cE '^corral: (cyc|jc|ct): sandbox' "$T/log")"
z=0
read -ra kids <"/proc/$PID1/task/$PID1/children"
for p in "${kids[@]}"; do
	grep -q '^State:.Z' "/proc/$p/status" 2>/dev/null && z=$((z + 1))
done
check_eq "no zombie left" 0 "$z"
check_grep "ct ready after its restarts" '^ct ready ' <(pid1_ctl status ct)
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
