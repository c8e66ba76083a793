#!/bin/bash
# Cross build the qemu-armv7 board (musl built from Debian's source with
# the armhf gcc, board/qemu-armv7/build-musl.sh) and boot it under
# qemu-system-arm -M virt (TCG): up, the jail from inside, a clean
# poweroff. The test board is board/qemu-armv7 (every file a link to
# the real one) with a probe service and a oneshot that runs
# `corral ctl poweroff` once the others are up. Where the toolchain or
# the kernel cannot be set up (no cross gcc, no network to Debian's
# archive), the test says why and skips: armv7 never breaks CI there.
. "$SRC/tests/lib.sh"
. "$SRC/tests/qemu-lib.sh"
need_cmd "armv7 board" qemu-system-arm arm-linux-gnueabihf-gcc \
	arm-linux-gnueabihf-objdump apt-get dpkg-deb
scratch
o=$O/tests/armv7
board=$O/tests/armv7.board
mkdir -p "$board"
for f in "$SRC"/board/qemu-armv7/*; do
	[ "${f##*/}" = services ] || ln -sfn "$f" "$board/${f##*/}"
done
cat "$SRC/board/qemu-armv7/services" - >"$T/services" <<-'EOF2'

	service probe /bin/sh -c "echo probe: jail pid=$$ uid=$(id -u) root= $(ls /); grep -E '^(Seccomp|NoNewPrivs|CapBnd):' /proc/self/status | sed 's/^/probe: /'"
	    applets sh echo id ls grep sed
	    console
	    oneshot
	    restart never

	service bye /sbin/corral ctl poweroff
	    isolate none
	    user root
	    oneshot
	    after ticker web probe
EOF2
cmp -s "$T/services" "$board/services" || cp "$T/services" "$board/services"

# The toolchain and kernel first: failing there is a set-up problem of
# this machine (SKIP), failing after it is corral's (FAIL).
bmake() { env -u CC make -C "$SRC" --no-print-directory NO_DEPS=1 BOARD="$board" O="$o" "$@"; }
start=$(date +%s)
dl=${DL_DIR:-$SRC/dl} # as board.mk has it
if ! bmake "$dl/musl-armhf/bin/arm-linux-musleabi-gcc" "$dl/linux-image-armmp/vmlinuz" \
	>"$T/setup.log" 2>&1; then
	skip "armv7: toolchain or kernel set-up failed: $(grep -v '^  ' "$T/setup.log" | tail -n 2 | tr '\n' ' ')"
	exit 0
fi
pass "armv7: musl and kernel ready ($(cat "$dl/musl-armhf/version"), $(cat "$dl/linux-image-armmp/package"), $(($(date +%s) - start)) s)"
start=$(date +%s)
if bmake WERROR=1 all >"$T/build.log" 2>&1; then
	pass "armv7: cross built in $(($(date +%s) - start)) s"
else
	fail "armv7: build failed: $(tail -n 3 "$T/build.log" | tr '\n' ' ')"
	exit 1
fi
# The seccomp program as assembled for ARM (EABI numbers, the private
# 0x0f0000 range, the time32 calls), run under QEMU's user mode.
if command -v qemu-arm >/dev/null; then
	if bmake WERROR=1 "$o/tests/bin/bpf_emu" >"$T/emu.log" 2>&1; then
		qemu-arm "$o/tests/bin/bpf_emu" | sed 's/^\(PASS\|FAIL\): seccomp/\1: armv7: seccomp/'
	else
		fail "armv7: bpf_emu build failed: $(tail -n 3 "$T/emu.log" | tr '\n' ' ')"
	fi
else
	skip "armv7: seccomp program under qemu-arm (needs qemu-arm, package qemu-user)"
fi
for f in "$o/corral" "$o/toybox/toybox"; do
	elf=$(file -b "$f")
	case $elf in
	*"32-bit LSB executable, ARM, EABI5"*"statically linked"*) pass "armv7: ${f##*/} is a static ARM EABI ELF" ;;
	*) fail "armv7: ${f##*/} is not a static ARM EABI ELF: $elf" ;;
	esac
done
# No floating point: VFP and NEON instructions all start with v in
# objdump's UAL syntax (vldr, vmov, vmrs, vadd.f64...); the old forms
# are coprocessor 10 and 11 accesses.
fp=$(arm-linux-gnueabihf-objdump -d "$o/corral" |
	awk -F'\t' '$3 ~ /^(v[a-z]|(ldc|stc|mcr|mrc|cdp)[a-z0-9]*[ \t]+(p1[01]|cp1[01]))/ || $4 ~ /(^|[ ,])(p1[01]|cp1[01]),/' | head -n 3)
if [ -z "$fp" ]; then pass "armv7: corral has no VFP/NEON instruction"; else fail "armv7: floating point in corral: $fp"; fi
arm-linux-gnueabihf-strip -o "$T/corral.stripped" "$o/corral"
sz=$(stat -c %s "$T/corral.stripped")
if [ "$sz" -le 81920 ]; then pass "armv7: corral stripped $sz bytes (budget 81920)"; else fail "armv7: corral stripped $sz bytes > 81920"; fi
check_eq "armv7: veth module is an ARM object" "ARM, EABI5" \
	"$(file -b "$o/rootfs/lib/modules/veth.ko" | grep -o 'ARM, EABI5')"

start=$(date +%s%N)
qemu_start "$o"
if qemu_wait '^corral: up: 2 services in [0-9]+ ms' 90; then
	pass "armv7: corral: up: 2 services"
else
	fail "armv7: no 'corral: up: 2 services' within 90 s"
fi
echo "armv7: up after $((($(date +%s%N) - start) / 1000000)) ms of QEMU (TCG)"
if qemu_wait '^corral: shutdown: poweroff' 30; then
	pass "armv7: corral ctl poweroff gives 'corral: shutdown: poweroff'"
else
	fail "armv7: no 'corral: shutdown: poweroff'"
fi
qemu_exit 30
check_eq "armv7: QEMU ends by itself" 0 "$QEMU_RC"
log=$T/serial.txt
tr -d '\r' <"$T/serial.log" >"$log"
check_grep "armv7: the kernel powers down through PSCI" 'reboot: Power down' "$log"
bad=$(sed '/^corral: shutdown:/q' "$log" |
	grep -aE '^corral: [^:]+: (failed|sandbox:|exited status [1-9]|killed)')
if [ -z "$bad" ]; then pass "armv7: no service failed"; else fail "armv7: services failed: $bad"; fi
if grep -qa 'Kernel panic' "$log"; then fail "armv7: kernel panic"; else pass "armv7: no kernel panic"; fi
check_grep "armv7: probe in its own PID namespace, unprivileged" \
	'^probe: jail pid=2 uid=[1-9][0-9]* root= ' "$log"
check_grep "armv7: probe runs under a seccomp filter" '^probe: Seccomp:[[:space:]]+2$' "$log"
check_grep "armv7: probe has no_new_privs" '^probe: NoNewPrivs:[[:space:]]+1$' "$log"
check_grep "armv7: probe's bounding set is empty" '^probe: CapBnd:[[:space:]]+0+$' "$log"
check_grep "armv7: probe exited 0" '^corral: probe: exited status 0' "$log"
qemu_show
