#!/bin/sh
# deps.sh build|qemu|check [ARCH]: make sure the host has what that goal
# needs. On Debian/Ubuntu as root, install what is missing with apt-get;
# otherwise print the exact packages and fail, so a newcomer never meets
# a confusing compiler or QEMU error halfway through.
set -eu
goal=${1:-check} arch=${2:-x86_64}

build="make gcc musl-tools xz-utils gzip cpio squashfs-tools"
case $arch in
x86_64) qemu="qemu-system-x86 linux-image-amd64" ;;
aarch64) qemu="qemu-system-arm"; build="$build gcc-aarch64-linux-gnu" ;;
*) qemu="" ;;
esac
check="bubblewrap crun busybox-static python3-kconfiglib clang-format shellcheck util-linux iproute2 procps clang libclang-rt-dev"
# Headers to compile the seccomp tables of the other architectures.
check="$check libc6-dev-arm64-cross libc6-dev-armhf-cross libc6-dev-mipsel-cross"

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
	echo "run as root: apt-get install$missing" >&2
	exit 1
fi
echo "deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# A stale package index is the usual reason an install fails on a fresh
# machine: update once, then retry.
# $missing is a word list on purpose.
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing ||
	{ apt-get update -q && apt-get install -y -q --no-install-recommends $missing; }
