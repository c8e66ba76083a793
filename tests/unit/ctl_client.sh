#!/bin/bash
# corral ctl, the client: --help, usage errors (exit 2), error replies
# (exit 1), an unreachable socket (exit 1), and root only: the socket
# is 0600, and PID 1 itself refuses a non-root peer (SO_PEERCRED).
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
scratch
rc() { "$@" >"$T/out" 2>"$T/err" </dev/null; echo $?; }

check_eq "ctl --help: exit 0" 0 "$(rc "$CORRAL" ctl --help)"
for w in status start stop restart log reboot halt poweroff "Exit status" "NAME STATE PID RESTARTS UPTIME MEMORY LAST"; do
	check_grep "ctl --help names '$w'" "$w" "$T/out"
done
check_eq "ctl without a command: exit 2" 2 "$(rc "$CORRAL" ctl)"
check_eq "ctl unknown command: exit 2" 2 "$(rc "$CORRAL" ctl frobnicate)"
check_grep "ctl unknown command: says which" "unknown command: frobnicate" "$T/err"
check_eq "ctl start without NAME: exit 2" 2 "$(rc "$CORRAL" ctl start)"
check_grep "ctl start without NAME: says so" "missing service NAME" "$T/err"
check_eq "ctl reboot with an argument: exit 2" 2 "$(rc "$CORRAL" ctl reboot now)"
check_eq "ctl status a b: exit 2" 2 "$(rc "$CORRAL" ctl status a b)"
check_eq "no socket: exit 1" 1 "$(rc "$CORRAL" ctl --socket "$T/none.sock" status)"
check_grep "no socket: names it" "none.sock: No such file or directory" "$T/err"

need_root "ctl against a running PID 1"
need_cmd "ctl against a running PID 1" unshare chroot pgrep nsenter
pid1_build one one.services || exit 0
pid1_tree "$T/root"
pid1_start "$T/root"
pid1_wait '^corral: up: 1 services' || fail "no up line"
check_eq "status: exit 0" 0 "$(rc pid1_ctl status)"
check_eq "status: one line, seven fields" "web ready 7" \
	"$(awk '{ print $1, $2, NF }' "$T/out")"
check_eq "unknown service: exit 1" 1 "$(rc pid1_ctl stop nosuch)"
check_eq "unknown service: the reason" "corral ctl: no such service" "$(cat "$T/err")"
check_eq "log of an unknown service: exit 1" 1 "$(rc pid1_ctl log nosuch)"
check_eq "log: exit 0" 0 "$(rc pid1_ctl log web)"
check_eq "log: corral's line, then the service's output" \
	"corral: web: started pid P|web up" "$(sed 's/pid [0-9]*$/pid P/' "$T/out" | paste -sd'|')"

# As uid 65534 inside PID 1's mount namespace: the 0600 socket first,
# then a socket opened up to everyone, where PID 1 must refuse itself.
# SANITIZE=1: in PID 1's PID namespace too, whose /proc is the one
# there; ASan reads /proc/self at start and LeakSanitizer at exit.
nobody() {
	local p=()
	[ "${SANITIZE:-}" != 1 ] || p=(-p)
	rc nsenter -t "$PID1" -m "${p[@]}" -- chroot --userspec=65534:65534 "$T/root" /sbin/corral ctl "$@"
}
check_eq "non-root: socket 0600, exit 1" 1 "$(nobody status)"
check_grep "non-root: permission denied by the socket's mode" '/run/corral.sock: Permission denied' "$T/err"
chmod 666 "$SOCK"
check_eq "non-root through an open socket: refused, exit 1" 1 "$(nobody status)"
check_eq "non-root: PID 1 refuses (SO_PEERCRED)" "corral ctl: permission denied" "$(cat "$T/err")"
check_eq "non-root: no output" "" "$(cat "$T/out")"
check_eq "non-root cannot reboot" 1 "$(nobody reboot)"
sleep 0.2
check_eq "non-root reboot: no shutdown" 0 "$(pid1_count shutdown)"
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
