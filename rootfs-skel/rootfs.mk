# rootfs-skel: static toybox, the staging tree $(O)/rootfs and the images
# made from it. Included by the top Makefile (one make, no recursion).
#
#   $(O)/toybox/toybox   static toybox, built once per O= from pinned,
#                        sha256-verified source (TOYBOX_SRC= or DL_DIR=)
#   $(O)/rootfs/         base system + one subtree per isolated service,
#                        checked complete (rootfs-skel/mkroot.sh)
#   $(O)/rootfs.cpio.gz  newc, written by our mkcpio: no root, no fakeroot
#   $(O)/rootfs.squashfs with CONFIG_SQUASHFS=y and mksquashfs installed
# Both images are bit-for-bit reproducible from the same inputs and
# SOURCE_DATE_EPOCH.

MKCPIO := $(O)/host/mkcpio
ELFDEPS := $(O)/host/elfdeps
ROOTFS := $(O)/rootfs
ROOTFS_STAMP := $(O)/.rootfs.stamp
DL_DIR ?= $(CURDIR)/dl
TOYBOX_SRC ?=
TOYBOX_DIR := $(O)/toybox
ROOTFS_VERSION ?= $(shell git describe --always 2>/dev/null || echo 0)

$(MKCPIO) $(ELFDEPS): $(O)/host/%: rootfs-skel/%.c rootfs-skel/hostlib.c rootfs-skel/hostlib.h
	$(call msg,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_MANDATORY) $(HOSTCFLAGS) -o $@ $< rootfs-skel/hostlib.c

# ---- toybox ----------------------------------------------------------------
# Rebuilt only when what it is built from changes: the inputs file is
# rewritten only when its contents differ, so an image rebuild (and
# `make check`) reuses the binary.
ifeq ($(CONFIG_TOYBOX),y)
TOYBOX_BIN := $(TOYBOX_DIR)/toybox
TOYBOX_APPLETS := $(TOYBOX_DIR)/applets
endif
TOYBOX_CFLAGS := $(KERNEL_HEADERS_FLAGS)

$(TOYBOX_DIR)/inputs: rootfs-force
	@mkdir -p $(@D)
	@printf '%s\n' 'CC=$(CC)' 'STRIP=$(STRIP)' 'CFLAGS=$(TOYBOX_CFLAGS)' \
		'SRC=$(TOYBOX_SRC)' >$@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

$(TOYBOX_DIR)/toybox: $(TOYBOX_DIR)/inputs rootfs-skel/build-toybox.sh \
		rootfs-skel/fetch-toybox.sh $(wildcard $(TOYBOX_SRC))
	$(call msg,TOYBOX,$@)
	$(Q)src='$(TOYBOX_SRC)'; \
	if [ -z "$$src" ]; then src=$$(sh rootfs-skel/fetch-toybox.sh '$(DL_DIR)'); fi && \
	CC='$(CC)' STRIP='$(STRIP)' HOSTCC='$(HOSTCC)' \
	CFLAGS_EXTRA='$(TOYBOX_CFLAGS)' bash rootfs-skel/build-toybox.sh "$$src" $(TOYBOX_DIR)
$(TOYBOX_DIR)/applets: $(TOYBOX_DIR)/toybox

toybox: $(TOYBOX_BIN)

# ---- the staging tree ----------------------------------------------------
# The board overlay and the sources of `files SRC:DST` (from the last
# manifest: a new one means a rebuild anyway) are inputs too.
ROOTFS_DEPS := $(O)/corral $(O)/gen/manifest $(ELFDEPS) $(TOYBOX_BIN) \
	$(TOYBOX_APPLETS) $(wildcard rootfs-skel/*.sh) $(BOARD_DIR)/board.mk \
	$(wildcard $(BOARD_DIR)/passwd $(BOARD_DIR)/group) \
	$(shell { [ ! -d '$(BOARD_DIR)/rootfs' ] || echo '$(BOARD_DIR)/rootfs'; \
		awk -F'\t' '$$1 == "copy" { print $$3 }' '$(O)/gen/manifest'; \
		} 2>/dev/null | xargs -r -d '\n' find 2>/dev/null)

$(ROOTFS_STAMP): $(ROOTFS_DEPS)
	$(call msg,ROOTFS,$(ROOTFS))
	$(Q)ROOTFS='$(ROOTFS)' MANIFEST='$(O)/gen/manifest' CORRAL='$(O)/corral' \
	ELFDEPS='$(ELFDEPS)' TOYBOX='$(TOYBOX_BIN)' APPLETS='$(TOYBOX_APPLETS)' \
	SYSROOT='$(or $(SYSROOT),/)' BOARD_DIR='$(BOARD_DIR)' KERNEL='$(KERNEL)' \
	MODULES_DIR='$(BOARD_MODULES_DIR)' VERSION='$(ROOTFS_VERSION)' \
	bash rootfs-skel/mkroot.sh
	@touch $@

# The subtrees alone, into a distribution's finished target tree
# (DESTDIR=, e.g. Buildroot's TARGET_DIR from the package's finalize
# hook): every file a service lists comes from that tree, the svc-* ids
# join its /etc/passwd and /etc/group, modules come from its
# /lib/modules, and nothing else in it is replaced. No toybox.
install-subtrees: $(O)/corral $(O)/gen/manifest $(ELFDEPS)
	$(if $(DESTDIR),,$(error install-subtrees needs DESTDIR=, the target tree))
	$(call msg,SUBTREES,$(DESTDIR))
	$(Q)ROOTFS='$(DESTDIR)' BASE=keep MANIFEST='$(O)/gen/manifest' \
	CORRAL='$(O)/corral' ELFDEPS='$(ELFDEPS)' TOYBOX= APPLETS= \
	SYSROOT='$(DESTDIR)' BOARD_DIR='$(BOARD_DIR)' \
	MODULES_DIR='$(DESTDIR)/lib/modules' bash rootfs-skel/mkroot.sh

# ---- images ------------------------------------------------------------------
# /dev/console must exist before PID 1 runs for the kernel to give it a
# console; a build user cannot mknod, so both writers add the node.
$(O)/rootfs.cpio.gz: $(ROOTFS_STAMP) $(MKCPIO)
	$(call msg,CPIO,$@)
	$(Q)set -o pipefail; $(MKCPIO) -t $(SOURCE_DATE_EPOCH) \
		-n /dev/console:600:c:5:1 $(ROOTFS) | gzip -9n >$@.tmp && mv $@.tmp $@

ifeq ($(CONFIG_SQUASHFS),y)
SQUASHFS_IMG := $(if $(shell command -v mksquashfs 2>/dev/null),$(O)/rootfs.squashfs)
endif

$(O)/rootfs.squashfs: $(ROOTFS_STAMP)
	$(call msg,SQUASHFS,$@)
	$(Q)rm -f $@.tmp && SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) mksquashfs \
		$(ROOTFS) $@.tmp -noappend -all-root -no-xattrs -comp xz \
		-p '/dev/console c 600 0 0 5 1' -quiet -no-progress >/dev/null && \
		mv $@.tmp $@

# The size table: every image, and what each service's subtree adds.
rootfs-sizes: $(O)/rootfs.cpio.gz $(SQUASHFS_IMG)
	$(Q)MANIFEST='$(O)/gen/manifest' bash rootfs-skel/sizes.sh $(ROOTFS) $^ \
		| tee $(O)/sizes.txt

rootfs: $(ROOTFS_STAMP)
images: $(O)/rootfs.cpio.gz $(SQUASHFS_IMG) rootfs-sizes
.PHONY: rootfs toybox rootfs-sizes rootfs-force install-subtrees
