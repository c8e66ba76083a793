#!/bin/bash
# Caps and containment that need a run of their own: the memory cap
# (OOM-killed, exit 137, "oom killed"), the pids cap (a fork bomb
# stopped), kill(-1) (host processes survive) and mount propagation in
# both directions. Each cap is paired with a control run without it, so
# the check cannot pass by accident.
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "sandbox caps and containment"
need_cmd "sandbox caps and containment" setpriv
scratch
victim=
cleanup() {
	[ -z "$victim" ] || kill "$victim" 2>/dev/null
	# -R: a broken sandbox may have propagated its mounts under prop.
	umount -R -l "$T/prop" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
sbx_root "$T/root"
R=(--root "$T/root")

run_sbx "$T/out" "${R[@]}" --memory 32M -- /bin/probe oom 256
check_eq "memory cap: OOM-killed, exit 137" 137 "$RC"
check_grep "memory cap: reported as oom killed" '^corral run: oom killed$' "$T/out"
run_sbx "$T/out" "${R[@]}" --memory 256M -- /bin/probe oom 64
check_eq "memory cap: control run under a larger cap exits 0" 0 "$RC"

run_sbx "$T/out" "${R[@]}" --pids 16 -- /bin/probe forkbomb 200
n=$(cut -d' ' -f1 "$T/out")
if [ "$RC" = 0 ] && [ "${n:-99}" -lt 16 ] && grep -q 'Resource temporarily unavailable' "$T/out"; then
	pass "pids cap: fork bomb stopped at $n children with EAGAIN"
else
	fail "pids cap: fork bomb not stopped (exit $RC: $(head -c 200 "$T/out"))"
fi
run_sbx "$T/out" "${R[@]}" --pids max -- /bin/probe forkbomb 40
check_eq "pids cap: control run without a cap forks 40" "40 no error" "$(cat "$T/out")"

# A host process of the same uid the probe runs as: kill(-1) must not
# reach it from inside the PID namespace.
setpriv --reuid 65534 --regid 65534 --clear-groups sleep 60 &
victim=$!
run_sbx "$T/out" "${R[@]}" -- /bin/probe killall
check_eq "kill(-1) reaches no one outside" "No such process" "$(cat "$T/out")"
if kill -0 "$victim" 2>/dev/null; then
	pass "kill(-1): host process of the same uid survives"
else
	fail "kill(-1): host process of the same uid was killed"
fi

# Mount propagation. This host's / is private, so make the root a shared
# mount: without the sandbox's private propagation, mounts would then
# flow both ways between host and service.
mkdir -p "$T/prop"
mount --bind "$T/root" "$T/prop" && mount --make-shared "$T/prop"
mkdir -p "$T/state"
chmod 0777 "$T/state"
"$CORRAL" run --root "$T/prop" --state "$T/state:/data" -- \
	/bin/probe wait-file /mnt/marker 3000 /data/ready >"$T/out" 2>&1 &
sbx=$!
for _ in $(seq 300); do [ -e "$T/state/ready" ] && break; sleep 0.01; done
leaked=$(awk -v p="$T/prop/" 'index($5, p) == 1' /proc/self/mountinfo)
check_eq "propagation: no mount of the service shows on the host" "" "$leaked"
mount -t tmpfs probe "$T/prop/mnt" && touch "$T/prop/mnt/marker"
wait "$sbx"
check_eq "propagation: a host mount made after start stays out" "absent" "$(cat "$T/out")"

# If corral run itself is killed, its sandbox goes with it.
rm -f "$T/state/ready"
tag="/never-$$"
"$CORRAL" run --root "$T/root" --state "$T/state:/data" -- \
	/bin/probe wait-file "$tag" 30000 /data/ready >/dev/null 2>&1 &
sbx=$!
for _ in $(seq 300); do [ -e "$T/state/ready" ] && break; sleep 0.01; done
if pgrep -f "wait-file $tag" >/dev/null; then
	pass "parent death: the sandboxed command is running"
else
	fail "parent death: the sandboxed command did not start"
fi
{
	kill -KILL "$sbx"
	wait "$sbx"
} 2>/dev/null # not bash's "Killed" notice
for _ in $(seq 100); do pgrep -f "wait-file $tag" >/dev/null || break; sleep 0.01; done
check_eq "parent death: killing corral run kills the sandbox" "" \
	"$(pgrep -f "wait-file $tag")"
# A killed corral run cannot remove its cgroup: do it for it.
for d in /sys/fs/cgroup/*/corral/run-"$sbx"; do
	[ -d "$d" ] && rmdir "$d" 2>/dev/null
done

# Signals reach the command: through corral run (which passes them to
# the reaper) and sent to the reaper directly, as PID 1 does at stop.
fwd() { # fwd WHAT SIGNAL STATUS TARGET(run|reaper)
	local pid target
	rm -f "$T/state/ready"
	"$CORRAL" run --root "$T/root" --state "$T/state:/data" -- \
		/bin/probe wait-file /never 20000 /data/ready >/dev/null 2>&1 &
	pid=$!
	for _ in $(seq 300); do [ -e "$T/state/ready" ] && break; sleep 0.01; done
	target=$pid
	[ "$4" = reaper ] && target=$(pgrep -P "$pid")
	kill -s "$2" "$target"
	wait "$pid"
	check_eq "$1" "$3" "$?"
}
fwd "SIGTERM to corral run reaches the command (exit 143)" TERM 143 run
fwd "SIGUSR1 to corral run reaches the command (exit 138)" USR1 138 run
fwd "SIGTERM to the reaper reaches the command (exit 143)" TERM 143 reaper
