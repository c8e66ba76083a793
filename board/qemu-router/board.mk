# qemu-router: a small home router in QEMU (x86_64, q35): two NICs, the
# WAN on QEMU's user-mode network, the LAN bridged to the services'
# veths; unmodified Debian daemons (dnsmasq, dropbear, lighttpd, busybox
# udhcpc), each in its own jail. The default board's machine and
# compiler; a kernel of its own, since it boots as a device does.
include $(CURDIR)/board/qemu-x86_64/board.mk
DL_DIR ?= $(CURDIR)/dl
# The root is rootfs.squashfs on the first virtio disk, with no
# initramfs, so the disk, squashfs and ext4 drivers must be built in,
# and Debian's kernels have them as modules: the board's kernel is built
# from Debian's linux-source, tinyconfig plus kernel.config, once per
# source version and kernel.config (lib/scripts/build-kernel.sh, cached
# in DL_DIR), and $(O)/bzImage only rewritten when it changes. Booted
# through PVH as the default board's (BOARD_KERNEL_PREP). KERNEL=
# overrides it.
KERNEL_PKG :=
KERNEL_DEBARCH :=
BOARD_KERNEL := $(O)/bzImage
BOARD_DEPS := bc flex bison libelf-dev libc6-dev
$(BOARD_KERNEL): router-kernel-force
	$(call msg,KBUILD,$@)
	@mkdir -p $(@D)
	$(Q)nice -n 10 sh $(CURDIR)/lib/scripts/build-kernel.sh linux-source \
		$(BOARD_DIR)/kernel.config $(DL_DIR) $@
router-kernel-force:
.PHONY: router-kernel-force
# The daemons come from Debian's archive, not from the build host: the
# packages (and the libraries they load, recursively) are unpacked with
# dpkg-deb -x into DL_DIR by lib/scripts/debroot.sh, checked by apt
# against the archive's signed index. Nothing is installed on the host
# and no maintainer script runs. SYSROOT= on the command line (a tree
# of your own with the same programs) skips the fetch.
ROUTER_PKGS := dnsmasq-base dropbear-bin lighttpd busybox-static
ifeq ($(origin SYSROOT),undefined)
SYSROOT := $(DL_DIR)/router-amd64
# Run every build (it returns at once when the tree is the one asked
# for), but order-only: the table is not recompiled for it.
$(O)/gen/table.c $(O)/gen/manifest: | router-sysroot
router-sysroot:
	$(call msg,DEBROOT,$(SYSROOT))
	$(Q)sh $(CURDIR)/lib/scripts/debroot.sh $(SYSROOT) amd64 $(ROUTER_PKGS)
.PHONY: router-sysroot
BOARD_SETUP := router-sysroot
endif
