#!/bin/sh
# Boot this board's image in QEMU (generated into $(O)/run-qemu.sh).
# TCG only: an x86_64 build host cannot run MIPS guests natively.
# panic=-1 on the kernel command line and -no-reboot here mean a PID 1
# that dies, reboots or powers off ends the QEMU process instead of
# hanging CI; the malta board powers off through its FPGA register.
# The 24Kc has no FPU, like the MT7621 and MT76x8 cores.
# Malta has one CPU and at most 256 MiB of low memory for a 32-bit
# kernel. Extra arguments are passed to QEMU; APPEND= adds to the kernel
# command line.
here=$(cd "$(dirname "$0")" && pwd)
exec qemu-system-mipsel -M malta -cpu 24Kc -accel tcg -m 256 \
	-nographic -no-reboot -nic none \
	-kernel "$here/kernel" -initrd "$here/rootfs.cpio.gz" \
	-append "@CMDLINE@ ${APPEND:-}" "$@"
