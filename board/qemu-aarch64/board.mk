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
# into DL_DIR, shared by every O=. Its modules go into the image.
KERNEL_PKG := linux-image-arm64
DL_DIR ?= $(CURDIR)/dl
QEMU_AARCH64_KDIR := $(DL_DIR)/$(KERNEL_PKG)
BOARD_KERNEL := $(QEMU_AARCH64_KDIR)/vmlinuz
# vmlinuz is an uncompressed arm64 Image here: QEMU boots it as is.
BOARD_KERNEL_PREP := cp
QEMU := qemu-system-aarch64
# With KERNEL= set, give its modules tree as BOARD_MODULES_DIR= too.
ifeq ($(origin KERNEL),undefined)
BOARD_MODULES_DIR := $(QEMU_AARCH64_KDIR)/modules
# mkroot.sh copies the `module` lines' .ko files from that tree.
$(O)/.rootfs.stamp: $(BOARD_KERNEL)
endif
$(BOARD_KERNEL): $(CURDIR)/lib/scripts/fetch-kernel.sh
	$(call msg,FETCH,$(KERNEL_PKG):arm64)
	$(Q)sh $< $(KERNEL_PKG) arm64 $(QEMU_AARCH64_KDIR)
