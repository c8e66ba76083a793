#!/bin/bash
# The Yocto recipe, emulated (bitbake is not packaged in Debian): its
# do_configure, do_compile and do_install run as bitbake runs them
# (tests/distro/bbemu.py), with Yocto's exported CC, CFLAGS and LDFLAGS
# for a musl x86_64 machine and a compiler that builds only with CC's
# --sysroot (tests/distro-lib.sh). The installed binary must be static,
# unstripped, within the size budget, and hold no path of the build.
. "$SRC/tests/lib.sh"
. "$SRC/tests/distro-lib.sh"
need_cmd "Yocto emulation" gcc rsync readelf strip
[ "$(uname -m)" = x86_64 ] || {
	skip "Yocto emulation (an x86_64 build host: Debian's musl is the sysroot)"
	exit 0
}
scratch
tc=$T/tc cc=x86_64-poky-linux-musl-gcc
mk_sysroot_cc "$tc" "$cc" yocto || {
	skip "Yocto emulation (needs musl-dev for the sysroot)"
	exit 0
}
recipe=$SRC/board/yocto/meta-corral/recipes-core/corral/corral_git.bb
# Bitbake's layout for the recipe: the git tree unpacked to S = B.
w=$T/tmp/work/core2-64-poky-linux-musl/corral/0.1+git
s=$w/sources/corral-0.1+git d=$w/image
mkdir -p "$s" "$d"
rsync -a --exclude=/out --exclude=/dl --exclude=.git "$SRC/" "$s/"
sub() {
	local v=${1//@S@/$s}
	v=${v//@B@/$s}
	echo "${v//@SYSROOT@/$tc/sysroot}"
}
if ! /usr/bin/python3 "$SRC/tests/distro/bbemu.py" "$recipe" \
	CC="$tc/bin/$cc $(sub "$YOCTO_CC_FLAGS")" CFLAGS="$(sub "$YOCTO_CFLAGS")" \
	LDFLAGS="$(sub "$YOCTO_LDFLAGS")" BUILD_CC=gcc BUILD_CFLAGS="-O2 -pipe" \
	STRIP=strip TARGET_ARCH=x86_64 SOURCE_DATE_EPOCH=1700000000 \
	WORKDIR="$w" S="$s" B="$s" D="$d" BP=corral-0.1+git \
	root_prefix= base_sbindir=/sbin >"$T/tasks.sh"; then
	fail "bbemu.py reads the recipe"
	exit 1
fi
if bash "$T/tasks.sh" >"$T/build.log" 2>&1; then
	pass "do_configure, do_compile, do_install with Yocto's CC, CFLAGS and LDFLAGS"
else
	fail "the recipe's tasks: $(grep -m1 -i error "$T/build.log" || tail -n 1 "$T/build.log")"
	tail -n 20 "$T/build.log"
	exit 1
fi
bad=$(host_paths "$tc/cc.log" | head -n 1)
check_eq "no compile or link line names a build host include or library path" "" "$bad"
grep -q -- "-march=x86-64-v3 .*--sysroot=$tc/sysroot" "$tc/cc.log"
check_eq "CC's machine flags and --sysroot reach the compiler" 0 $?

b=$d/sbin/corral
check_eq "installed as /sbin/corral" yes "$([ -x "$b" ] && echo yes)"
check_eq "/sbin/init left to update-alternatives" no "$([ -e "$d/sbin/init" ] || [ -L "$d/sbin/init" ] && echo yes || echo no)"
if readelf -lW "$b" | grep -q 'INTERP\|DYNAMIC'; then
	fail "static (has a program interpreter or a dynamic section)"
else
	pass "static"
fi
readelf -SW "$b" | grep -q '\.debug_info'
check_eq "unstripped: debug information for Yocto's -dbg package" 0 $?
found=$(grep -c -a -F -e "$w" -e "$SRC" "$b")
check_eq "no build or source path in the binary (Yocto's buildpaths QA)" 0 "$found"
strip -o "$T/stripped" "$b"
n=$(stat -c %s "$T/stripped")
budget=$(sed -n 's/^SIZE_BUDGET := //p' "$SRC/board/qemu-x86_64/board.mk")
if [ "$n" -le "$budget" ]; then
	pass "stripped size $n within the budget $budget under Yocto's flags"
else
	fail "stripped size $n over the budget $budget under Yocto's flags"
fi
