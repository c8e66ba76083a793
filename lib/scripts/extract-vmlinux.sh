#!/bin/sh
# extract-vmlinux.sh BZIMAGE OUT: the uncompressed ELF vmlinux inside an
# x86 bzImage, so QEMU boots it through PVH (-kernel vmlinux) and skips
# the real-mode setup and in-guest decompression: about 3.5 s less per
# boot under TCG. Falls back to copying the image when it holds no xz
# stream or the result is not ELF (then QEMU boots the bzImage as usual).
set -eu
in=$1 out=$2
off=$(LC_ALL=C grep -abo "$(printf '\3757zXZ\000')" "$in" 2>/dev/null | head -n 1 | cut -d: -f1 || true)
if [ -n "$off" ]; then
	tail -c +$((off + 1)) "$in" | xz -dc 2>/dev/null > "$out.tmp" || true
	if [ "$(head -c 4 "$out.tmp" | od -An -c | tr -d ' ')" = '177ELF' ]; then
		mv "$out.tmp" "$out"
		exit 0
	fi
	rm -f "$out.tmp"
fi
echo "extract-vmlinux.sh: no xz vmlinux in $in, booting it as is" >&2
cp "$in" "$out"
