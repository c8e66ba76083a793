#!/bin/bash
# The Makefile's contract (README "Building"): out-of-tree O=, external
# BOARD=, CFLAGS= never dropping the mandatory flags, V=1, install never
# stripping, a static binary within its size budget, reproducible bytes.
. "$SRC/tests/lib.sh"
need_static "the Makefile contract: a static corral within its size budget, and the static builds it makes"
scratch
m() { make -C "$SRC" --no-print-directory NO_DEPS=1 "$@"; }

if readelf -lW "$CORRAL" | grep -q 'INTERP'; then
	fail "corral is static (has a PT_INTERP)"
else
	pass "corral is static (no PT_INTERP)"
fi
strip -o "$T/stripped" "$CORRAL"
size=$(stat -c %s "$T/stripped")
if [ "$size" -le 65536 ]; then
	pass "stripped corral is $size bytes (budget 65536)"
else
	fail "stripped corral is $size bytes, over the 65536 budget"
fi

# Out of tree, with a board kept outside the tree and user CFLAGS that
# would drop -static/-ffunction-sections if they were not kept apart.
cp -r "$SRC/board/qemu-x86_64" "$T/myboard"
if m corral BOARD="$T/myboard" O="$T/o1" CFLAGS=-O1 >"$T/b1.log" 2>&1; then
	pass "make corral BOARD=/elsewhere O=/elsewhere CFLAGS=-O1"
else
	fail "external board build failed: $(tail -n 3 "$T/b1.log" | tr '\n' ' ')"
fi
if [ -x "$T/o1/corral" ] && ! readelf -lW "$T/o1/corral" | grep -q INTERP; then
	pass "CFLAGS=-O1 still gives a static binary in O="
else
	fail "CFLAGS=-O1 build not static or not in O="
fi
if [ -e "$SRC/out/myboard" ]; then
	fail "O= ignored: out/myboard created"
else
	pass "nothing written outside O="
fi

# V=1 shows the real commands; the default shows short ones.
m corral O="$T/o2" V=1 >"$T/v.log" 2>&1
check_grep "V=1 prints compiler command lines" ' -c -o .*/obj/init/main\.o init/main\.c' "$T/v.log"
check_grep "mandatory flags present with V=1" '\-ffunction-sections' "$T/v.log"

# Same inputs, same bytes.
if cmp -s "$T/o2/corral" "$CORRAL" || { m corral O="$T/o3" >/dev/null 2>&1 && cmp -s "$T/o2/corral" "$T/o3/corral"; }; then
	pass "two builds give a bit-identical corral"
else
	fail "two builds of corral differ"
fi

# install never strips, and makes /sbin/init a link to corral.
m install O="$T/o2" DESTDIR="$T/dest" >/dev/null 2>&1
if readelf -SW "$T/dest/sbin/corral" 2>/dev/null | grep -q '\.symtab'; then
	pass "install keeps symbols (never strips)"
else
	fail "installed corral missing or stripped"
fi
check_eq "install links /sbin/init to corral" corral "$(readlink "$T/dest/sbin/init")"

# A bad board is a clear error, not a confusing compiler failure.
m corral BOARD=no-such-board O="$T/o4" >"$T/bad.log" 2>&1
check_grep "unknown BOARD named in the error" 'BOARD=no-such-board: no .*board\.mk' "$T/bad.log"

# Every configuration still compiles (CFG_X in if(), not #ifdef): all
# switches off. And a feature left out fails closed at run time: without
# CONFIG_SECCOMP a sandbox that asks for the deny-list does not start.
cp -r "$SRC/board/qemu-x86_64" "$T/minboard"
sed -n 's/^config \([A-Z0-9_]*\)$/\1/p;' "$SRC"/Kconfig "$SRC"/*/Kconfig |
	while read -r s; do
		grep -A1 "^config $s\$" "$SRC"/*/Kconfig | grep -q bool &&
			echo "# CONFIG_$s is not set"
	done >"$T/minboard/defconfig"
if m corral BOARD="$T/minboard" O="$T/o5" WERROR=1 >"$T/min.log" 2>&1; then
	pass "every bool switched off still builds with -Werror ($(grep -c . "$T/minboard/defconfig") switches)"
else
	fail "all-off build failed: $(grep -m1 error "$T/min.log")"
fi
if [ "$(id -u)" = 0 ] && [ -x "$T/o5/corral" ]; then
	"$T/o5/corral" run --root / -- /bin/true >/dev/null 2>"$T/sc.err"
	check_eq "no CONFIG_SECCOMP: seccomp default refused with 125" 125 "$?"
	check_grep "no CONFIG_SECCOMP: the step is named" 'seccomp' "$T/sc.err"
	"$T/o5/corral" run --root / --seccomp none -- /bin/true 2>"$T/sc2.err"
	check_eq "no CONFIG_SECCOMP: --seccomp none still runs" 0 "$?"
else
	skip "all-off corral run checks (needs root)"
fi
