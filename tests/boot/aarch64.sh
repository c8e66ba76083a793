#!/bin/bash
# Cross build the qemu-aarch64 board and boot it under
# qemu-system-aarch64 -M virt (TCG). The virt machine has no keyboard for
# ctrl-alt-del, so the test board is board/qemu-aarch64 (every file a
# link to the real one) with two services added to its table: a probe
# that reports its jail from inside, and a oneshot that runs
# `corral ctl poweroff` once the others are up.
. "$SRC/tests/lib.sh"
. "$SRC/tests/qemu-lib.sh"
need_cmd "aarch64 board" qemu-system-aarch64 aarch64-linux-musl-gcc \
	aarch64-linux-gnu-strip apt-get
scratch
o=$O/tests/aarch64
board=$O/tests/aarch64.board

# The board directory: links to the real board's files, so the build
# sees their own times, and a services file rewritten only when it
# changes, so a second run reuses the image.
make_board() {
	local f
	mkdir -p "$board"
	for f in "$SRC"/board/qemu-aarch64/*; do
		[ "${f##*/}" = services ] || ln -sfn "$f" "$board/${f##*/}"
	done
	cat "$SRC/board/qemu-aarch64/services" - >"$T/services" <<-'EOF'

		# tests/boot/aarch64.sh: the jail as seen from inside, on the
		# console (service output goes to kmsg, which quiet hides).
		service probe /bin/sh -c "echo probe: jail pid=$$ uid=$(id -u) root= $(ls /); grep -E '^(Seccomp|NoNewPrivs|CapBnd):' /proc/self/status | sed 's/^/probe: /'"
		    applets sh echo id ls grep sed
		    console
		    oneshot
		    restart never

		# Runs in the base system as root (the control socket is root only).
		service bye /sbin/corral ctl poweroff
		    isolate none
		    user root
		    oneshot
		    after ticker web probe
	EOF
	cmp -s "$T/services" "$board/services" || cp "$T/services" "$board/services"
}
make_board

# CC in the environment is the default board's compiler (tests/tests.mk):
# unset, the board picks its cross compiler.
start=$(date +%s)
if env -u CC make -C "$SRC" --no-print-directory NO_DEPS=1 BOARD="$board" O="$o" all \
	>"$T/build.log" 2>&1; then
	pass "aarch64: cross built in $(($(date +%s) - start)) s"
else
	fail "aarch64: build failed: $(tail -n 3 "$T/build.log" | tr '\n' ' ')"
	exit 1
fi

# What the board promises: static aarch64 ELF binaries in the image.
for f in "$o/corral" "$o/toybox/toybox"; do
	elf=$(file -b "$f")
	case $elf in
	*"ARM aarch64"*"statically linked"*) pass "aarch64: ${f##*/} is a static aarch64 ELF" ;;
	*) fail "aarch64: ${f##*/} is not a static aarch64 ELF: $elf" ;;
	esac
done
aarch64-linux-gnu-strip -o "$T/corral.stripped" "$o/corral"
echo "aarch64: corral stripped: $(stat -c %s "$T/corral.stripped") bytes"
check_eq "aarch64: veth module is an aarch64 object" "ARM aarch64" \
	"$(file -b "$o/rootfs/lib/modules/veth.ko" | grep -o 'ARM aarch64')"

start=$(date +%s%N)
qemu_start "$o"
if qemu_wait '^corral: up: 2 services in [0-9]+ ms' 60; then
	pass "aarch64: corral: up: 2 services"
else
	fail "aarch64: no 'corral: up: 2 services' within 60 s"
fi
echo "aarch64: up after $((($(date +%s%N) - start) / 1000000)) ms of QEMU (TCG)"
if qemu_wait '^corral: shutdown: poweroff' 30; then
	pass "aarch64: corral ctl poweroff gives 'corral: shutdown: poweroff'"
else
	fail "aarch64: no 'corral: shutdown: poweroff'"
fi
qemu_exit 30
echo "aarch64: QEMU ran $((($(date +%s%N) - start) / 1000000)) ms"
check_eq "aarch64: QEMU ends cleanly" 0 "$QEMU_RC"
log=$T/serial.txt
tr -d '\r' <"$T/serial.log" >"$log"
check_grep "aarch64: the kernel powers down through PSCI" 'reboot: Power down' "$log"
# Until the shutdown, when ticker and web are killed on purpose.
bad=$(sed '/^corral: shutdown:/q' "$log" |
	grep -aE '^corral: [^:]+: (failed|sandbox:|exited status [1-9]|killed)')
if [ -z "$bad" ]; then pass "aarch64: no service failed"; else fail "aarch64: services failed: $bad"; fi
for s in ticker web; do
	check_grep "aarch64: $s stopped by SIGTERM" "^corral: $s: killed by signal 15" "$log"
done
if grep -qa 'Kernel panic' "$log"; then fail "aarch64: kernel panic"; else pass "aarch64: no kernel panic"; fi

# The jail on this architecture: PID 2 under the namespace's reaper, an
# unprivileged id, only the subtree as / (no sbin, srv, root of the base
# system), the seccomp filter on, no capabilities left, no_new_privs.
check_grep "aarch64: probe in its own PID namespace, unprivileged" \
	'^probe: jail pid=2 uid=[1-9][0-9]* root= ' "$log"
root=$(sed -n 's/^probe: jail .* root= //p' "$log")
case " $root " in
*" sbin "* | *" srv "* | *" root "* | "  ") fail "aarch64: probe's / is not its subtree: '$root'" ;;
*" bin "*) pass "aarch64: probe's / is its subtree ($root)" ;;
*) fail "aarch64: probe's / has no bin: '$root'" ;;
esac
check_grep "aarch64: probe runs under a seccomp filter" '^probe: Seccomp:[[:space:]]+2$' "$log"
check_grep "aarch64: probe has no_new_privs" '^probe: NoNewPrivs:[[:space:]]+1$' "$log"
check_grep "aarch64: probe's bounding set is empty" '^probe: CapBnd:[[:space:]]+0+$' "$log"
check_grep "aarch64: probe exited 0" '^corral: probe: exited status 0' "$log"
qemu_show
