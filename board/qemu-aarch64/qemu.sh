#!/bin/sh
# Boot this board's image in QEMU (generated into $(O)/run-qemu.sh).
# TCG only: an x86_64 build host cannot run arm64 guests natively.
# panic=-1 on the kernel command line and -no-reboot here mean a PID 1
# that dies, reboots or powers off ends the QEMU process instead of
# hanging CI; the virt machine powers off and reboots through PSCI.
# Extra arguments are passed to QEMU; APPEND= adds to the kernel command
# line.
here=$(cd "$(dirname "$0")" && pwd)
exec qemu-system-aarch64 -M virt -cpu cortex-a53 -accel tcg -smp 2 -m 256 \
	-nographic -no-reboot -nic none \
	-kernel "$here/kernel" -initrd "$here/rootfs.cpio.gz" \
	-append "@CMDLINE@ ${APPEND:-}" "$@"
