#!/bin/bash
# The Buildroot package, emulated (Buildroot is not packaged in Debian):
# tests/distro/br-pkg.mk evaluates the real board/buildroot/package/
# corral/corral.mk with Buildroot's variables, a .config made by
# kconfiglib from the tree's Config.in, and a compiler that sees only its
# sysroot and refuses the build host's paths as Buildroot's toolchain
# wrapper does (tests/distro-lib.sh). Then: the installed layout, the
# size inside Buildroot's flags, the subtrees made without toybox, the
# kernel fixups, and a QEMU boot of the packed target tree through /init
# to "corral: up:".
. "$SRC/tests/lib.sh"
. "$SRC/tests/distro-lib.sh"
. "$SRC/tests/qemu-lib.sh"
need_static "the Buildroot emulation's image"
need_cmd "Buildroot emulation" gcc rsync strip readelf
py=/usr/bin/python3
"$py" -c 'import kconfiglib' 2>/dev/null || {
	skip "Buildroot emulation (needs python3-kconfiglib)"
	exit 0
}
scratch
sysroot_cc_or_skip "Buildroot emulation" x86_64-buildroot-linux-musl-gcc buildroot
s=$tc/sysroot

# Another package's program, dynamically linked as Buildroot links by
# default, and musl's loader (the toolchain's libc package).
"$tc/bin/$cc" -O2 -o "$T/bootmark" "$SRC/tests/sandbox/bootmark.c" ||
	{ fail "build the other package's program"; exit 1; }
others="musl=$s/usr/lib/libc.so:lib/ld-musl-x86_64.so.1 musl-libc=$s/usr/lib/libc.so:lib/libc.so bootmark=$T/bootmark:usr/bin/bootmark"
cat >"$T/services" <<-'EOF'
	hostname corral-br
	service mark /usr/bin/bootmark from-buildroot
	    files /usr/bin/bootmark
	    console
	service table /sbin/corral table
	    isolate none
	    oneshot
EOF
cat >"$T/services.toybox" <<-'EOF'
	service sh /bin/sh -c "echo hi"
	    applets sh echo
	    oneshot
EOF

# brpkg OUT SERVICES: configure the tree, then build and install the
# package, run its finalize hook and kernel fixups. Buildroot's skeleton
# comes first, as skeleton-init-none installs it.
brpkg() {
	local out=$1
	mkdir -p "$out/target"/{dev,proc,sys,tmp,run,etc,root,usr/bin,usr/sbin,lib}
	ln -s usr/sbin "$out/target/sbin" # BR2_ROOTFS_MERGED_USR
	printf 'root:x:0:0:root:/root:/bin/false\n' >"$out/target/etc/passwd"
	printf 'root:x:0:\n' >"$out/target/etc/group"
	"$py" "$SRC/tests/distro/brconfig.py" "$out/.config" x86_64 MUSL \
		BR2_INIT_CORRAL=y BR2_PACKAGE_CORRAL_SERVICES="$2" \
		BR2_PACKAGE_CORRAL_DEPENDENCIES="musl musl-libc bootmark" || return 1
	make -f "$SRC/tests/distro/br-pkg.mk" -j2 BR_CONFIG="$out/.config" OUT="$out" \
		BR_CC="$tc/bin/$cc" BR_CFLAGS="$BR_TARGET_CFLAGS" \
		BR_LDFLAGS="$BR_TARGET_LDFLAGS" PACKAGES_OTHER="$others" all
}
built "corral.mk builds and installs under the emulated Buildroot" "$T/build.log" \
	brpkg "$T/out" "$T/services"
grep -q -- '-Oz' "$tc/cc.log" && grep -q -- '-O2 -g0' "$tc/cc.log"
check_eq "TARGET_CFLAGS kept, corral's -Oz after them" 0 $?

t=$T/out/target
check_eq "/sbin/corral installed" yes "$([ -f "$t/usr/sbin/corral" ] && echo yes)"
check_eq "/sbin/init -> corral" corral "$(readlink "$t/usr/sbin/init")"
check_eq "/init -> sbin/corral" sbin/corral "$(readlink "$t/init")"
check_binary "$t/usr/sbin/corral" "Buildroot's CFLAGS"

# The subtree of `mark`, made by the finalize hook from the target tree.
check_eq "subtree: the program" yes "$([ -x "$t/srv/mark/usr/bin/bootmark" ] && echo yes)"
check_eq "subtree: its loader, from the musl package" yes \
	"$([ -f "$t/srv/mark/lib/ld-musl-x86_64.so.1" ] && echo yes)"
check_grep "the service's id joins the target's /etc/passwd" '^svc-mark:' "$t/etc/passwd"
check_grep "the target's own /etc/passwd lines stay" '^root:x:0:0:root:/root:/bin/false$' "$t/etc/passwd"
for o in CONFIG_SECCOMP_FILTER CONFIG_PID_NS CONFIG_NET_NS CONFIG_MEMCG CONFIG_CGROUP_PIDS CONFIG_DEVTMPFS CONFIG_VETH; do
	check_grep "kernel fixup $o=y" "^$o=y$" "$T/out/linux.config"
done

# A table asking for toybox applets: the build says so, naming the line.
if brpkg "$T/out2" "$T/services.toybox" >"$T/build2.log" 2>&1; then
	fail "a table with applets fails the Buildroot build"
else
	pass "a table with applets fails the Buildroot build"
fi
if grep -q "$T/services.toybox:1: sh: applet sh: the image has no toybox" "$T/build2.log"; then
	pass "... saying the image has no toybox, at the line"
else
	fail "... saying the image has no toybox, at the line"
	grep -v '^\(PATH\|make\|  \)' "$T/build2.log" | tail -n 5
fi

# Boot the packed target tree as Buildroot's cpio image does: no
# rdinit=, so the kernel runs /init.
if [ ! -f "$O/kernel" ] || [ ! -f "$O/run-qemu.sh" ] || ! command -v qemu-system-x86_64 >/dev/null; then
	skip "boot the Buildroot target tree (needs QEMU and the default board's kernel: make)"
	exit 0
fi
mkdir -p "$T/img"
cp "$O/kernel" "$T/img/kernel"
sed 's| rdinit=/sbin/init||' "$O/run-qemu.sh" >"$T/img/run-qemu.sh"
chmod +x "$T/img/run-qemu.sh"
set -o pipefail
"$MKCPIO" -t 0 -n /dev/console:600:c:5:1 "$t" | gzip -9n >"$T/img/rootfs.cpio.gz" ||
	{ fail "pack the target tree"; exit 1; }
qemu_start "$T/img"
if qemu_wait 'corral: up: 1 services' 120; then
	pass "the Buildroot image boots through /init to corral: up:"
else
	fail "the Buildroot image boots through /init to corral: up:"
	qemu_show | tail -n 30
fi
if qemu_wait 'bootmark: from-buildroot' 30; then
	pass "the service runs in its subtree"
else
	fail "the service runs in its subtree"
	qemu_show | tail -n 30
fi
