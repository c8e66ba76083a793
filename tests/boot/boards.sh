#!/bin/bash
# The acceptance table on every board's real guest kernel, under QEMU
# (TCG): each board in board/ (BOARDS= to choose) is cross built with
# test services added to its own table, and booted:
#   probe     the hostile probe (tests/sandbox/probe.c, built for the
#             board) passes every check inside the guest's jail
#   crasher   a crash loop ends in `corral: crasher: failed`
#   hog       a memory hog is reported `corral: hog: oom killed`, the
#             board's own services still running afterwards
#   status    `corral ctl status` lists every service
#   bye       `corral ctl poweroff`: `corral: shutdown: poweroff`, QEMU
#             exits by itself
# Before booting, per board: the stripped binary within its SIZE_BUDGET
# (`make size`), no FPU instruction on MIPS and ARM (router SoCs have
# none; both boards build soft-float),
# the seccomp numbers against the kernel's own uapi headers, and the
# seccomp program run by bpf_emu under qemu-user. A board or toolchain
# this host lacks is a SKIP with the reason (make deps-qemu BOARD=...).
. "$SRC/tests/lib.sh"
. "$SRC/tests/qemu-lib.sh"
need_static "every board's image in QEMU"
scratch
top=$T
boards=${BOARDS:-qemu-x86_64 qemu-aarch64 qemu-mipsel qemu-armv7}

# The services added to each board's table. Service output on the
# console is not line-locked against corral's own lines, so the probe
# runs alone: settle gives the crash loop and the hog (each well under a
# second) time to end first, then status and poweroff follow the probe.
test_services() {
	cat <<-'EOF'

		# tests/boot/boards.sh: the acceptance table.
		service crasher /bin/sh -c "exit 3"
		    applets sh
		    backoff 10ms 10ms
		    crashloop 3 30s

		service hog /bin/probe oom 64
		    files /bin/probe
		    memory 16M
		    restart never

		service settle /bin/sh -c "sleep 3"
		    applets sh sleep
		    oneshot
		    restart never

		# Debian's kernels all have /proc/sysrq-trigger.
		service probe /bin/probe attacks --sysrq 1
		    files /bin/probe /bin/probe-suid
		    console
		    oneshot
		    restart never
		    after settle ticker web

# In the base system as root (the control socket is root only).
		service status /sbin/corral ctl status
		    isolate none
		    user root
		    console
		    oneshot
		    after probe

		service bye /sbin/corral ctl poweroff
		    isolate none
		    user root
		    oneshot
		    after status
	EOF
}

# mk NAME ARGS...: make for board NAME. CC in the environment is the
# default board's compiler (tests/tests.mk): unset, the board picks its own.
mk() {
	local b=$1
	shift
	env -u CC make -C "$SRC" --no-print-directory NO_DEPS=1 BOARD="$b" "$@"
}

# board_vars DIR O: the board's ARCH CC QEMU STRIP OBJDUMP as shell words.
board_vars() {
	# shellcheck disable=SC2016 # make expands these, not the shell
	mk "$1" O="$2" --eval 'board-vars: ; @printf "ARCH=%s BCC=%s BQEMU=%s BSTRIP=%s BOBJDUMP=%s\n" \
		"$(ARCH)" "$(firstword $(CC))" "$(QEMU)" "$(STRIP)" \
		"$(or $(OBJDUMP),$(CROSS_COMPILE)objdump)"' board-vars
}

# The test board: links to the real board's files (the build sees their
# own times), and a services file rewritten only when it changes, so a
# second run reuses the image.
make_board() { # make_board NAME DIR
	local f
	mkdir -p "$2"
	for f in "$SRC/board/$1"/*; do
		[ "${f##*/}" = services ] || ln -sfn "$f" "$2/${f##*/}"
	done
	{ cat "$SRC/board/$1/services" && test_services; } >"$T/services"
	cmp -s "$T/services" "$2/services" || cp "$T/services" "$2/services"
}

# fpu_ops OBJDUMP ELF: the FPU instructions in ELF, one a line. MIPS
# needs the symbol table: it tells MIPS16 code from MIPS32 code, which a
# disassembler cannot tell apart in a stripped binary. ARM: VFP and NEON
# instructions all start with v in objdump's UAL syntax (vldr, vmov,
# vmrs...); the old forms are coprocessor 10 and 11 accesses.
fpu_ops() {
	case $ARCH in
	mipsel)
		# shellcheck disable=SC2016 # $f is the register prefix, no variable
		"$1" -d "$2" | grep -E $'\t''([a-z0-9.]+\.(s|d|ps|w|l)|[ls][wd]x?c1|[ms][ft]h?c1|[cm][ft]c1|bc1[a-z]*)'$'\t''|\$f([0-9]|cc)'
		;;
	arm*)
		"$1" -d "$2" | awk -F'\t' '$3 ~ /^(v[a-z]|(ldc|stc|mcr|mrc|cdp)[a-z0-9]*[ \t]+(p1[01]|cp1[01]))/ || $4 ~ /(^|[ ,])(p1[01]|cp1[01]),/'
		;;
	esac
}

no_fpu() { # no_fpu NAME OBJDUMP CC ELF
	local n
	echo 'double f(double a) { return a * 1.5; } int main(void) { return (int)f(2); }' >"$T/float.c"
	# The check must see a hard-float object's float op: Debian's MIPS
	# musl gcc is hard-float; on ARM the board's musl wrapper forces
	# soft-float, the armhf gcc beside its objdump does not.
	local fcc=$3
	[ "$ARCH" = mipsel ] || fcc=${2%objdump}gcc
	if "$fcc" -O2 -c -o "$T/float.o" "$T/float.c" 2>"$T/float.err" &&
		[ "$(fpu_ops "$2" "$T/float.o" | wc -l)" -gt 0 ]; then
		pass "$1: the FPU check finds the float op of a hard-float program"
	else
		fail "$1: the FPU check misses a hard-float program's float op"
	fi
	n=$(fpu_ops "$2" "$4" | wc -l)
	if [ "$n" = 0 ]; then
		pass "$1: corral has no FPU instruction ($2 -d)"
	else
		fail "$1: corral has $n FPU instructions: $(fpu_ops "$2" "$4" | head -n 3 | tr '\t\n' '  ')"
	fi
}

# "NAME EXPR" lines to "NAME VALUE", for the EXPRs that are numbers or
# sums of them (the kernel's "(__NR_Linux + 21)").
nr_values() {
	awk '{ n = $1; $1 = ""; e = $0; gsub(/[() ]/, "", e)
		if (e !~ /^[0-9]+(\+[0-9]+)*$/) next
		k = split(e, a, "+"); v = 0; for (i = 1; i <= k; i++) v += a[i]
		print n, v }' | sort
}

# sc_numbers NAME: every syscall number the seccomp filter names, from
# musl's <sys/syscall.h> (what corral is built with) against the
# kernel's uapi <asm/unistd.h> for the same target.
sc_numbers() {
	local b=$1 kh d bad n
	# shellcheck disable=SC2016 # make expands it
	kh=$(mk "$dir" O="$o" --eval 'kh: ; @echo $(KERNEL_HEADERS)' kh)
	cat "$SRC"/sandbox/seccomp.c "$SRC"/sandbox/seccomp_rules.h | grep -o '__NR_[a-z0-9_]*' | sort -u |
		sed 's/.*/& &/; s/^__NR_//' >"$T/nr.c"
	"$BCC" -E -P -include sys/syscall.h "$T/nr.c" 2>/dev/null |
		nr_values >"$T/nr.musl"
	set --
	for d in $kh; do set -- "$@" -isystem "$d"; done
	"$BCC" -E -P "$@" -include asm/unistd.h "$T/nr.c" 2>"$T/nr.err" |
		nr_values >"$T/nr.kernel"
	bad=$(join "$T/nr.musl" "$T/nr.kernel" | awk '$2 != $3' | tr '\n' ' ')
	n=$(join "$T/nr.musl" "$T/nr.kernel" | wc -l)
	if [ "$n" -lt 40 ]; then
		fail "$b: seccomp numbers: only $n compared ($(head -n 1 "$T/nr.err"))"
	elif [ -n "$bad" ]; then
		fail "$b: seccomp numbers differ from the kernel's headers: $bad"
	else
		pass "$b: $n seccomp syscall numbers match the kernel's uapi headers"
	fi
}

# bpf_emu NAME: the seccomp program as built for the board, run under
# qemu-user (the native board's runs in tests/sandbox/run_seccomp.sh).
bpf_emu() {
	local u
	case $ARCH in
	x86_64) return 0 ;;
	mipsel) u=qemu-mipsel ;;
	aarch64) u=qemu-aarch64 ;;
	arm*) u=qemu-arm ;;
	esac
	if ! command -v "$u" >/dev/null; then
		skip "$1: seccomp program under qemu-user (needs $u: apt-get install qemu-user)"
		return 0
	fi
	if ! mk "$dir" O="$o" "$o/tests/bin/bpf_emu" >"$T/emu.log" 2>&1; then
		fail "$1: bpf_emu does not build: $(tail -n 2 "$T/emu.log" | tr '\n' ' ')"
		return 0
	fi
	"$u" "$o/tests/bin/bpf_emu" | sed -E "s/^(PASS|FAIL|SKIP): /\1: $1: /"
	check_eq "$1: seccomp program: every verdict as expected" 0 "${PIPESTATUS[0]}"
}

# build NAME: the size check, then the test image with the probe in its
# sysroot. 1 when the board cannot be tested here (said why).
build() {
	local b=$1 start
	start=$(date +%s)
	if mk "$b" O="$top/size" WERROR=1 size >"$T/size.log" 2>&1; then
		pass "$b: $(grep '^stripped:' "$T/size.log")"
	else
		fail "$b: make size: $(grep '^stripped:' "$T/size.log" || tail -n 2 "$T/size.log" | tr '\n' ' ')"
	fi
	grep -v '^  [A-Z]' "$T/size.log" | sed "s/^/$b size: /"
	make_board "$b" "$dir"
	# The default board's toybox, built by `make all`, serves its tests.
	if [ "$b" = qemu-x86_64 ] && [ -x "$O/toybox/toybox" ] && [ ! -e "$o/toybox" ]; then
		mkdir -p "$o" && cp -a "$O/toybox" "$o/"
	fi
	if ! mk "$dir" O="$o" WERROR=1 "$o/tests/bin/probe" >"$T/build.log" 2>&1; then
		fail "$b: the probe does not build: $(tail -n 3 "$T/build.log" | tr '\n' ' ')"
		return 1
	fi
	mkdir -p "$o/sysroot/bin"
	cp "$o/tests/bin/probe" "$o/sysroot/bin/probe"
	cp "$o/tests/bin/probe" "$o/sysroot/bin/probe-suid"
	chmod 4755 "$o/sysroot/bin/probe-suid"
	if mk "$dir" O="$o" WERROR=1 SYSROOT="$o/sysroot" all >>"$T/build.log" 2>&1; then
		pass "$b: test image built in $(($(date +%s) - start)) s"
	else
		fail "$b: build failed: $(tail -n 3 "$T/build.log" | tr '\n' ' ')"
		return 1
	fi
}

# boot NAME: the acceptance table, read off the serial console.
boot() {
	local b=$1 start log=$T/serial.txt s
	start=$(date +%s%N)
	qemu_start "$o"
	trap 'kill $QEMU_PID 2>/dev/null; rm -rf "$top"' EXIT
	# Not the plain `corral: up:` line: the crasher and the hog never
	# come up (the `, M not started` one comes once they are done).
	# A failing probe stops the chain to the poweroff: no long wait then.
	local wait=1
	if ! qemu_wait '^corral: probe: exited' 150; then
		fail "$b: the probe did not end within 150 s"
	elif qemu_wait '^corral: probe: exited status 0' 1; then
		echo "$b: the probe done after $((($(date +%s%N) - start) / 1000000)) ms of QEMU"
		wait=60
	fi
	qemu_wait '^corral: shutdown: poweroff' "$wait"
	qemu_exit 30
	echo "$b: QEMU ran $((($(date +%s%N) - start) / 1000000)) ms"
	check_eq "$b: QEMU exits by itself after the poweroff" 0 "$QEMU_RC"
	tr -d '\r' <"$T/serial.log" >"$log"
	check_grep "$b: corral ctl poweroff gives 'corral: shutdown: poweroff'" '^corral: shutdown: poweroff' "$log"
	check_grep "$b: the kernel powers down" 'reboot: Power down' "$log"
	if grep -qa 'Kernel panic' "$log"; then fail "$b: kernel panic"; else pass "$b: no kernel panic"; fi

	# The probe's own verdicts, every one.
	n=$(grep -ac '^PASS: probe: ' "$log")
	bad=$(grep -a '^FAIL: probe: ' "$log" | head -n 5 | tr '\n' ' ')
	if [ -z "$bad" ] && grep -qa '^PASS: probe: ran [0-9]* attack checks, 0 failed' "$log"; then
		pass "$b: the probe passes all $n checks in the guest"
	else
		fail "$b: the probe in the guest: ${bad:-no summary line}"
	fi
	grep -a '^SKIP: probe: ' "$log" | sed "s/^SKIP: /SKIP: $b: /"
	check_grep "$b: probe exited 0" '^corral: probe: exited status 0' "$log"
	check_grep "$b: the crash loop ends in 'failed'" '^corral: crasher: failed' "$log"
	check_grep "$b: the memory hog is 'oom killed'" '^corral: hog: oom killed' "$log"

	# The status, taken after both: every service listed, the board's
	# own long-running ones still running.
	awk '$1 == "service" { print $2 }' "$dir/services" >"$T/names"
	while read -r s; do
		check_grep "$b: ctl status lists $s" "^$s [a-z]+ ([0-9]+|-) [0-9]+ " "$log"
	done <"$T/names"
	check_grep "$b: ctl status: crasher failed" '^crasher failed - ' "$log"
	check_grep "$b: ctl status: hog exited, nothing left" '^hog (exited|stopped) - ' "$log"
	check_grep "$b: ctl status: ticker still running after the oom" '^ticker (running|ready) [0-9]+ 0 ' "$log"
	check_grep "$b: ctl status: web still running after the oom" '^web (running|ready) [0-9]+ 0 ' "$log"
	qemu_show
}

for b in $boards; do
	if [ ! -f "$SRC/board/$b/board.mk" ]; then
		skip "$b: no board/$b in this tree"
		continue
	fi
	T=$top/$b o=$O/tests/board-$b dir=$O/tests/board-$b.board
	mkdir -p "$T"
	# What the board fetches or builds before its compiler exists
	# (BOARD_SETUP: armv7's musl): failing there is this machine's
	# set-up (SKIP), failing after it is corral's (FAIL).
	if ! mk "$SRC/board/$b" O="$top/vars" board-setup >"$T/setup.log" 2>&1; then
		skip "$b: set-up failed: $(grep -v '^  [A-Z]' "$T/setup.log" | tail -n 2 | tr '\n' ' ')"
		continue
	fi
	eval "$(board_vars "$SRC/board/$b" "$top/vars" 2>/dev/null | grep '^ARCH=')"
	missing=
	for c in "$BCC" "$BQEMU" "$BSTRIP"; do
		command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
	done
	if [ -n "$missing" ]; then
		skip "$b: needs$missing (as root: make deps-qemu BOARD=$b)"
		continue
	fi
	build "$b" || continue
	case $ARCH in mipsel | arm*) no_fpu "$b" "$BOBJDUMP" "$BCC" "$o/corral" ;; esac
	sc_numbers "$b"
	bpf_emu "$b"
	boot "$b"
done
