#!/bin/bash
# `corral run` exit statuses (SPEC 5): the command's own, 128+N, 125 with
# the failing step named, 126, 127; option errors (125, naming the option
# and the nearest known one); --help.
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "corral run exit statuses"
scratch
sbx_root "$T/root"
printf 'not a program\n' >"$T/root/bin/noexec"
chmod 0644 "$T/root/bin/noexec"
R=(--root "$T/root")

# expect WHAT STATUS PATTERN ARGS...: exit status and a line of output.
expect() {
	local what=$1 status=$2 pat=$3
	shift 3
	run_sbx "$T/out" "$@"
	check_eq "$what: exit status" "$status" "$RC"
	[ -z "$pat" ] || check_grep "$what: message" "$pat" "$T/out"
}

expect "own status" 42 "" "${R[@]}" -- /bin/probe exit 42
expect "own status 0" 0 "" "${R[@]}" -- /bin/probe exit 0
expect "killed by SIGTERM" 143 "" "${R[@]}" -- /bin/probe signal 15
expect "killed by SIGKILL" 137 "" "${R[@]}" -- /bin/probe signal 9
expect "missing root" 125 '^corral run: root /nonexistent/x: No such file or directory$' \
	--root /nonexistent/x -- /bin/probe exit 0
ln -s / "$T/evil"
expect "symlinked root refused" 125 '^corral run: root .*/evil: Symbolic link loop$' \
	--root "$T/evil" -- /bin/probe exit 0
ln -s / "$T/root/data2"
expect "symlinked mount point refused" 125 '^corral run: mount /data2: Symbolic link loop$' \
	"${R[@]}" --tmpfs /data2 -- /bin/probe exit 0
expect "mount point missing" 125 '^corral run: mount /nope: No such file or directory$' \
	"${R[@]}" --tmpfs /nope -- /bin/probe exit 0
# The cgroup is made while the child builds its root: a failure there
# must still stop the command before it runs (it would write the file).
mkdir -p "$T/state" && chmod 0777 "$T/state"
expect "cgroup failure after clone" 125 '^corral run: cgroup cpuset.cpus: ' \
	"${R[@]}" --cpus 4095 --state "$T/state:/data" -- /bin/probe wait-file /x 0 /data/ran
check_eq "cgroup failure after clone: the command never ran" "" "$(ls "$T/state")"
expect "not executable" 126 '^corral run: exec /bin/noexec: Permission denied$' \
	"${R[@]}" -- /bin/noexec
expect "not found" 127 '^corral run: exec /bin/nothere: No such file or directory$' \
	"${R[@]}" -- /bin/nothere
expect "not found in PATH" 127 '^corral run: exec nothere: No such file or directory$' \
	"${R[@]}" -- nothere
expect "bare name found in PATH" 0 "" "${R[@]}" --env PATH=/bin -- probe exit 0
expect "unknown option" 125 "^corral run: unknown option '--memroy' \(did you mean --memory\?\)$" \
	--memroy 5M -- /bin/true
expect "bad size" 125 '^corral run: --memory 5Q: unit must be K, M or G$' \
	--memory 5Q -- /bin/true
expect "bad isolate" 125 '^corral run: --isolate mount,bogus: unknown namespace' \
	--isolate mount,bogus -- /bin/true
expect "missing --" 125 "^corral run: expected an option or -- before the command, got '/bin/true'$" \
	"${R[@]}" /bin/true
expect "nothing after --" 125 '^corral run: no command after --$' "${R[@]}" --
expect "option without value" 125 '^corral run: --root: needs a value$' --root
expect "contradiction" 125 '^corral run: --net host: contradicts --isolate with net$' \
	--isolate mount,net --net host -- /bin/true
expect "isolate user refused, not weakened" 125 '^corral run: isolate user: ' \
	"${R[@]}" --isolate mount,pid,user -- /bin/probe exit 0

# --user names come from the root the command sees, not the host's.
printf 'www:x:33:44::/:/bin/false\n' >"$T/root/etc/passwd"
printf 'web:x:45:\n' >"$T/root/etc/group"
run_sbx "$T/out" "${R[@]}" --user www -- /bin/probe ids
check_eq "--user NAME: ids from the root's passwd" "33 44" "$(cat "$T/out")"
run_sbx "$T/out" --user www:web "${R[@]}" -- /bin/probe ids
check_eq "--user NAME:GROUP, before --root" "33 45" "$(cat "$T/out")"
run_sbx "$T/out" "${R[@]}" --user 1000:5 -- /bin/probe ids
check_eq "--user UID:GID" "1000 5" "$(cat "$T/out")"
run_sbx "$T/out" "${R[@]}" -- /bin/probe ids
read -r u g <"$T/out"
# 0x7f000000 + corral run's pid (sandbox/run.h), not 65534
if [ "${u:-0}" -gt 2130706432 ] 2>/dev/null && [ "$u" = "${g:-}" ]; then
	pass "default user: a uid/gid of the run's own ($u)"
else
	fail "default user: got '$(cat "$T/out")'"
fi
expect "unknown user" 125 "^corral run: --user nosuch: .*/root/etc/passwd: not found$" \
	"${R[@]}" --user nosuch -- /bin/probe ids

run_sbx "$T/out" "${R[@]}" --rlimit nofile=100:200 --rlimit core=4096 \
	-- /bin/probe limits
check_eq "rlimits applied" "nofile 100 200 core 4096 4096" "$(cat "$T/out")"
run_sbx "$T/out" "${R[@]}" --rlimit nofile=100 -- /bin/probe limits
check_eq "core dumps off by default; HARD defaults to SOFT" \
	"nofile 100 100 core 0 0" "$(cat "$T/out")"

"$CORRAL" run "${R[@]}" -- /bin/probe fds >"$T/out" 2>&1 <&-
check_eq "closed stdin: becomes /dev/null, exit status" 0 "$?"
check_grep "closed stdin: only 0-2 open inside" '^PASS: probe: no leaked fds: open: 0 1 2$' "$T/out"

"$CORRAL" run --help >"$T/help" 2>&1
check_eq "--help exits 0" 0 "$?"
for w in --root --isolate --user --caps --seccomp --memory --pids --cpus \
	--cpu --net --readonly --tmpfs --bind --state --env --hostname \
	--rlimit 'Exit status' 125 126 127 128+N Example; do
	grep -qe "$w" "$T/help" || missing="$missing $w"
done
check_eq "--help names every option, the exit statuses and an example" "" "${missing:-}"
