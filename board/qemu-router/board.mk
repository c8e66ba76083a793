# qemu-router: a small home router in QEMU (x86_64, q35): two NICs, the
# WAN on QEMU's user-mode network, the LAN bridged to the services'
# veths; unmodified Debian daemons (dnsmasq, dropbear, lighttpd, busybox
# udhcpc), each in its own jail. The default board's machine, compiler
# and kernel.
include $(CURDIR)/board/qemu-x86_64/board.mk
DL_DIR ?= $(CURDIR)/dl
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
