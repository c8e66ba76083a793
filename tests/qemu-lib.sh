# shellcheck shell=bash
# Sourced by boot tests: drive a QEMU boot of an image through its serial
# console and monitor. Every wait has a deadline and every QEMU run is
# killed at the end, so a dead or hung PID 1 fails the test, never CI.
#   qemu_start DIR [ARG...]  boot DIR/run-qemu.sh (ARGs to QEMU); serial
#                         in $T/serial.log; QEMU_STDIN= a fifo to type
#                         into the serial console (opened read-write:
#                         no writer needed first) [/dev/null];
#                         WEB_PORT= the default board's web forward
#                         [none: a fixed port would collide between
#                         boots side by side and with `make qemu`]
#   qemu_wait RE SECS     wait for a serial line matching the ERE
#   qemu_up WHAT RE SECS [NOTE]  wait for PID 1's `corral: up:` line
#                         matching RE: PASS "WHAT: <the line> NOTE", or
#                         FAIL, the serial log shown, and exit 1
#   qemu_key KEYS         send keys through the monitor (sendkey)
#   qemu_exit SECS        wait for QEMU to end; sets QEMU_RC
# Needs: T (scratch dir), tests/lib.sh sourced.

qemu_start() {
	mkfifo "$T/mon.in" "$T/mon.out"
	WEB_PORT=${WEB_PORT:-none} "$1/run-qemu.sh" -monitor pipe:"$T/mon" "${@:2}" >"$T/serial.log" 2>&1 <>"${QEMU_STDIN:-/dev/null}" &
	QEMU_PID=$!
	exec 7>"$T/mon.in" 8<"$T/mon.out" # hold both ends open for QEMU
	trap 'kill $QEMU_PID 2>/dev/null; rm -rf "$T"' EXIT
}

qemu_wait() {
	local deadline=$(($(date +%s) + $2))
	while [ "$(date +%s)" -lt "$deadline" ]; do
		grep -qaE -- "$1" "$T/serial.log" && return 0
		kill -0 "$QEMU_PID" 2>/dev/null || break
		sleep 0.2
	done
	grep -qaE -- "$1" "$T/serial.log"
}

qemu_up() {
	if qemu_wait "$2" "$3"; then
		pass "$1: $(grep -a -m1 '^corral: up:' "$T/serial.log" | tr -d '\r')${4:+ $4}"
	else
		fail "$1: no '$2' within $3 s"
		qemu_show
		exit 1
	fi
}

qemu_key() {
	echo "sendkey $1" >&7
}

qemu_exit() {
	local deadline=$(($(date +%s) + $1))
	while kill -0 "$QEMU_PID" 2>/dev/null; do
		if [ "$(date +%s)" -ge "$deadline" ]; then
			kill "$QEMU_PID" 2>/dev/null
			wait "$QEMU_PID" 2>/dev/null
			QEMU_RC=timeout
			return 1
		fi
		sleep 0.2
	done
	wait "$QEMU_PID"
	QEMU_RC=$?
	export QEMU_RC # read by the caller
}

# Print the serial log (without the terminal's escape noise) for the
# test's log file, so a failure shows what the guest said.
qemu_show() {
	sed -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' "$T/serial.log" | tr -d '\r' | sed 's/^/serial: /'
}
