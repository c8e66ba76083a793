#!/bin/bash
# The hostile probe (tests/sandbox/probe.c) inside `corral run` with the
# default options: one check per attack, each asserting a specific errno
# or outcome. The host first lays bait the sandbox must not reach: a TCP
# listener, an abstract unix socket, SysV IPC objects, open fds and a cwd
# outside the service's root.
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "sandbox attacks"
need_cmd "sandbox attacks" python3 ipcmk ipcs ipcrm
scratch
sbx_root "$T/root"

port=$((20000 + RANDOM % 20000))
abs="corral-probe-$$"
python3 - "$port" "$abs" "$T/bait-ready" <<'PY' &
import socket, sys, time
t = socket.socket()
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("0.0.0.0", int(sys.argv[1])))
t.listen(8)
u = socket.socket(socket.AF_UNIX)
u.bind("\0" + sys.argv[2])
u.listen(8)
open(sys.argv[3], "w").close()
time.sleep(120)
PY
bait=$!
shmid=$(ipcmk -M 4096 | grep -o '[0-9]*$')
msqid=$(ipcmk -Q | grep -o '[0-9]*$')
cleanup() {
	kill "$bait" 2>/dev/null
	ipcrm -m "$shmid" -q "$msqid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
shmkey=$(ipcs -m | awk -v id="$shmid" '$2 == id { print $1 }')
msgkey=$(ipcs -q | awk -v id="$msqid" '$2 == id { print $1 }')
for _ in $(seq 100); do [ -e "$T/bait-ready" ] && break; sleep 0.05; done

# The bait must work from the host, or the checks below prove nothing.
if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port)); u=socket.socket(socket.AF_UNIX); u.connect('\0$abs')"; then
	pass "bait: host TCP port and abstract socket reachable from the host"
else
	fail "bait: host listeners not reachable from the host"
fi
case $shmkey$msgkey in
*0x*0x*) pass "bait: SysV shm $shmkey and queue $msgkey" ;;
*) fail "bait: SysV objects not made ($shmkey/$msgkey)" ;;
esac

hostaddr=$(ip -4 -o addr show scope global 2>/dev/null | awk '{ sub("/.*", "", $4); print $4; exit }')
sysrq=0
[ -e /proc/sysrq-trigger ] && sysrq=1
# Which foreign ABIs this kernel can run at all, asked outside any
# sandbox: one without ia32 emulation kills `int 0x80` with SIGSEGV
# everywhere, and the probe then reports a SKIP for it, not a PASS.
abihost=$("$TESTBIN/bin/probe" abi-host 2>/dev/null)
abihost=${abihost#x32 }
abihost=${abihost/ i386 / }
# fds 7 and 8 (no close-on-exec) and a cwd outside the root must not leak.
exec 7<"$T" 8</etc/passwd
cd "$T" || exit 1
run_sbx "$T/out" --root "$T/root" -- /bin/probe attacks --port "$port" \
	--abstract "$abs" --shm "$shmkey" --msg "$msgkey" --hostpid $$ \
	--sysrq "$sysrq" ${hostaddr:+--hostaddr "$hostaddr"} \
	${abihost:+--abi-host "$abihost"}
exec 7<&- 8<&-
grep -E '^(PASS|FAIL|SKIP): ' "$T/out"
check_eq "probe exits 0 (every attack failed as it should)" 0 "$RC"
n=$(sed -n 's/^PASS: probe: ran \([0-9]*\) attack checks, 0 failed$/\1/p' "$T/out")
nskip=$(grep -c '^SKIP: probe: ' "$T/out")
if [ "$((${n:-0} + nskip))" -ge 85 ]; then
	pass "probe ran all $n attack checks"
else
	fail "probe did not finish its checks (ran '${n}'): $(grep -v '^PASS' "$T/out" | head -n 3)"
fi

# The checks must be able to fail: with the seccomp filter off, the same
# probe has to report the attacks that only the filter stops. (What it
# then manages stays inside namespaces of its own: a user namespace, its
# own keyring, an io_uring.)
# SANITIZE=1: with `seccomp none` the reaper (corral, built with ASan)
# runs under a filter of its own, which kills it when ASan's runtime
# calls sigaltstack(2) (audit: syscall 131): not a check of the probe.
if [ "${SANITIZE:-}" = 1 ]; then
	skip "weakened sandbox (SANITIZE=1: the reaper's own seccomp filter denies ASan's sigaltstack)"
	exit 0
fi
run_sbx "$T/weak" --root "$T/root" --seccomp none -- /bin/probe attacks
check_eq "weakened sandbox: probe exits 1" 1 "$RC"
for c in 'unshare(CLONE_NEWUSER)' keyctl io_uring_setup 'x32 syscall' \
	'seccomp filter on' 'personality(PER_LINUX32)'; do
	check_grep "weakened sandbox: probe reports $c" \
		"^FAIL: probe: $(printf '%s' "$c" | sed 's/[()]/\\&/g'): " "$T/weak"
done
