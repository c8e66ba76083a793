#!/bin/bash
# The BR2_EXTERNAL tree, board/buildroot/, as Buildroot would judge it:
# check-package's mechanical rules (tests/distro/brlint.py; the real
# utils/check-package is the lead's by hand, docs/buildroot.md) on every
# file, no corral board.mk inside it (check-package takes any *.mk for a
# package's), and kconfiglib on its Config.in: BR2_INIT_CORRAL in the
# "Init system" choice selects the package and the none-init skeleton,
# for musl toolchains on corral's architectures only.
# BUILDROOT_SRC=a Buildroot checkout: also load its own Config.in with the
# tree and each defconfig (read as data; nothing of the checkout runs).
. "$SRC/tests/lib.sh"
py=/usr/bin/python3
ext=$SRC/board/buildroot
[ -d "$ext" ] || { fail "no BR2_EXTERNAL tree in board/buildroot"; exit 0; }
mapfile -t files < <(find "$ext" -type f | LC_ALL=C sort)
if out=$("$py" "$SRC/tests/distro/brlint.py" "${files[@]}" 2>&1); then
	pass "check-package rules: 0 warnings on the tree's ${#files[@]} files"
else
	fail "check-package rules on the tree: $(echo "$out" | head -n 1)"
	echo "$out"
fi
mk=$(cd "$ext" && find . -name '*.mk' | LC_ALL=C sort | tr '\n' ' ')
check_eq "the tree's makefiles: external.mk and the package's" "./external.mk ./package/corral/corral.mk " "$mk"
# The rules do catch what the trial found: a board.mk under the tree.
# How many warnings depends on the board.mk of the day (11 from the real
# check-package and from these rules on 2026-12-04); that there are some
# is the point.
n=$("$py" "$SRC/tests/distro/brlint.py" "$SRC/board/qemu-x86_64/board.mk" | tail -n 1)
[[ $n =~ ^[1-9][0-9]*\ warnings\ generated$ ]] || n="none: $n"
check_eq "the rules flag a corral board.mk as a package file" "${n%% *} warnings generated" "$n"
for f in external.desc external.mk Config.in provides/init.in package/corral/Config.in \
	package/corral/corral.mk package/corral/corral.hash board/qemu/post-image.sh \
	configs/corral_qemu_x86_64_defconfig configs/corral_qemu_aarch64_defconfig; do
	[ -f "$ext/$f" ] || fail "the tree has $f"
done
check_grep "external.desc names the tree CORRAL" '^name: CORRAL$' "$ext/external.desc"

if ! "$py" -c 'import kconfiglib' 2>/dev/null; then
	skip "kconfiglib on the tree's Config.in (needs python3-kconfiglib)"
	exit 0
fi
conf="$py $SRC/tests/distro/brconfig.py"
scratch
for a in x86_64:qemu-x86_64 aarch64:qemu-aarch64 arm:qemu-armv7 mipsel:qemu-mipsel; do
	if $conf "$T/c" "${a%%:*}" MUSL BR2_INIT_CORRAL=y 2>"$T/err"; then
		pass "kconfiglib: BR2_INIT_CORRAL on ${a%%:*}, no warning"
	else
		fail "kconfiglib: BR2_INIT_CORRAL on ${a%%:*}: $(head -n 1 "$T/err")"
		continue
	fi
	for want in BR2_PACKAGE_CORRAL=y BR2_PACKAGE_SKELETON_INIT_NONE=y \
		"BR2_PACKAGE_CORRAL_BOARD=\"${a#*:}\"" BR2_PACKAGE_CORRAL_SECCOMP=y; do
		grep -qx "$want" "$T/c" || fail "BR2_INIT_CORRAL on ${a%%:*}: no $want"
	done
done
if $conf - x86_64 GLIBC BR2_INIT_CORRAL=y 2>/dev/null; then
	fail "kconfiglib: BR2_INIT_CORRAL refused with glibc"
else
	pass "kconfiglib: BR2_INIT_CORRAL refused with glibc"
fi
if $conf - riscv MUSL BR2_INIT_CORRAL=y 2>/dev/null; then
	fail "kconfiglib: BR2_INIT_CORRAL refused on riscv (no corral board)"
else
	pass "kconfiglib: BR2_INIT_CORRAL refused on riscv (no corral board)"
fi
if [ -z "${BUILDROOT_SRC:-}" ] || [ ! -f "$BUILDROOT_SRC/system/Config.in" ]; then
	skip "Buildroot's own Config.in with the tree (set BUILDROOT_SRC= to a Buildroot checkout)"
	exit 0
fi
for d in "$ext"/configs/*_defconfig; do
	if $conf --buildroot "$BUILDROOT_SRC" "$T" "$d" 2>"$T/err"; then
		pass "Buildroot's Config.in: $(basename "$d") loads, every value sticks"
	else
		fail "Buildroot's Config.in: $(basename "$d"): $(head -n 1 "$T/err")"
	fi
done
