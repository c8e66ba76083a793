#!/bin/sh
# Boot this board's image in QEMU (generated into $(O)/run-qemu.sh).
# TCG only: /dev/kvm exists on many CI hosts but cannot be relied on.
# panic=-1 on the kernel command line and -no-reboot here mean a PID 1
# that dies, reboots or powers off ends the QEMU process instead of
# hanging CI. Extra arguments are passed to QEMU; APPEND= adds to the
# kernel command line (tests use it to select a test table).
# One NIC, eth0, on QEMU's user-mode network (no root, no host set-up)
# with the host's 127.0.0.1:WEB_PORT forwarded to the web service's own
# address, 10.0.2.15:8080 (see services):
#   WEB_PORT=8080  the default; another number where 8080 is taken (the
#                  tests pick a free one, so boots side by side never
#                  collide); none: the NIC without a forward
#   NET=none       no NIC at all, for a board that reuses this launcher
#                  and brings NICs of its own as extra arguments
here=$(cd "$(dirname "$0")" && pwd)
port=${WEB_PORT:-8080}
case $port in
none) fwd= ;;
*[!0-9]*)
	echo "run-qemu.sh: WEB_PORT=$port: a port number, or none" >&2
	exit 2
	;;
*) fwd=,hostfwd=tcp:127.0.0.1:$port-10.0.2.15:8080 ;;
esac
nic="-netdev user,id=eth0$fwd -device virtio-net-pci,netdev=eth0,romfile=,mac=52:54:00:00:02:10"
[ "${NET:-}" != none ] || nic=
# shellcheck disable=SC2086 # $nic is QEMU arguments, none with spaces
exec qemu-system-x86_64 -M q35 -accel tcg -cpu max -smp 2 -m 256 \
	-nographic -no-reboot -nic none $nic \
	-kernel "$here/kernel" -initrd "$here/rootfs.cpio.gz" \
	-append "@CMDLINE@ ${APPEND:-}" "$@"
