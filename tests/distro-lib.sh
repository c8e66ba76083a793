# shellcheck shell=bash disable=SC2034 # the flag variables: used by the scripts sourcing this
# Sourced by the Buildroot and Yocto emulations (tests/unit/br_*.sh,
# tests/unit/yocto_*.sh, tests/boot/buildroot.sh). Neither build system
# is packaged in Debian, so these tests stand in for them: a cross
# compiler that sees only its sysroot, as both distributions' compilers
# do, and the flags each one passes. Nothing here runs a fetched
# Buildroot or bitbake tree.

# mk_sysroot_cc DIR NAME MODE: a musl compiler DIR/bin/NAME whose
# headers and libraries are DIR/sysroot only (musl's, and the kernel's
# <linux/*.h> and <asm/*.h>: what a distribution's staging sysroot holds).
# Every command line is appended to DIR/cc.log. MODE:
#   buildroot  Buildroot's toolchain wrapper (toolchain/toolchain-wrapper.c
#              in 2026.02): an -I, -isystem, -idirafter, -iquote or -L
#              naming the build host's /usr/include, /usr/lib, /lib or
#              /usr/local is "unsafe header/library path" and an error;
#              it adds -fstack-protector-strong and, on a link, full RELRO
#              in front of the caller's flags (the defaults of
#              BR2_SSP_STRONG and BR2_RELRO_FULL).
#   yocto      Yocto's compiler: no flags of its own, and an error
#              without --sysroot=DIR/sysroot (Yocto's CC carries it; a
#              recipe that drops CC's flags would build against nothing).
# Debian's musl packages provide the files: the x86_64 build host only.
mk_sysroot_cc() {
	local dir=$1 name=$2 mode=$3 s=$1/sysroot
	local inc=/usr/include/x86_64-linux-musl lib=/usr/lib/x86_64-linux-musl
	[ -d "$inc" ] && [ -f "$lib/libc.a" ] || return 1
	mkdir -p "$s/usr/include" "$s/usr/lib" "$dir/bin"
	cp -a "$inc/." "$s/usr/include/"
	cp -a /usr/include/linux /usr/include/asm-generic "$s/usr/include/"
	cp -aL /usr/include/x86_64-linux-gnu/asm "$s/usr/include/asm"
	cp -a "$lib"/*.a "$lib"/*.o "$lib"/*.so "$s/usr/lib/"
	sed -e "s|$inc|$s/usr/include|g" -e "s|$lib|$s/usr/lib|g" \
		"$lib/musl-gcc.specs" >"$s/usr/lib/musl-gcc.specs"
	cat >"$dir/bin/$name" <<-EOF
		#!/bin/bash
		# $mode's cross compiler, emulated (tests/distro-lib.sh).
		mode=$mode s=$s log=$dir/cc.log
	EOF
	cat >>"$dir/bin/$name" <<-'EOF'
		printf '%s\n' "$*" >>"$log"
		me=${0##*/} prev= pre=() files=0 sysroot=
		unsafe() {
			case $1 in
			/lib* | /usr/include* | /usr/lib* | /usr/local/include* | /usr/local/lib* | /usr/X11R6/*)
				echo "$me: ERROR: unsafe header/library path used in cross-compilation: '$2'" >&2
				exit 1 ;;
			esac
		}
		for a in "$@"; do
			case $prev in -I | -isystem | -idirafter | -iquote | -L) unsafe "$a" "$prev' '$a" ;; esac
			case $a in
			-idirafter?* | -isystem?* | -iquote?*) unsafe "${a#-i*[a-z]}" "$a" ;;
			-I?* | -L?*) unsafe "${a:2}" "$a" ;;
			--sysroot=*) sysroot=${a#--sysroot=} ;;
			-*) ;;
			*) [ "$prev" = -o ] || files=1 ;;
			esac
			prev=$a
		done
		if [ "$mode" = yocto ] && [ "$sysroot" != "$s" ]; then
			echo "$me: ERROR: no --sysroot=$s: the toolchain's flags were dropped" >&2
			exit 1
		fi
		if [ "$mode" = buildroot ]; then
			pre=(--sysroot="$s" -fstack-protector-strong)
			[ "$files" = 0 ] || pre+=(-Wl,-z,now -Wl,-z,relro)
		fi
		exec gcc -specs "$s/usr/lib/musl-gcc.specs" "${pre[@]}" "$@"
	EOF
	chmod +x "$dir/bin/$name"
}

# Buildroot 2026.02's TARGET_CFLAGS and TARGET_LDFLAGS for x86_64 with its
# default options (package/Makefile.in: BR2_OPTIMIZE_2, no debug,
# BR2_FORTIFY_SOURCE_1; -ztext for a musl toolchain with shared libs).
BR_TARGET_CFLAGS="-D_LARGEFILE_SOURCE -D_LARGEFILE64_SOURCE -D_FILE_OFFSET_BITS=64 -O2 -g0 -D_FORTIFY_SOURCE=1"
BR_TARGET_LDFLAGS="-ztext"
# Yocto's for a musl x86_64 machine, as `bitbake -e corral` printed them
# with meta-corral (wrynose, nodistro, MACHINE = "qemux86-64", TCLIBC =
# "musl"): CC carries the machine and security flags and the sysroot,
# CFLAGS the optimisation, debug and path-mapping flags, less
# -fcanon-prefix-map (gcc 13; Debian 12 has gcc 12). @S@ and @SYSROOT@
# are replaced by the caller.
YOCTO_CC_FLAGS="-m64 -march=x86-64-v3 -fstack-protector-strong -O2 -D_FORTIFY_SOURCE=2 -Wformat -Wformat-security -Werror=format-security --sysroot=@SYSROOT@"
YOCTO_CFLAGS="-O2 -g -ffile-prefix-map=@S@=/usr/src/debug/corral/0.1+git -ffile-prefix-map=@S@=/usr/src/debug/corral/0.1+git -ffile-prefix-map=@SYSROOT@= -pipe"
YOCTO_LDFLAGS="-Wl,-O1 -Wl,--hash-style=gnu -Wl,--as-needed -Wl,-z,relro,-z,now"

# host_paths LOG: the compile and link lines in LOG that name a build
# host include or library directory in any form (the wrapper already
# refused the option forms; this catches the rest, e.g. -specs paths
# are the sysroot's and pass).
host_paths() {
	grep -E '(^|[ =])(-I|-L|-isystem ?|-idirafter ?|-iquote ?)?/(usr/(local/)?)?(include|lib)(/|$| )' "$1"
}

# sysroot_cc_or_skip WHAT NAME MODE: sets tc (the compiler's directory,
# $T/tc) and cc, or ends the test with a SKIP saying why.
sysroot_cc_or_skip() {
	tc=$T/tc cc=$2
	if [ "$(uname -m)" != x86_64 ]; then
		skip "$1 (an x86_64 build host: Debian's musl is the sysroot)"
		exit 0
	fi
	mk_sysroot_cc "$tc" "$cc" "$3" && return 0
	skip "$1 (needs musl-dev for the sysroot)"
	exit 0
}

# built WHAT LOG CMD...: run CMD with its output in LOG; PASS, or FAIL
# with the first error and the end of the log, and end the test.
built() {
	local what=$1 log=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		pass "$what"
		return
	fi
	fail "$what: $(grep -m1 -E 'ERROR|[Ee]rror' "$log" || tail -n 1 "$log")"
	tail -n 30 "$log"
	exit 1
}

# check_binary BIN FLAGS: an installed corral is static and unstripped,
# and within the x86_64 board's budget once stripped, under FLAGS (the
# distribution's name for the flags it was built with).
check_binary() {
	local n budget
	if readelf -lW "$1" | grep -q 'INTERP\|DYNAMIC'; then
		fail "static (has a program interpreter or a dynamic section)"
	else
		pass "static"
	fi
	readelf -SW "$1" | grep -q '\.symtab'
	check_eq "not stripped by the install" 0 $?
	strip -o "$T/stripped" "$1"
	n=$(stat -c %s "$T/stripped")
	budget=$(sed -n 's/^SIZE_BUDGET := //p' "$SRC/board/qemu-x86_64/board.mk")
	if [ "$n" -le "$budget" ]; then
		pass "stripped size $n within the budget $budget under $2"
	else
		fail "stripped size $n over the budget $budget under $2"
	fi
	check_eq "no compile or link line names a build host include or library path" "" \
		"$(host_paths "$tc/cc.log" | head -n 1)"
}
