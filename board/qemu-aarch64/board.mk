# qemu-aarch64: QEMU's "virt" machine with a Cortex-A53, booting Debian's
# arm64 kernel with the image as an initramfs. Cross built with Debian's
# musl wrapper for the aarch64 gcc (package musl-dev:arm64).
ARCH := aarch64
CROSS_COMPILE ?= aarch64-linux-musl-
# The musl wrapper provides only gcc: binutils keep their GNU prefix.
STRIP ?= aarch64-linux-gnu-strip
SIZE ?= aarch64-linux-gnu-size
# <linux/*.h> for the wrapper's -nostdinc (linux-libc-dev-arm64-cross).
KERNEL_HEADERS := /usr/aarch64-linux-gnu/include
# No floating point in target code: the compiler proves it.
ARCH_CFLAGS := -mgeneral-regs-only
# The stripped binary's limit (`make size`): 64-bit code is larger.
SIZE_BUDGET := 81920
# Debian's arm64 kernel is not installed on an x86_64 build host: the
# package the metapackage points to is fetched with apt-get download
# (verified by apt against the archive's signed index) and unpacked once
# into DL_DIR, shared by every O=. Its modules go into the image
# (lib/kernel.mk).
KERNEL_PKG := linux-image-arm64
KERNEL_DEBARCH := arm64
# vmlinuz is an uncompressed arm64 Image here: QEMU boots it as is.
BOARD_KERNEL_PREP := cp
QEMU := qemu-system-aarch64
