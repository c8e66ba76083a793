#!/bin/bash
# Benchmark: PID 1 with 20 services, side by side in one run.
#   corral, isolate none     20 services in the base system
#   corral, default jail     20 services behind the full sandbox
#   busybox init             the same 20 services from /etc/inittab
# Measured RUNS times each, medians: time from starting the PID
# namespace until all 20 services run (polled from outside, the same
# way for everyone), corral's own `up:` time (from PID 1 start), and
# PID 1's VmRSS once up (goal for corral: <= 128 KiB).
# Report: $O/bench/pid1.txt.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
need_root "PID 1 benchmark"
need_cmd "PID 1 benchmark" unshare chroot pgrep busybox python3
scratch
RUNS=${RUNS:-11}
N=20
out="$O/bench/pid1.txt"
mkdir -p "$O/bench" "$O/tests/pid1"

table() { # table NAME ISOLATION-LINE
	local f="$O/tests/pid1/bench-$1.services" i
	{
		echo "# $N services for tests/bench/pid1.sh"
		for i in $(seq "$N"); do
			printf 'service s%d /bin/sleep %d\n    %s\n' "$i" $((1000 + i)) "$2"
		done
	} >"$f"
	echo "$f"
}
pid1_build bench-none "$(table none 'isolate none')" || exit 1
pid1_tree "$T/none"
pid1_build bench-jail "$(table jail 'root /srv/s
    memory 16M')" || exit 1
pid1_tree "$T/jail"
mkdir -p "$T/jail/srv/s/bin" "$T/jail/srv/s/proc" "$T/jail/srv/s/dev" "$T/jail/srv/s/tmp"
cp /bin/busybox "$T/jail/srv/s/bin/" && ln -s busybox "$T/jail/srv/s/bin/sleep"
mkdir -p "$T/bb/bin" "$T/bb/sbin" "$T/bb/etc" "$T/bb/proc" "$T/bb/dev"
cp /bin/busybox "$T/bb/bin/" && ln -s busybox "$T/bb/bin/sleep" && ln -s ../bin/busybox "$T/bb/sbin/init"
{
	# busybox init merges identical lines: one sleep time each.
	for i in $(seq "$N"); do echo "::respawn:/bin/sleep $((1000 + i))"; done
	echo "::ctrlaltdel:/sbin/reboot"
} >"$T/bb/etc/inittab"

# One run: boot TREE as PID 1, poll (1 ms) until N `sleep 100X` run in
# the namespace, read PID 1's RSS, shut down. Prints "MS RSS-KiB UP-MS".
one() {
	local tree=$1
	python3 - "$tree" "$N" <<'PY'
import os, subprocess, sys, time
tree, n = sys.argv[1], int(sys.argv[2])
env = {"container": "1", "PATH": "/bin:/sbin"}
t0 = time.monotonic()
p = subprocess.Popen(["unshare", "--pid", "--mount", "--uts", "--ipc", "--fork",
    "--kill-child", "--", "/bin/sh", "-c",
    'mount --bind "$1" "$1" && exec chroot "$1" /sbin/init', "sh", tree],
    env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
def kids(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []
pid1 = None
while time.monotonic() - t0 < 10:
    if pid1 is None:
        k = kids(p.pid)
        pid1 = k[0] if k else None
    if pid1:
        # services: PID 1's children or, for a jail, their children
        procs, up = kids(pid1), 0
        for c in procs:
            for q in [c] + kids(c):
                try:
                    with open("/proc/%d/cmdline" % q, "rb") as f:
                        if f.read().split(b"\0")[0].endswith(b"sleep"):
                            up += 1
                except OSError:
                    pass
        if up >= n:
            break
    time.sleep(0.001)
ms = (time.monotonic() - t0) * 1000
time.sleep(0.2)  # let PID 1 settle (its log, the up line)
rss = 0
with open("/proc/%d/status" % pid1) as f:
    for line in f:
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
os.kill(pid1, 15)
try:
    o = p.communicate(timeout=15)[0].decode(errors="replace")
except subprocess.TimeoutExpired:
    p.kill(); o = ""
upms = "-"
for line in o.splitlines():
    if line.startswith("corral: up: "):
        upms = line.split()[-2]
print("%d %d %s" % (round(ms), rss, upms))
PY
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
for who in none jail bb; do
	: >"$T/$who.runs"
	for _ in $(seq "$RUNS"); do one "$T/$who" >>"$T/$who.runs"; done
done
col() { cut -d' ' -f"$2" "$T/$1.runs" | grep -v -- - | median; }
{
	echo "PID 1 with $N services: median of $RUNS runs, $(date -u +%F) on $(uname -r), $(nproc) CPUs"
	echo
	printf '%-28s %12s %10s %12s\n' "init" "all up (ms)" "RSS (KiB)" "own up: (ms)"
	printf '%-28s %12s %10s %12s\n' "corral, isolate none" "$(col none 1)" "$(col none 2)" "$(col none 3)"
	printf '%-28s %12s %10s %12s\n' "corral, default jail +16M" "$(col jail 1)" "$(col jail 2)" "$(col jail 3)"
	printf '%-28s %12s %10s %12s\n' "busybox init (inittab)" "$(col bb 1)" "$(col bb 2)" "-"
	echo
	echo "ratios (corral / busybox init):"
	awk -v a="$(col none 1)" -v b="$(col bb 1)" 'BEGIN { printf "  all up, isolate none:   %.2f\n", a / b }'
	awk -v a="$(col jail 1)" -v b="$(col bb 1)" 'BEGIN { printf "  all up, default jail:   %.2f\n", a / b }'
	awk -v a="$(col none 2)" -v b="$(col bb 2)" 'BEGIN { printf "  RSS:                    %.2f\n", a / b }'
	echo
	echo "all up: from starting unshare until $N 'sleep 100X' run (polled every ms, same for all)"
	echo "own up: corral's 'corral: up: N services in T ms' (T from PID 1 start)"
	echo "RSS goal for corral: <= 128 KiB"
} >"$out"
cat "$out"
# For tests/bench/report.py: pid1 WHO ALL-UP-MS RSS-KIB OWN-UP-MS.
{
	echo "meta runs $RUNS services $N kernel $(uname -r) cpus $(nproc)"
	for who in none jail bb; do echo "pid1 $who $(col $who 1) $(col $who 2) $(col $who 3)"; done
} >"$O/bench/pid1.data"
rss=$(col none 2)
if [ "$rss" -le 128 ]; then
	pass "corral PID 1 RSS $rss KiB with $N services (goal 128)"
else
	fail "corral PID 1 RSS $rss KiB with $N services, over the 128 KiB goal"
fi
