# qemu-armv7: QEMU's "virt" machine with a Cortex-A15 (32-bit ARMv7-A),
# booting Debian's armmp kernel with the image as an initramfs. Debian
# has no musl for armhf without adding that architecture to dpkg, so
# the board builds musl from Debian's source package with the armhf gcc
# (build-musl.sh), soft-float, once into DL_DIR.
ARCH := armv7
SIZE_BUDGET := 81920
DL_DIR ?= $(CURDIR)/dl
QEMU_ARMV7_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
MUSL_ARMHF := $(DL_DIR)/musl-armhf
MUSL_ARMHF_CC := $(MUSL_ARMHF)/bin/arm-linux-musleabi-gcc
CROSS_COMPILE ?= arm-linux-gnueabihf-
ifeq ($(origin CC),default)
CC := $(MUSL_ARMHF_CC)
endif
# The wrapper is built by a rule, so the Makefile cannot probe it while
# reading: give gcc 12's size flags here (what the probe would find).
ifeq ($(origin CFLAGS),undefined)
CFLAGS = -Oz -flto $(GCC_SMALL)
endif
# The sysroot has its own <linux/*.h>.
KERNEL_HEADERS :=
# No floating point: the wrapper compiles everything -mfloat-abi=soft,
# against a soft-float musl; tests/boot/boards.sh checks the disassembly.
ARCH_CFLAGS := -mthumb
KERNEL_PKG := linux-image-armmp
QEMU_ARMV7_KDIR := $(DL_DIR)/$(KERNEL_PKG)
BOARD_KERNEL := $(QEMU_ARMV7_KDIR)/vmlinuz
# A zImage: QEMU boots it as is.
BOARD_KERNEL_PREP := cp
QEMU := qemu-system-arm
ifeq ($(origin KERNEL),undefined)
BOARD_MODULES_DIR := $(QEMU_ARMV7_KDIR)/modules
$(O)/.rootfs.stamp: $(BOARD_KERNEL)
endif
# The shared fetch script, pointed at the armhf index that
# apt-armhf.sh keeps in DL_DIR (never in dpkg).
QEMU_ARMV7_APT := sh $(QEMU_ARMV7_DIR)/apt-armhf.sh $(QEMU_ARMV7_KDIR).apt
# Order-only, as lib/kernel.mk's: a fresh clone must not fetch again.
$(BOARD_KERNEL): | $(CURDIR)/lib/scripts/fetch-kernel.sh $(QEMU_ARMV7_DIR)/apt-armhf.sh
	$(call msg,FETCH,$(KERNEL_PKG):armhf)
	$(Q)$(QEMU_ARMV7_APT) apt-get update >&2 && \
	APT_WRAP='$(QEMU_ARMV7_APT)' sh $(CURDIR)/lib/scripts/fetch-kernel.sh $(KERNEL_PKG) armhf $(QEMU_ARMV7_KDIR)
# What tests/boot/boards.sh makes first: where these cannot be set up
# (no armhf gcc, no way to Debian's archive) the board is a SKIP there.
BOARD_SETUP := $(MUSL_ARMHF_CC) $(BOARD_KERNEL)
# Everything compiled for the target waits for the compiler.
ifeq ($(CC),$(MUSL_ARMHF_CC))
$(O)/gen/config.h $(O)/toybox/toybox: | $(MUSL_ARMHF_CC)
$(MUSL_ARMHF_CC): | $(QEMU_ARMV7_DIR)/build-musl.sh $(QEMU_ARMV7_DIR)/apt-armhf.sh
	$(call msg,MUSL,$(MUSL_ARMHF))
	$(Q)sh $(QEMU_ARMV7_DIR)/build-musl.sh $(MUSL_ARMHF)
endif
