################################################################################
#
# corral
#
################################################################################

# The package builds the corral tree this BR2_EXTERNAL tree is part of
# (board/buildroot/ in it): nothing to download, so nothing to pin.
CORRAL_SITE = $(BR2_EXTERNAL_CORRAL_PATH)/../..
CORRAL_SITE_METHOD = local
CORRAL_LICENSE = MIT
CORRAL_LICENSE_FILES = LICENSE
# A developer checkout's build outputs and download cache are not sources.
CORRAL_OVERRIDE_SRCDIR_RSYNC_EXCLUSIONS = --exclude=/out --exclude=/dl

CORRAL_BOARD = $(call qstrip,$(BR2_PACKAGE_CORRAL_BOARD))
CORRAL_BOARD_DIR = $(if $(findstring /,$(CORRAL_BOARD)),$(CORRAL_BOARD),$(CORRAL_DIR)/board/$(CORRAL_BOARD))
CORRAL_SERVICES = $(call qstrip,$(BR2_PACKAGE_CORRAL_SERVICES))
# The services compiler checks each `files` path in the target tree: the
# packages those files come from are built first.
CORRAL_DEPENDENCIES = $(call qstrip,$(BR2_PACKAGE_CORRAL_DEPENDENCIES))

# corral's Kconfig switches, after the board's defconfig. Never toybox:
# the target tree is Buildroot's, and corral's build downloads nothing.
CORRAL_SWITCHES = CTL_SOCKET SECCOMP CGROUP_V1 VETH MODULES WATCHDOG
CORRAL_KCONFIG = \
	CONFIG_MAX_SERVICES=$(BR2_PACKAGE_CORRAL_MAX_SERVICES) \
	$(foreach s,$(CORRAL_SWITCHES),CONFIG_$(s)=$(if $(BR2_PACKAGE_CORRAL_$(s)),y,n)) \
	CONFIG_TOYBOX=n \
	CONFIG_SQUASHFS=n

# Buildroot's compiler and flags; CORRAL_SIZE=y puts corral's size flags
# after TARGET_CFLAGS (-Oz beats its -O2, and the stripped binary stays
# within the board's budget). BOARD is a copy of the board with this
# configuration's defconfig; SERVICES the services file, if not the
# board's; `files` come from SYSROOT, the target tree.
CORRAL_MAKE_OPTS = \
	$(TARGET_CONFIGURE_OPTS) \
	HOSTCC="$(HOSTCC)" \
	BOARD=$(CORRAL_DIR)/br-board \
	O=$(CORRAL_DIR)/out \
	SYSROOT=$(TARGET_DIR) \
	$(if $(CORRAL_SERVICES),SERVICES=$(CORRAL_SERVICES)) \
	CORRAL_SIZE=y \
	NO_DEPS=1

define CORRAL_CONFIGURE_CMDS
	rm -rf $(@D)/br-board
	mkdir -p $(@D)/br-board
	cp -a $(CORRAL_BOARD_DIR)/. $(@D)/br-board/
	printf '%s\n' $(CORRAL_KCONFIG) >>$(@D)/br-board/defconfig
endef

define CORRAL_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) $(CORRAL_MAKE_OPTS) corral
endef

# /sbin/corral, /sbin/init -> corral (never stripped here), and /init:
# the kernel runs /init from an initramfs, and Buildroot's own is a
# shell script for a shell this image does not have.
define CORRAL_INSTALL_TARGET_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) $(CORRAL_MAKE_OPTS) \
		DESTDIR=$(TARGET_DIR) install
	ln -sf sbin/corral $(TARGET_DIR)/init
endef

# Each service's subtree holds files of other packages: made once every
# package is installed, from the compiled table's manifest.
define CORRAL_SUBTREES
	$(TARGET_MAKE_ENV) $(MAKE) -C $(CORRAL_DIR) $(CORRAL_MAKE_OPTS) \
		DESTDIR=$(TARGET_DIR) install-subtrees
endef
CORRAL_TARGET_FINALIZE_HOOKS += CORRAL_SUBTREES

# What corral's sandbox and boot need from the kernel.
define CORRAL_LINUX_CONFIG_FIXUPS
	$(call KCONFIG_ENABLE_OPT,CONFIG_BLK_DEV_INITRD)
	$(call KCONFIG_ENABLE_OPT,CONFIG_RD_GZIP)
	$(call KCONFIG_ENABLE_OPT,CONFIG_DEVTMPFS)
	$(call KCONFIG_ENABLE_OPT,CONFIG_TMPFS)
	$(call KCONFIG_ENABLE_OPT,CONFIG_UNIX)
	$(call KCONFIG_ENABLE_OPT,CONFIG_SYSVIPC)
	$(call KCONFIG_ENABLE_OPT,CONFIG_NAMESPACES)
	$(call KCONFIG_ENABLE_OPT,CONFIG_UTS_NS)
	$(call KCONFIG_ENABLE_OPT,CONFIG_IPC_NS)
	$(call KCONFIG_ENABLE_OPT,CONFIG_PID_NS)
	$(call KCONFIG_ENABLE_OPT,CONFIG_NET_NS)
	$(call KCONFIG_ENABLE_OPT,CONFIG_CGROUPS)
	$(call KCONFIG_ENABLE_OPT,CONFIG_MEMCG)
	$(call KCONFIG_ENABLE_OPT,CONFIG_CGROUP_PIDS)
	$(call KCONFIG_ENABLE_OPT,CONFIG_CGROUP_SCHED)
	$(call KCONFIG_ENABLE_OPT,CONFIG_FAIR_GROUP_SCHED)
	$(call KCONFIG_ENABLE_OPT,CONFIG_CFS_BANDWIDTH)
	$(call KCONFIG_ENABLE_OPT,CONFIG_SECCOMP)
	$(call KCONFIG_ENABLE_OPT,CONFIG_SECCOMP_FILTER)
	$(if $(BR2_PACKAGE_CORRAL_VETH),$(call KCONFIG_ENABLE_OPT,CONFIG_VETH))
	$(if $(BR2_PACKAGE_CORRAL_WATCHDOG),$(call KCONFIG_ENABLE_OPT,CONFIG_WATCHDOG))
endef

$(eval $(generic-package))
