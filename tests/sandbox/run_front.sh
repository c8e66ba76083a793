#!/bin/bash
# `corral run`'s front end against the holes of issue 9 items 3, 5, 6, 9
# and 10: --user reads only a regular file inside the root, --root has no
# default, partial isolation and uid 0 without a mount namespace are
# refused, each run has a uid of its own, tiny caps are refused, a
# SIGKILLed run's cgroups are swept, and the command's stdio is its own.
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "corral run front end"
need_cmd "corral run front end" timeout setpriv
[ -x "$TESTBIN/bin/runaid" ] || { fail "front end: runaid not built"; exit 0; }
scratch
sbx_root "$T/root"
cp "$TESTBIN/bin/runaid" "$T/root/bin/runaid"
R=(--root "$T/root")

# expect WHAT STATUS PATTERN ARGS...: exit status and a line of output,
# under timeout so that a hang fails instead of blocking the suite.
expect() {
	local what=$1 status=$2 pat=$3
	shift 3
	timeout 20 "$CORRAL" run "$@" >"$T/out" 2>&1 </dev/null
	check_eq "$what: exit status" "$status" "$?"
	[ -z "$pat" ] || check_grep "$what: message" "$pat" "$T/out"
}

# ---- item 5: --user reads the root's passwd, and only that ----
mkdir -p "$T/lnk"
cp -a "$T/root/." "$T/lnk/"
rm -rf "$T/lnk/etc" && ln -s /etc "$T/lnk/etc"
expect "--user: a symlinked ROOT/etc does not reach the host's" 125 \
	"^corral run: --user root: $T/lnk/etc/passwd: Symbolic link loop$" \
	--root "$T/lnk" --user root -- /bin/probe ids
mkdir -p "$T/fifo" && cp -a "$T/root/." "$T/fifo/"
mkfifo "$T/fifo/etc/passwd"
expect "--user: a FIFO passwd is refused, not waited on" 125 \
	"^corral run: --user x: $T/fifo/etc/passwd: not a regular file$" \
	--root "$T/fifo" --user x -- /bin/probe ids
printf 'x:x:7:7::/:/bin/false\n' >"$T/fifo/etc/passwd.reg"
rm "$T/fifo/etc/passwd" && mv "$T/fifo/etc/passwd.reg" "$T/fifo/etc/passwd"
mknod "$T/fifo/etc/group" c 1 3
expect "--user: a device node group is refused" 125 \
	"^corral run: --user g: $T/fifo/etc/group: not a regular file$" \
	--root "$T/fifo" --user x:g -- /bin/probe ids
head -c 40000 /dev/zero | tr '\0' '#' >"$T/fifo/etc/passwd"
expect "--user: an oversized passwd is refused, not cut" 125 \
	"^corral run: --user x: $T/fifo/etc/passwd: too large$" \
	--root "$T/fifo" --user x -- /bin/probe ids
# A root longer than corral's 512-byte message lines: read in full.
long=$T/$(printf 'a%.0s' $(seq 200))/$(printf 'b%.0s' $(seq 200))
long=$long/$(printf 'c%.0s' $(seq $((503 - ${#long} - 1))))
mkdir -p "$long" && cp -a "$T/root/." "$long/"
printf 'pas:x:0:0::/:/bin/false\nx:x:1234:1235::/:/bin/false\n' >"$long/etc/passwd"
timeout 20 "$CORRAL" run --root "$long" --user x -- /bin/probe ids >"$T/out" 2>&1
check_eq "--user: a ${#long}-character root is read in full" "1234 1235" "$(cat "$T/out")"
expect "--root: longer than PATH_MAX is refused" 125 '^corral run: --root /.*: too long$' \
	--root "/$(printf 'x%.0s' $(seq 4100))" -- /bin/probe ids

# ---- item 6: no default root ----
expect "no --root: refused, not the host's /" 125 \
	'^corral run: --root: missing: there is no default' \
	--user 0:0 -- /bin/probe exit 0

# ---- item 3: no partial isolation; no uid 0 without mount ----
expect "--isolate without mount: refused like the services compiler" 125 \
	'^corral run: --isolate: must include mount \(or be none\)$' \
	"${R[@]}" --isolate pid,net -- /bin/probe exit 0
expect "--isolate none with uid 0: refused" 125 \
	'^corral run: --isolate none: refused for uid 0' \
	--isolate none --user 0 -- /bin/true
expect "--isolate none with user root by name: refused" 125 \
	'^corral run: --isolate none: refused for uid 0' \
	--isolate none --user root -- /bin/true
expect "--isolate none with another uid still runs" 0 "" \
	--isolate none --user 1000 -- /bin/true
expect "--isolate none with --root: refused like the services compiler" 125 \
	'^corral run: --isolate none: --root, --bind, --tmpfs and --state need mount isolation$' \
	"${R[@]}" --isolate none --user 1000 -- /bin/true

# ---- item 9: a uid of each run's own ----
mkdir -p "$T/state" && chmod 0777 "$T/state"
timeout 30 "$CORRAL" run "${R[@]}" --state "$T/state:/data" -- \
	/bin/runaid hog /data/ready 4 >"$T/hog" 2>&1 &
hog=$!
for _ in $(seq 400); do [ -e "$T/state/ready" ] && break; sleep 0.01; done
timeout 20 "$CORRAL" run "${R[@]}" -- /bin/runaid one >"$T/one" 2>&1
nobody=$(setpriv --reuid 65534 --regid 65534 --clear-groups \
	"$TESTBIN/bin/runaid" one 2>&1)
wait "$hog"
read -r _ uid_a count <"$T/hog"
read -r _ uid_b res <"$T/one"
check_eq "own uid: the first run took every inotify instance" \
	"$(cat /proc/sys/fs/inotify/max_user_instances)" "${count:-}"
check_eq "own uid: a second run is not starved" ok "${res:-}"
check_eq "own uid: host nobody is not starved" "one 65534 ok" "$nobody"
if [ -n "${uid_a:-}" ] && [ "$uid_a" != "${uid_b:-}" ] &&
	[ "$uid_a" != 65534 ] && [ "$uid_b" != 65534 ]; then
	pass "own uid: two concurrent runs differ ($uid_a, $uid_b), neither 65534"
else
	fail "own uid: runs got '${uid_a:-}' and '${uid_b:-}'"
fi
taken=$(awk -F: -v a="${uid_a:-x}" -v b="${uid_b:-x}" '$3 == a || $3 == b' /etc/passwd)
check_eq "own uid: neither is in the host's /etc/passwd" "" "$taken"

# ---- item 10: caps and limits that cannot work say so ----
expect "--memory 1: refused, not \"oom killed\"" 125 \
	'^corral run: --memory 1: below 1M, too small to start a process$' \
	"${R[@]}" --memory 1 -- /bin/probe exit 0
expect "--memory 0: refused" 125 '^corral run: --memory 0: use max for no limit$' \
	"${R[@]}" --memory 0 -- /bin/probe exit 0
expect "--memory max: no cap" 0 "" "${R[@]}" --memory max -- /bin/probe exit 0
expect "--pids 0: refused, not uncapped" 125 '^corral run: --pids 0: use max for no limit$' \
	"${R[@]}" --pids 0 -- /bin/probe exit 0
expect "--pids max: no cap" 0 "" "${R[@]}" --pids max -- /bin/probe exit 0
expect "--rlimit as=1: the signal is named" 139 '^corral run: killed by signal 11$' \
	"${R[@]}" --rlimit as=1 -- /bin/probe exit 0
expect "a signal passed on is not named" 143 "" \
	"${R[@]}" -- /bin/probe signal 15
check_eq "a signal passed on is not named: quiet" "" "$(cat "$T/out")"

# A SIGKILLed run's cgroups: left behind, then swept by the next run.
rm -f "$T/state/ready"
"$CORRAL" run "${R[@]}" --state "$T/state:/data" -- \
	/bin/probe wait-file /never 30000 /data/ready >/dev/null 2>&1 &
pid=$!
disown "$pid" # no "Killed" notice from bash
for _ in $(seq 400); do [ -e "$T/state/ready" ] && break; sleep 0.01; done
left=$(ls -d /sys/fs/cgroup/{,unified/,memory/,pids/}corral/run-"$pid" 2>/dev/null)
kill -KILL "$pid"
for _ in $(seq 300); do
	pgrep -f "wait-file /never" >/dev/null || break
	sleep 0.01
done
if [ -z "$left" ]; then
	fail "SIGKILL: no corral/run-$pid cgroup seen while it ran"
else
	expect "SIGKILL: the next run runs" 0 "" "${R[@]}" -- /bin/probe exit 0
	# shellcheck disable=SC2086 # left is a list of paths
	check_eq "SIGKILL: the next run removed the dead run's cgroups" "" \
		"$(ls -d $left 2>/dev/null)"
fi

# ---- item 10: stdio of the command's own ----
(
	"$CORRAL" run "${R[@]}" -- /bin/runaid nonblock
	grep "^flags:" "/proc/$BASHPID/fdinfo/1" >&2
) 2>"$T/flags" | cat >"$T/said"
check_eq "stdio: the command set O_NONBLOCK on its stdout" "nonblock ok" "$(cat "$T/said")"
flags=$(awk '{print $2}' "$T/flags")
check_eq "stdio: the caller's stdout pipe stays blocking" 0 \
	"$(((8#${flags:-4000} & 8#4000) != 0))"
{
	echo a
	"$CORRAL" run "${R[@]}" -- /bin/runaid say b
	echo c
} >"$T/file"
check_eq "stdio: a regular file's offset stays shared" "a b c" "$(tr '\n' ' ' <"$T/file" | sed 's/ $//')"
