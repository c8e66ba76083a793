#!/bin/sh
# deps.sh build|qemu|check [ARCH]: make sure the host has what that goal
# needs. On Debian/Ubuntu as root, install what is missing with apt-get;
# otherwise print the exact packages and fail, so a newcomer never meets
# a confusing compiler or QEMU error halfway through.
set -eu
goal=${1:-check} arch=${2:-x86_64}

build="make gcc musl-tools xz-utils gzip cpio squashfs-tools"
# The aarch64 cross build: Debian's musl wrapper for the aarch64 gcc and
# the kernel headers; the board fetches its kernel from the arm64 index.
a64="gcc-aarch64-linux-gnu musl-dev:arm64 linux-libc-dev-arm64-cross"
# armv7: Debian's armhf gcc and kernel headers; musl is built from
# Debian's source by the board (board/qemu-armv7/build-musl.sh).
a32="gcc-arm-linux-gnueabihf linux-libc-dev-armhf-cross"
case $arch in
x86_64) qemu="qemu-system-x86 linux-image-amd64" ;;
aarch64) qemu="qemu-system-arm"; build="$build $a64" ;;
armv7) qemu="qemu-system-arm"; build="$build $a32" ;;
*) qemu="" ;;
esac
check="bubblewrap crun busybox-static python3-kconfiglib clang-format shellcheck util-linux iproute2 procps clang libclang-rt-dev"
# Headers to compile the seccomp tables of the other architectures.
check="$check libc6-dev-arm64-cross libc6-dev-armhf-cross libc6-dev-mipsel-cross"
# tests/boot/aarch64.sh cross builds and boots the aarch64 board.
check="$check $a64 qemu-system-arm file"
# tests/boot/armv7.sh: the same for armv7, and its seccomp program
# under QEMU's user mode.
check="$check $a32 qemu-user"

case $goal in
build) want=$build ;;
qemu) want="$build $qemu" ;;
check) want="$build $qemu $check" ;;
*) echo "deps.sh: unknown goal $goal" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	dpkg-query -W -f '${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "corral needs these Debian packages (or your system's equivalents):$missing" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "corral needs:$missing" >&2
	case $missing in *:arm64*) echo "first: dpkg --add-architecture arm64 && apt-get update" >&2 ;; esac
	echo "run as root: apt-get install$missing" >&2
	exit 1
fi
echo "deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# PKG:arm64 needs the arm64 architecture, and an index that lists it.
case $missing in
*:arm64*)
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		dpkg --add-architecture arm64 && apt-get update -q
	fi
	;;
esac
# A stale package index is the usual reason an install fails on a fresh
# machine: update once, then retry.
# $missing is a word list on purpose.
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing ||
	{ apt-get update -q && apt-get install -y -q --no-install-recommends $missing; }
