# The board's kernel, never installed on the host. Included by the top
# Makefile right after board.mk, which sets either:
#   KERNEL_PKG + KERNEL_DEBARCH   Debian's kernel: the package the
#       metapackage KERNEL_PKG (linux-image-amd64) points to, fetched
#       with apt-get download and unpacked once into
#       $(DL_DIR)/$(KERNEL_PKG) (lib/scripts/fetch-kernel.sh); its
#       modules go into the image
# or BOARD_KERNEL itself. KERNEL= on the command line overrides both
# (give its modules tree as BOARD_MODULES_DIR= too).
DL_DIR ?= $(CURDIR)/dl

ifneq ($(KERNEL_DEBARCH),)
KERNEL_DEB_DIR := $(DL_DIR)/$(KERNEL_PKG)
BOARD_KERNEL := $(KERNEL_DEB_DIR)/vmlinuz
ifeq ($(origin KERNEL),undefined)
BOARD_MODULES_DIR := $(KERNEL_DEB_DIR)/modules
# mkroot.sh copies the `module` lines' .ko files from that tree.
$(O)/.rootfs.stamp: $(BOARD_KERNEL)
endif
# Order-only: a fresh clone's script is always newer than the kernel
# kept in DL_DIR, and must not fetch it again (nor fail offline). After
# a change to the script, remove $(KERNEL_DEB_DIR) to fetch anew.
$(BOARD_KERNEL): | $(CURDIR)/lib/scripts/fetch-kernel.sh
	$(call msg,FETCH,$(KERNEL_PKG):$(KERNEL_DEBARCH))
	$(Q)sh $(CURDIR)/lib/scripts/fetch-kernel.sh $(KERNEL_PKG) $(KERNEL_DEBARCH) $(KERNEL_DEB_DIR)
endif
