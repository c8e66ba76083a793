# qemu-mipsel: QEMU's "malta" board with a MIPS 24Kc (no FPU), booting Debian's
# 4kc-malta kernel (MIPS32r2, little endian, o32) with the image as an
# initramfs: the ISA and ABI of MT7621/MT76x8 and QCA router SoCs. Cross
# built with Debian's musl wrapper for the mipsel gcc (musl-dev:mipsel).
ARCH := mipsel
CROSS_COMPILE ?= mipsel-linux-musl-
# The musl wrapper provides only gcc: binutils keep their GNU prefix.
STRIP ?= mipsel-linux-gnu-strip
SIZE ?= mipsel-linux-gnu-size
OBJDUMP ?= mipsel-linux-gnu-objdump
# <linux/*.h> for the wrapper's -nostdinc (linux-libc-dev-mipsel-cross).
KERNEL_HEADERS := /usr/mipsel-linux-gnu/include
# Router SoCs have no FPU, and Debian's MIPS musl is built hard-float:
# -msoft-float makes gcc emit no FPU instruction in corral's own code (a
# float operation would become a libgcc call the link lacks: an error,
# never a silent FPU use); the musl functions corral links are integer
# only, and tests/boot/board.sh disassembles the binary to prove it.
# MIPS32 code is about 40% larger than x86_64's (fixed 4-byte
# instructions, no memory operands, $gp-relative calls through the GOT):
# 99,920 bytes stripped. -mips16 (MIPS16e, 2-byte instructions, in every
# 24K/34K/74K/1004K router core: MT7621, MT76x8, QCA953x/956x) and
# -mno-abicalls (a static binary needs no PIC call sequences; ld puts a
# stub in front of each call into musl's PIC code) bring it to 73,264.
ARCH_CFLAGS := -msoft-float -mips16 -mno-abicalls
# ld warns that the objects' float ABI and abicalls differ from musl's
# start files: harmless here (no float crosses a call, and ld adds the
# stubs), so not worth a warning on every link.
ARCH_LDFLAGS := -Wl,--no-warn-mismatch
# The stripped binary's limit (`make size`).
SIZE_BUDGET := 81920
# Debian's mipsel kernel is not installed on an x86_64 build host: the
# package the metapackage points to is fetched with apt-get download
# (verified by apt against the archive's signed index) and unpacked once
# into DL_DIR, shared by every O=. Its modules go into the image
# (lib/kernel.mk).
KERNEL_PKG := linux-image-4kc-malta
KERNEL_DEBARCH := mipsel
# vmlinuz is a self-decompressing ELF here: QEMU's malta loads it as is.
BOARD_KERNEL_PREP := cp
QEMU := qemu-system-mipsel
