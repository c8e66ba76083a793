#!/bin/bash
# lib/sysover.c and lib/strover.c replace musl functions with smaller
# ones of the same names: they must behave as musl's. The same program
# (tests/unit/libc/same.c: return values, errno, the fds, masks and
# string positions they give back) is built with musl's and with
# corral's and must print the same lines, on the board's ABI (under
# qemu-user for a cross board).
. "$SRC/tests/lib.sh"
need_static "lib/sysover.c and lib/strover.c against musl, which a glibc build leaves out"
case ${ARCH:-x86_64} in
x86_64) run=() ;;
aarch64) run=(qemu-aarch64) ;;
mipsel) run=(qemu-mipsel) ;;
armv7) run=(qemu-arm) ;;
*)
	skip "libc replacements: no way to run $ARCH code here"
	exit 0
	;;
esac
[ ${#run[@]} = 0 ] || need_cmd "libc replacements on $ARCH" "${run[0]}"
scratch
for v in musl corral; do
	src=()
	[ $v = corral ] && src=(lib/sysover.c lib/strover.c)
	# shellcheck disable=SC2086 # the flags are word lists
	if ! (cd "$SRC" && $CC $CORRAL_CFLAGS -Os -fno-builtin $CORRAL_LDFLAGS \
		-o "$T/$v" tests/unit/libc/same.c "${src[@]}") >"$T/cc.log" 2>&1; then
		fail "build with $v's functions: $(head -n 3 "$T/cc.log" | tr '\n' ' ')"
		exit 0
	fi
	mkdir "$T/d"
	(umask 022 && cd "$T/d" && "${run[@]}" "$T/$v" "$T/d") >"$T/$v.out" 2>&1
	check_eq "the program runs with $v's functions" 0 "$?"
	rm -rf "$T/d"
done
if [ "$(nm "$T/corral" | grep -cwE 'T (sigaction|open|sendmsg|strspn)')" = 4 ]; then
	pass "corral's functions are the ones linked"
else
	fail "corral's functions were not linked in place of musl's"
fi
# Not vacuous: the calls that must fail did, with their errnos.
check_grep "failures carry errno (open: ENOENT)" '^open missing: -1 errno [1-9]' "$T/musl.out"
check_eq "string cases printed" 3000 "$(grep -cE '^[0-9]+ [-0-9 ]+$' "$T/musl.out")"
if cmp -s "$T/musl.out" "$T/corral.out"; then
	pass "corral's functions behave as musl's ($(wc -l <"$T/musl.out") lines)"
else
	fail "corral's differ from musl's: $(diff "$T/musl.out" "$T/corral.out" | head -n 4 | tr '\n' ' ')"
fi
