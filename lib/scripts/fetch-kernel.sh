#!/bin/sh
# fetch-kernel.sh PKG DEBARCH DIR: unpack a Debian kernel (amd64 too:
# never installed on the host, whose boot stays as it is) into DIR, with
# DIR/vmlinuz the image, DIR/modules its modules tree (the board's
# BOARD_KERNEL and BOARD_MODULES_DIR, lib/kernel.mk). PKG is a
# metapackage such as linux-image-arm64: the versioned package it
# depends on is resolved here, never written down (the ABI number
# changes with every point release), and downloaded with apt-get, which
# checks it against the archive's signed index, so nothing but the
# distribution's archive is used. Needs DEBARCH in dpkg
# (lib/scripts/deps.sh adds it), or APT_WRAP= a command run in front of
# apt-cache and apt-get that points them at that architecture's index
# (board/qemu-armv7/apt-armhf.sh).
set -eu
# shellcheck source=lib/scripts/retry.sh
. "$(dirname "$0")/retry.sh"
pkg=$1 arch=$2 dir=$3 wrap=${APT_WRAP:-}
# shellcheck disable=SC2086 # $wrap is a command and its arguments
real=$($wrap apt-cache depends "$pkg:$arch" 2>/dev/null |
	awk -v a=":$arch" '$1 == "Depends:" && $2 ~ /^linux-image-/ {
		sub(a "$", "", $2); print $2; exit }')
if [ -z "$real" ]; then
	echo "fetch-kernel.sh: no $pkg:$arch in the package index;" \
		"run: dpkg --add-architecture $arch && apt-get update" >&2
	exit 1
fi
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
# As root apt hands downloads to its _apt user, which cannot write here.
sandbox=
[ "$(id -u)" != 0 ] || sandbox='-o APT::Sandbox::User=root'
# apt-get download writes into the current directory.
# shellcheck disable=SC2086 # $sandbox is empty or two words
(cd "$dir.tmp" && retry $wrap apt-get download -q $sandbox "$real:$arch") >&2
dpkg-deb -x "$dir.tmp/$real"_*.deb "$dir.tmp/x"
ver=${real#linux-image-}
ver=${ver%-unsigned}
x=$dir.tmp/x
if [ ! -f "$x/boot/vmlinuz-$ver" ] || [ ! -d "$x/lib/modules/$ver" ]; then
	echo "fetch-kernel.sh: $real has no vmlinuz-$ver or modules" >&2
	exit 1
fi
# Keep what the board uses, under fixed names; drop the rest (docs).
mv "$x/boot/vmlinuz-$ver" "$dir.tmp/vmlinuz"
mv "$x/boot/config-$ver" "$dir.tmp/config"
mv "$x/lib/modules/$ver" "$dir.tmp/modules"
rm -rf "$x" "$dir.tmp/$real"_*.deb
echo "$real" >"$dir.tmp/package"
# The unpacked image keeps the package's date: make must see it as
# newer than this script.
touch "$dir.tmp/vmlinuz"
rm -rf "$dir"
mv "$dir.tmp" "$dir"
