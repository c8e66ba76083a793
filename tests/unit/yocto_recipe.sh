#!/bin/bash
# The Yocto recipe, emulated (bitbake is not packaged in Debian): its
# do_configure, do_compile and do_install run as bitbake runs them
# (tests/distro/bbemu.py), with Yocto's exported CC, CFLAGS and LDFLAGS
# for a musl x86_64 machine and a compiler that builds only with CC's
# --sysroot (tests/distro-lib.sh). The installed binary must be static,
# unstripped, within the size budget, and hold no path of the build.
. "$SRC/tests/lib.sh"
need_static "the Yocto recipe's static build"
. "$SRC/tests/distro-lib.sh"
need_cmd "Yocto emulation" gcc rsync readelf strip
scratch
sysroot_cc_or_skip "Yocto emulation" x86_64-poky-linux-musl-gcc yocto
recipe=$SRC/board/yocto/meta-corral/recipes-core/corral/corral_git.bb
# Bitbake's layout for the recipe: the git tree unpacked to S = B.
w=$T/tmp/work/x86-64-v3-oe-linux-musl/corral/0.1+git
s=$w/sources/corral-0.1+git d=$w/image
mkdir -p "$s" "$d"
rsync -a --exclude=/out --exclude=/dl --exclude=.git "$SRC/" "$s/"
sub() {
	local v=${1//@S@/$s}
	echo "${v//@SYSROOT@/$tc/sysroot}"
}
if ! /usr/bin/python3 "$SRC/tests/distro/bbemu.py" "$recipe" \
	CC="$tc/bin/$cc $(sub "$YOCTO_CC_FLAGS")" CFLAGS="$(sub "$YOCTO_CFLAGS")" \
	LDFLAGS="$(sub "$YOCTO_LDFLAGS")" BUILD_CC="gcc " BUILD_CFLAGS="-O2 -pipe" \
	STRIP=strip TARGET_ARCH=x86_64 SOURCE_DATE_EPOCH=1700000000 \
	WORKDIR="$w" S="$s" B="$s" D="$d" BP=corral-0.1+git \
	root_prefix= base_sbindir=/sbin >"$T/tasks.sh"; then
	fail "bbemu.py reads the recipe"
	exit 1
fi
built "do_configure, do_compile, do_install with Yocto's CC, CFLAGS and LDFLAGS" \
	"$T/build.log" bash "$T/tasks.sh"
grep -q -- "-march=x86-64-v3 .*--sysroot=$tc/sysroot" "$tc/cc.log"
check_eq "CC's machine flags and --sysroot reach the compiler" 0 $?

b=$d/sbin/corral
check_eq "installed as /sbin/corral" yes "$([ -x "$b" ] && echo yes)"
check_eq "/sbin/init left to update-alternatives" no "$([ -e "$d/sbin/init" ] || [ -L "$d/sbin/init" ] && echo yes || echo no)"
check_binary "$b" "Yocto's flags"
readelf -SW "$b" | grep -q '\.debug_info'
check_eq "debug information for Yocto's -dbg package" 0 $?
found=$(grep -c -a -F -e "$w" -e "$SRC" "$b")
check_eq "no build or source path in the binary (Yocto's buildpaths QA)" 0 "$found"
