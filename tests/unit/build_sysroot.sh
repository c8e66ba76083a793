#!/bin/bash
# A cross compiler with a proper sysroot never sees the build host's
# headers or libraries, whatever its name: Buildroot's and Yocto's are
# *-musl-gcc too, and Buildroot's refuses -idirafter /usr/include as an
# "unsafe header/library path". Debian's musl-gcc (-nostdinc, no kernel
# headers of its own) still gets the board's KERNEL_HEADERS.
. "$SRC/tests/lib.sh"
need_static "sysroot builds of the static corral"
. "$SRC/tests/distro-lib.sh"
need_cmd "sysroot compiler" gcc
scratch
sysroot_cc_or_skip "sysroot compiler" x86_64-buildroot-linux-musl-gcc buildroot
built "make corral with a sysroot-only $cc" "$T/log" \
	make -C "$SRC" -j2 O="$T/o" NO_DEPS=1 CC="$tc/bin/$cc" corral
check_eq "no build host include or library path on its command lines" "" \
	"$(host_paths "$tc/cc.log" | head -n 1)"
if command -v musl-gcc >/dev/null; then
	n=$(make -C "$SRC" -n O="$T/o2" NO_DEPS=1 CC=musl-gcc "$T/o2/obj/init/main.o" 2>/dev/null |
		grep -c -- '-idirafter /usr/include')
	check_eq "Debian's musl-gcc still gets -idirafter KERNEL_HEADERS" 1 "$n"
else
	skip "Debian's musl-gcc keeps -idirafter (no musl-gcc)"
fi
