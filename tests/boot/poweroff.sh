#!/bin/bash
# Boot a board kept outside board/ (BOARD=PATH): the default services
# plus a oneshot that runs `corral ctl poweroff` once they are up. Checks
# the control socket inside the guest and a clean poweroff end to end.
. "$SRC/tests/lib.sh"
. "$SRC/tests/qemu-lib.sh"
need_static "boot poweroff board"
need_cmd "boot poweroff board" qemu-system-x86_64
scratch
o=$O/tests/poweroff
if make -C "$SRC" --no-print-directory NO_DEPS=1 BOARD="$SRC/tests/boot/poweroff" \
	O="$o" all >"$T/build.log" 2>&1; then
	pass "poweroff board: BOARD=PATH image built"
else
	fail "poweroff board: build failed: $(tail -n 3 "$T/build.log" | tr '\n' ' ')"
	exit 1
fi
qemu_start "$o"
if qemu_wait '^corral: up: 2 services in [0-9]+ ms' 90; then
	pass "poweroff board: corral: up: 2 services"
else
	fail "poweroff board: no 'corral: up: 2 services' within 90 s"
fi
if qemu_wait '^corral: shutdown: poweroff' 30; then
	pass "poweroff board: corral ctl poweroff gives 'corral: shutdown: poweroff'"
else
	fail "poweroff board: no 'corral: shutdown: poweroff'"
fi
qemu_exit 30
check_eq "poweroff board: QEMU ends cleanly" 0 "$QEMU_RC"
check_grep "poweroff board: the kernel powers down" 'reboot: Power down' "$T/serial.log"
for s in ticker web; do
	check_grep "poweroff board: $s stopped by SIGTERM" "^corral: $s: killed by signal 15" "$T/serial.log"
done
qemu_show
