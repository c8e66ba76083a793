#!/bin/bash
# `make qemu` as a newcomer takes it (README, first page): the default
# board's image booted by its own run-qemu.sh, the web page's port
# forward on a free port this test picks (WEB_PORT=), the serial console
# driven through a fifo. Checks: the banner once the boot is up, the
# page fetched from the host through QEMU's forward to the web jail's
# own address, the shell after Enter, `corral ctl status` and
# `corral ctl log web` typed at it, `corral ctl stop web` and `start web`
# taking the page away and back, and `corral ctl poweroff` ending
# QEMU (panic=-1, -no-reboot; every wait has a deadline).
. "$SRC/tests/lib.sh"
. "$SRC/tests/qemu-lib.sh"
need_static "the make qemu tour"
need_cmd "the make qemu tour" qemu-system-x86_64 curl
for f in run-qemu.sh kernel rootfs.cpio.gz; do
	[ -e "$O/$f" ] || { fail "tour: $O/$f missing (make all)"; exit 1; }
done
scratch
# A port nothing listens on now (the kernel's pick); QEMU binds it.
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CR=$'\r'

# since MS: milliseconds since QEMU started.
since() { echo $((($(date +%s%N) - t0) / 1000000)); }

# type LINE RE SECS: LINE typed on the console, then a wait for a line
# matching RE among those that came after it.
type_wait() {
	local n end=$(($(date +%s) + $3))
	n=$(wc -l <"$T/serial.log")
	printf '%s\n' "$1" >&6
	while [ "$(date +%s)" -lt "$end" ]; do
		tail -n +"$((n + 1))" "$T/serial.log" | grep -qaE -- "$2" && return 0
		sleep 0.2
	done
	return 1
}

mkfifo "$T/con.in"
t0=$(date +%s%N)
QEMU_STDIN=$T/con.in WEB_PORT=$port qemu_start "$O"
exec 6>"$T/con.in" # the console's keyboard
qemu_up tour '^corral: up: 3 services in [0-9]+ ms' 120 "(ticker, web, console)"
if qemu_wait '^Press Enter for the shell' 30; then
	echo "tour: the banner $(since) ms after QEMU started"
	pass "tour: the console prints the banner once the boot is up"
else
	fail "tour: no banner on the console within 30 s"
fi
for re in 'corral ctl status' 'corral ctl log web' 'corral ctl timeline' \
	'http://127\.0\.0\.1:8080/' 'Ctrl-A X' 'corral ctl poweroff'; do
	check_grep "tour: the banner names $re" "$re" "$T/serial.log"
done
# The bridge and the web jail's veth on it, without an error.
bad=$(grep -aE '^corral: (bridge |[^:]+: (failed|sandbox:|exited status [1-9]|killed))' "$T/serial.log")
check_eq "tour: no bridge error, no service failed" "" "$bad"

# From the host, as the banner says (here on the test's port).
page=$(retry 60 curl -sS --max-time 5 "http://127.0.0.1:$port/")
case $page in
*'<h1>corral-qemu</h1>'*)
	echo "tour: the web page $(since) ms after QEMU started"
	pass "tour: curl http://127.0.0.1:$port/ gets the web service's page through QEMU's forward"
	;;
*) fail "tour: curl http://127.0.0.1:$port/: ${page:-nothing}" ;;
esac

# Enter, then the prompt: root's "# " at the end of the log.
if type_wait '' "^# $CR?\$" 30; then
	echo "tour: the shell prompt $(since) ms after QEMU started"
	pass "tour: Enter on the console gives a root shell"
else
	fail "tour: no '# ' prompt after Enter"
fi
if type_wait 'corral ctl status' '^web (running|ready) [0-9]+ [0-9]+ ' 30; then
	pass "tour: corral ctl status typed at the shell lists web running"
else
	fail "tour: corral ctl status at the shell: no 'web running' line"
fi
check_grep "tour: corral ctl status lists the console itself" '^console (running|ready) [0-9]+ ' "$T/serial.log"
if type_wait 'corral ctl log web' 'web: started pid [0-9]+' 30; then
	pass "tour: corral ctl log web shows corral's own line about web"
else
	fail "tour: corral ctl log web: no 'started pid' line"
fi

# As the README says: stop takes the page away, start brings it back
# (eth0 back in the base system, then lent to the new jail again).
# (The prompt comes back before PID 1's line: no ^ here.)
if type_wait 'corral ctl stop web' 'corral: web: killed by signal 15' 30 &&
	! curl -sS --max-time 3 "http://127.0.0.1:$port/" >/dev/null 2>&1; then
	pass "tour: corral ctl stop web takes the page away"
else
	fail "tour: after corral ctl stop web the page is still there (or web did not stop)"
fi
type_wait 'corral ctl start web' 'corral: web: started pid' 30
page=$(retry 30 curl -sS --max-time 5 "http://127.0.0.1:$port/")
case $page in
*'<h1>corral-qemu</h1>'*) pass "tour: corral ctl start web brings the page back" ;;
*) fail "tour: no page after corral ctl start web: ${page:-nothing}" ;;
esac

printf 'corral ctl poweroff\n' >&6
qemu_exit 60
check_eq "tour: corral ctl poweroff at the shell ends QEMU" 0 "$QEMU_RC"
check_grep "tour: the guest logged its poweroff" 'corral: shutdown: poweroff' "$T/serial.log"
check_grep "tour: the kernel powers down" 'reboot: Power down' "$T/serial.log"
if grep -qa 'Kernel panic' "$T/serial.log"; then fail "tour: kernel panic"; else pass "tour: no kernel panic"; fi
qemu_show
