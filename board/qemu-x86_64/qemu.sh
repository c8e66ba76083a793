#!/bin/sh
# Boot this board's image in QEMU (generated into $(O)/run-qemu.sh).
# TCG only: /dev/kvm exists on many CI hosts but cannot be relied on.
# panic=-1 on the kernel command line and -no-reboot here mean a PID 1
# that dies, reboots or powers off ends the QEMU process instead of
# hanging CI. Extra arguments are passed to QEMU; APPEND= adds to the
# kernel command line (tests use it to select a test table).
here=$(cd "$(dirname "$0")" && pwd)
exec qemu-system-x86_64 -M q35 -accel tcg -cpu max -smp 2 -m 256 \
	-nographic -no-reboot -nic none \
	-kernel "$here/kernel" -initrd "$here/rootfs.cpio.gz" \
	-append "@CMDLINE@ ${APPEND:-}" "$@"
