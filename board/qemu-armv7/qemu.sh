#!/bin/sh
# Boot this board's image in QEMU (generated into $(O)/run-qemu.sh).
# TCG only. A Cortex-A15 is ARMv7-A with the virtualization extensions
# (what Cortex-A7 router SoCs have); highmem=off keeps every device
# below 4 GiB for the non-LPAE armmp kernel. panic=-1 on the kernel
# command line and -no-reboot here mean a PID 1 that dies, reboots or
# powers off ends the QEMU process instead of hanging CI; the virt
# machine powers off through PSCI. Extra arguments are passed to QEMU;
# APPEND= adds to the kernel command line.
here=$(cd "$(dirname "$0")" && pwd)
exec qemu-system-arm -M virt,highmem=off -cpu cortex-a15 -accel tcg -smp 2 -m 256 \
	-nographic -no-reboot -nic none \
	-kernel "$here/kernel" -initrd "$here/rootfs.cpio.gz" \
	-append "@CMDLINE@ ${APPEND:-}" "$@"
