# br-pkg.mk: Buildroot's package infrastructure, in small, to evaluate
# the real board/buildroot/package/corral/corral.mk the way Buildroot
# 2026.02 does (package/pkg-generic.mk, package/pkg-utils.mk,
# package/Makefile.in, the target-finalize and linux fixup steps of its
# Makefile and linux/linux.mk). Written for tests/boot/buildroot.sh,
# which gives:
#
#   BR_CONFIG  a .config of the external tree's symbols (kconfiglib)
#   OUT        Buildroot's output directory
#   BR_CC      the toolchain wrapper (tests/distro-lib.sh, buildroot)
#   BR_CFLAGS BR_LDFLAGS  TARGET_CFLAGS and TARGET_LDFLAGS
#   PACKAGES_OTHER  other packages: NAME=FILE:PATH copies FILE
#              to TARGET_DIR/PATH
#
# Nothing here comes from Buildroot: only the interface corral.mk uses.

BR2_EXTERNAL_CORRAL_PATH := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../../board/buildroot)
include $(BR_CONFIG)
BASE_DIR := $(OUT)
BUILD_DIR := $(OUT)/build
TARGET_DIR := $(OUT)/target
STAGING_DIR := $(OUT)/staging
HOST_DIR := $(OUT)/host
LINUX_CONFIG := $(OUT)/linux.config

qstrip = $(strip $(subst ",,$(1)))
UPPERCASE = $(shell echo $(1) | tr a-z- A-Z_)
define sep


endef
RSYNC_VCS_EXCLUSIONS = --exclude .svn --exclude .git --exclude .hg \
	--exclude .bzr --exclude CVS
KCONFIG_ENABLE_OPT = sed -i -e '/^\(\# \)\?$(1)[= ]/d' $(LINUX_CONFIG) && \
	echo '$(1)=y' >>$(LINUX_CONFIG)

TARGET_MAKE_ENV = PATH="$(HOST_DIR)/bin:$(PATH)"
TARGET_CONFIGURE_OPTS = \
	$(TARGET_MAKE_ENV) \
	AR="ar" AS="as" LD="ld" NM="nm" \
	CC="$(BR_CC)" GCC="$(BR_CC)" CPP="$(BR_CC) -E" CXX="false" \
	RANLIB="ranlib" READELF="readelf" STRIP="strip" \
	OBJCOPY="objcopy" OBJDUMP="objdump" \
	CC_FOR_BUILD="$(HOSTCC)" \
	CPPFLAGS="-D_LARGEFILE_SOURCE -D_LARGEFILE64_SOURCE -D_FILE_OFFSET_BITS=64" \
	CFLAGS="$(BR_CFLAGS)" \
	LDFLAGS="$(BR_LDFLAGS)" \
	PKG_CONFIG="false" \
	STAGING_DIR="$(STAGING_DIR)"
HOSTCC := gcc

# generic-package for a local package: rsync, configure, build, install
# to the target, then register its finalize hooks and kernel fixups.
pkgdir = $(dir $(lastword $(MAKEFILE_LIST)))
pkgname = $(lastword $(subst /, ,$(pkgdir)))
define inner-generic-package
$(2)_VERSION = custom
$(2)_DIR = $(BUILD_DIR)/$(1)-$$($(2)_VERSION)
$$($(2)_DIR)/.stamp_rsynced:
	mkdir -p $$(@D)
	rsync -au --chmod=u=rwX,go=rX $$($(2)_OVERRIDE_SRCDIR_RSYNC_EXCLUSIONS) \
		$(RSYNC_VCS_EXCLUSIONS) $$(call qstrip,$$($(2)_SITE))/ $$(@D)
	touch $$@
$$($(2)_DIR)/.stamp_configured: $$($(2)_DIR)/.stamp_rsynced | $$(patsubst %,$(BUILD_DIR)/%.installed,$$($(2)_DEPENDENCIES))
	$$($(2)_CONFIGURE_CMDS)
	touch $$@
$$($(2)_DIR)/.stamp_built: $$($(2)_DIR)/.stamp_configured
	$$($(2)_BUILD_CMDS)
	touch $$@
$$($(2)_DIR)/.stamp_target_installed: $$($(2)_DIR)/.stamp_built
	mkdir -p $(TARGET_DIR)
	$$($(2)_INSTALL_TARGET_CMDS)
	touch $$@
$(1): $$($(2)_DIR)/.stamp_target_installed
PACKAGES += $(1)
TARGET_FINALIZE_HOOKS += $$($(2)_TARGET_FINALIZE_HOOKS)
PACKAGES_LINUX_CONFIG_FIXUPS += $$($(2)_LINUX_CONFIG_FIXUPS)$$(sep)
endef
generic-package = $(call inner-generic-package,$(pkgname),$(call UPPERCASE,$(pkgname)))

# The other packages: a file each, installed before anything that
# depends on them.
$(BUILD_DIR)/%.installed:
	mkdir -p $(dir $(TARGET_DIR)/$(word 2,$(subst :, ,$(PKG_$*)))) $(@D)
	cp -a $(word 1,$(subst :, ,$(PKG_$*))) $(TARGET_DIR)/$(word 2,$(subst :, ,$(PKG_$*)))
	touch $@
$(foreach p,$(PACKAGES_OTHER),$(eval PKG_$(firstword $(subst =, ,$(p))) = $(lastword $(subst =, ,$(p)))))

include $(BR2_EXTERNAL_CORRAL_PATH)/external.mk

all: target-finalize linux-fixups
target-finalize: $(PACKAGES)
	$(foreach hook,$(TARGET_FINALIZE_HOOKS),$($(hook))$(sep))
linux-fixups:
	touch $(LINUX_CONFIG)
	$(PACKAGES_LINUX_CONFIG_FIXUPS)
.PHONY: all target-finalize linux-fixups $(PACKAGES)
