# qemu-x86_64: the default board. A QEMU q35 PC booting Debian's kernel
# with the image as an initramfs. Make variables read by the Makefile.
ARCH := x86_64
# Native build: musl-gcc. Set CROSS_COMPILE for another x86_64 toolchain.
CROSS_COMPILE ?=
# Where <linux/*.h> lives for Debian's musl-gcc wrapper (-nostdinc).
KERNEL_HEADERS := /usr/include /usr/include/x86_64-linux-gnu
# No floating point anywhere (MIPS router SoCs have none): let the
# compiler prove it on x86_64 too. -malign-data=abi: arrays of 32 bytes
# and more aligned to the psABI's 16, not to 32 as gcc does by default
# (for the vector code of gcc 4.8 and earlier; corral has none): 320
# bytes of padding between the tables. gcc's flag (clang has none): set
# where $(CC) takes it, so `=`, read once CC is known.
ARCH_CFLAGS = -mgeneral-regs-only $(if $(shell $(CC) -malign-data=abi \
	-Werror -S -o /dev/null -x c /dev/null 2>/dev/null && echo y),-malign-data=abi)
# The stripped binary's limit (`make size`).
SIZE_BUDGET := 65536
# Debian's kernel, fetched into DL_DIR and never installed on the host
# (lib/kernel.mk): the package the metapackage points to, which also
# provides the image's modules.
KERNEL_PKG := linux-image-amd64
KERNEL_DEBARCH := amd64
# PVH: boot the ELF vmlinux directly (about 3.5 s less per TCG boot).
BOARD_KERNEL_PREP := sh $(CURDIR)/lib/scripts/extract-vmlinux.sh
QEMU := qemu-system-x86_64
