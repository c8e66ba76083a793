#!/bin/bash
# Boot the default board's image in QEMU (TCG) and check the SPEC's fixed
# lines: every service up, then ctrl-alt-del (SIGINT to PID 1) shuts
# down cleanly and QEMU ends because of -no-reboot.
. "$SRC/tests/lib.sh"
. "$SRC/tests/qemu-lib.sh"
need_static "boot default board"
need_cmd "boot default board" qemu-system-x86_64
for f in run-qemu.sh kernel rootfs.cpio.gz; do
	[ -e "$O/$f" ] || { fail "boot: $O/$f missing (make all)"; exit 1; }
done
scratch
qemu_start "$O"
if qemu_wait '^corral: up: [0-9]+ services in [0-9]+ ms' 90; then
	pass "boot: corral: up: line on the serial console"
else
	fail "boot: no 'corral: up:' within 90 s"
fi
bad=$(grep -aE '^corral: [^:]+: (failed|sandbox:|exited status [1-9]|killed)' "$T/serial.log")
if [ -z "$bad" ]; then pass "boot: no service failed"; else fail "boot: services failed: $bad"; fi
qemu_key ctrl-alt-delete
if qemu_wait '^corral: shutdown: reboot' 30; then
	pass "boot: ctrl-alt-del gives 'corral: shutdown: reboot'"
else
	fail "boot: no 'corral: shutdown: reboot' after ctrl-alt-del"
fi
qemu_exit 30
check_eq "boot: QEMU ends cleanly after the reboot (-no-reboot)" 0 "$QEMU_RC"
check_grep "boot: kernel restarts the machine, no panic" 'reboot: Restarting system' "$T/serial.log"
if grep -qa 'Kernel panic' "$T/serial.log"; then fail "boot: kernel panic"; else pass "boot: no kernel panic"; fi
qemu_show
