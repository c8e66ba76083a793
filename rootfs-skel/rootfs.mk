# rootfs-skel: the staging tree $(O)/rootfs and the images made from it.
# Included by the top Makefile (one make, no recursion).

MKCPIO := $(O)/host/mkcpio
ROOTFS := $(O)/rootfs
ROOTFS_STAMP := $(O)/.rootfs.stamp

$(MKCPIO): rootfs-skel/mkcpio.c
	$(call msg,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_MANDATORY) $(HOSTCFLAGS) -o $@ $<

$(ROOTFS_STAMP): $(O)/corral $(O)/gen/manifest rootfs-skel/mkroot.sh
	$(call msg,ROOTFS,$(ROOTFS))
	$(Q)sh rootfs-skel/mkroot.sh $(O) $(ROOTFS)
	@touch $@

# /dev/console must exist before PID 1 runs for the kernel to give it a
# console; a build user cannot mknod, so mkcpio adds the node itself.
$(O)/rootfs.cpio.gz: $(ROOTFS_STAMP) $(MKCPIO)
	$(call msg,CPIO,$@)
	$(Q)$(MKCPIO) -t $(SOURCE_DATE_EPOCH) -n /dev/console:600:c:5:1 \
		$(ROOTFS) | gzip -9n > $@

rootfs: $(ROOTFS_STAMP)
images: $(O)/rootfs.cpio.gz
.PHONY: rootfs
