#!/bin/sh
# deps.sh build|qemu|check [ARCH [PKG...]]: make sure the host has what
# that goal needs, and the board's own PKGs (BOARD_DEPS in board.mk). On Debian/Ubuntu as root, install what is missing with apt-get;
# otherwise print the exact packages and fail, so a newcomer never meets
# a confusing compiler or QEMU error halfway through. For `check`, the
# other boards' cross toolchains are installed if the archive has them:
# where it has not, their tests SKIP with the reason, CI goes on.
set -eu
goal=${1:-check} arch=${2:-x86_64}
[ $# -lt 2 ] || shift 2

build="make gcc musl-tools xz-utils gzip cpio squashfs-tools"
# The cross builds: Debian's musl wrapper for the arch's gcc, its
# binutils and kernel headers; each board fetches its kernel from the
# arch's index (lib/scripts/fetch-kernel.sh).
a64="gcc-aarch64-linux-gnu musl-dev:arm64 linux-libc-dev-arm64-cross"
mips="gcc-mipsel-linux-gnu binutils-mipsel-linux-gnu musl-dev:mipsel linux-libc-dev-mipsel-cross"
# armv7: Debian's armhf gcc and kernel headers; musl is built from
# Debian's source by the board (board/qemu-armv7/build-musl.sh).
a32="gcc-arm-linux-gnueabihf linux-libc-dev-armhf-cross"
case $arch in
x86_64) qemu="qemu-system-x86" ;;
aarch64) qemu="qemu-system-arm"; build="$build $a64" ;;
mipsel) qemu="qemu-system-mips"; build="$build $mips" ;;
armv7) qemu="qemu-system-arm"; build="$build $a32" ;;
*) qemu="" ;;
esac
check="bubblewrap crun busybox-static e2fsprogs bind9-dnsutils openssh-client curl mosquitto-clients python3-kconfiglib clang-format shellcheck util-linux iproute2 procps clang libclang-rt-dev"
# Real daemons run on the host (tests/unit/pid1_realdgram.sh: mosquitto
# and dnsmasq with notify and /dev/log; tests/sandbox/run_privdrop.sh:
# dnsmasq -u), and logger(1) for the /dev/log tests.
check="$check mosquitto dnsmasq-base bsdutils"
# Headers to compile the seccomp tables of the other architectures.
check="$check libc6-dev-arm64-cross libc6-dev-armhf-cross libc6-dev-mipsel-cross"
# groff renders the man pages (make man); mandoc, man and col check them
# (tests/unit/man_pages.sh).
check="$check groff-base mandoc man-db bsdextrautils"
# tests/boot/router.sh builds the router board's kernel
# (lib/scripts/build-kernel.sh).
check="$check bc flex bison libelf-dev libc6-dev"
# The Buildroot emulation copies the package source as Buildroot does.
check="$check rsync"
# make bench: the anchors whose size it compares, and SVG to PNG.
check="$check tini s6 runit dumb-init librsvg2-bin"
# tests/boot/boards.sh cross builds and boots every board; qemu-user runs
# the cross-built seccomp emulator (tests/sandbox/bpf_emu.c).
check="$check $a64 qemu-system-arm file"
# The other boards; armv7 builds musl from Debian's source itself.
extra="$mips $a32 qemu-system-mips qemu-user"

case $goal in
build) want=$build extra= ;;
qemu) want="$build $qemu" extra= ;;
check) want="$build $qemu $check" ;;
*) echo "deps.sh: unknown goal $goal" >&2; exit 2 ;;
esac
want="$want $*"

missing() { # missing PKG...: those not installed
	for p in "$@"; do
		dpkg-query -W -f '${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed ||
			printf ' %s' "$p"
	done
}
# $want and $extra are word lists on purpose.
# shellcheck disable=SC2086
need=$(missing $want) opt=$(missing $extra)
[ -z "$need$opt" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
	[ -n "$opt" ] && echo "deps.sh: for the other boards' tests (else they SKIP):$opt" >&2
	[ -z "$need" ] && exit 0
	command -v apt-get >/dev/null 2>&1 || {
		echo "corral needs these Debian packages (or your system's equivalents):$need" >&2
		exit 1
	}
	echo "corral needs:$need" >&2
	for a in arm64 mipsel; do
		case $need in *:$a*) echo "first: dpkg --add-architecture $a && apt-get update" >&2 ;; esac
	done
	echo "run as root: apt-get install$need" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive

# add_arch A: PKG:A needs the architecture A, and an index that lists
# it. An archive whose index for A is broken must not break apt for
# everything else: then A is removed again and 1 returned.
add_arch() {
	dpkg --print-foreign-architectures | grep -qx "$1" && return 0
	dpkg --add-architecture "$1"
	apt-get update -q && return 0
	echo "deps.sh: the package index for $1 does not load: not using $1" >&2
	dpkg --remove-architecture "$1"
	apt-get update -q || true
	return 1
}

# install PKG...: a stale package index is the usual reason an install
# fails on a fresh machine: update once, then retry.
install() {
	for a in arm64 mipsel; do
		case " $* " in *:$a\ *) add_arch $a || return 1 ;; esac
	done
	apt-get install -y -q --no-install-recommends "$@" ||
		{ apt-get update -q && apt-get install -y -q --no-install-recommends "$@"; }
}

if [ -n "$need" ]; then
	echo "deps.sh: installing$need"
	# shellcheck disable=SC2086
	install $need
fi
if [ -n "$opt" ]; then
	echo "deps.sh: installing, for the other boards' tests,$opt"
	# shellcheck disable=SC2086
	install $opt || echo "deps.sh: could not install$opt: those boards' tests will SKIP" >&2
fi
exit 0
