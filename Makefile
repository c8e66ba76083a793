# corral: the one build entry point (non-recursive GNU make).
#
#   make                  everything for BOARD (default qemu-x86_64)
#   make corral           only $(O)/corral, the static binary
#   make qemu             build, then boot the board's image in QEMU
#   make qemu-timeline    boot it, chart the boot in $(O)/timeline.svg
#   make check            build and run every test this machine can run
#   make bench            benchmarks, $(O)/bench/report.md and charts
#   make menuconfig | olddefconfig | savedefconfig
#   make man              corral(8), corral-services(5) in $(O)/man/
#
# Honoured: CROSS_COMPILE CC HOSTCC CFLAGS LDFLAGS DESTDIR PREFIX O= V=1
# BOARD= SOURCE_DATE_EPOCH KERNEL= TOYBOX_SRC= DL_DIR= WERROR=1 NO_DEPS=1
# SERVICES= CORRAL_SIZE=y (the size flags after a distribution's CFLAGS)
# SANITIZE=1 (ASan+UBSan host build in out/BOARD-san, for make check)

.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += -r
SHELL := /bin/bash

# ---- board and output directory ---------------------------------------
BOARD ?= qemu-x86_64
ifeq ($(findstring /,$(BOARD)),)
BOARD_DIR := $(CURDIR)/board/$(BOARD)
else
BOARD_DIR := $(abspath $(BOARD))
endif
BOARD_NAME := $(notdir $(BOARD_DIR))
ifeq ($(wildcard $(BOARD_DIR)/board.mk),)
$(error BOARD=$(BOARD): no $(BOARD_DIR)/board.mk (see README.md, "Adding a board"))
endif
# SANITIZE=1 (`make check SANITIZE=1`): everything that runs on the build
# host, corral included, built for it with ASan and UBSan (and LSan,
# part of ASan where it runs) by SAN_CC into its own O, so the static
# musl build is never mixed with it. Such a corral is a dynamic glibc
# program: fine for container mode and `corral run`, not for a board.
ifeq ($(SANITIZE),1)
O ?= out/$(BOARD_NAME)-san
endif
O ?= out/$(BOARD_NAME)
O := $(abspath $(O))
include $(BOARD_DIR)/board.mk
include lib/kernel.mk

ifeq ($(V),1)
Q :=
msg = @:
else
Q := @
msg = @printf '  %-8s %s\n' $(1) $(2);
endif

# ---- toolchains --------------------------------------------------------
# The target compiler: the board's musl cross compiler, or musl-gcc for a
# native board. An explicit CC (Buildroot, Yocto) always wins.
ifeq ($(origin CC),default)
ifneq ($(CROSS_COMPILE),)
CC := $(CROSS_COMPILE)gcc
else
CC := musl-gcc
endif
endif
HOSTCC ?= cc
STRIP ?= $(CROSS_COMPILE)strip
SIZE ?= $(CROSS_COMPILE)size
ifeq ($(origin STRIP),default)
STRIP := $(CROSS_COMPILE)strip
endif

# -flto lets gcc drop and merge across files: about 1 KiB of a 64 KiB
# budget. -Oz (gcc 12, clang) favours size over speed harder than -Os,
# another 800 bytes; a compiler without it gets -Os. A CFLAGS= without
# them still builds, just larger.
# GCC also inlines small functions at every call and spends registers
# to save work at -Oz; turning that off (where the compiler takes the
# flags) is another 600 bytes, and costs nothing measurable: corral's
# time goes to system calls.
GCC_SMALL := -fno-inline-small-functions -fno-caller-saves -fno-shrink-wrap \
	-fno-expensive-optimizations -fno-jump-tables
size_flags = $(if $(shell $(CC) -Oz -S -o /dev/null -x c /dev/null \
	2>/dev/null && echo y),-Oz,-Os) -flto \
	$(if $(shell $(CC) $(GCC_SMALL) -Werror -S -o /dev/null -x c \
	/dev/null 2>/dev/null && echo y),$(GCC_SMALL))
ifeq ($(origin CFLAGS),undefined)
CFLAGS := $(size_flags)
endif
# CORRAL_SIZE=y (the Buildroot package, the Yocto recipe): keep the
# distribution's CFLAGS (its --sysroot, -march, -g, -pipe...) and put
# the size flags after them, so their -Oz beats its -O2 or -Os. Also
# -fno-stack-protector: corral's own build has none, and Buildroot's
# and Yocto's -fstack-protector-strong is 3.3 KiB of the budget. And
# -z norelro after Yocto's LDFLAGS' -z relro (CORRAL_LDFLAGS, below).
ifeq ($(CORRAL_SIZE),y)
SIZE_CFLAGS := $(size_flags) -fno-stack-protector
override CFLAGS += $(SIZE_CFLAGS)
override LDFLAGS += -Wl,-z,norelro
endif
LDFLAGS ?=
# Mandatory flags: kept apart so CFLAGS= from Buildroot/Yocto never drops
# them. No floating point anywhere (MIPS router SoCs have no FPU).
# -fno-pie: the link is -static, a fixed-address executable, so code
# built position-independent (many distributions' default) only pays
# for it: about 1.5 KiB.
CORRAL_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow \
	-Wno-unused-parameter -ffunction-sections -fdata-sections \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-pie \
	-I$(O)/gen -I$(CURDIR)/lib -I$(CURDIR) $(ARCH_CFLAGS)
# noseparate-code and norelro stop ld padding segments to page
# boundaries (about 7 KiB of zeros in a 64 KiB file). RELRO guards the
# GOT a dynamic linker filled in; a static binary has no dynamic linker
# and next to no GOT, so nothing is lost. A tiny common-page-size stops
# ld starting the data at a fresh file page to save one page of RAM
# (up to 4 KiB of zeros in the file; the kernel maps the shared page
# twice, copy-on-write, as for any binary).
# nocomment.ld discards .comment, the compilers' version strings
# (strip keeps them): 144 bytes on x86_64.
# On x86_64, libc-text.ld packs musl's functions at 4 bytes, not 16.
comma := ,
NOCOMMENT_LD := $(CURDIR)/lib/scripts/nocomment.ld
CORRAL_LD := $(NOCOMMENT_LD) $(if $(filter x86_64,$(ARCH)),$(CURDIR)/lib/scripts/libc-text.ld)
CORRAL_LDFLAGS := -static -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,noseparate-code -Wl,-z,norelro -Wl,-z,common-page-size=16 \
	$(addprefix -Wl$(comma)-T$(comma),$(CORRAL_LD)) $(ARCH_LDFLAGS)
ifeq ($(WERROR),1)
CORRAL_CFLAGS += -Werror
endif
# Debian's musl-gcc wrapper uses -nostdinc: let it see <linux/*.h> from
# the distribution's kernel headers, after musl's own. Only when the
# compiler does not find them itself: a cross compiler with a sysroot
# (Buildroot's, Yocto's, named *-musl-gcc too) must never see the build
# host's /usr/include, and Buildroot's refuses to.
ifneq ($(filter %musl-gcc,$(CC)),)
ifneq ($(KERNEL_HEADERS),)
KERNEL_HEADERS_FLAGS := $(if $(shell printf '\043include <linux/types.h>\n' | \
	$(CC) $(CFLAGS) -E -o /dev/null -x c - 2>/dev/null && echo y),,$(foreach \
	d,$(KERNEL_HEADERS),-idirafter $(d)))
endif
endif
CORRAL_CFLAGS += $(KERNEL_HEADERS_FLAGS)
HOSTCFLAGS ?= -O2 -g
HOST_MANDATORY := -std=c11 -D_GNU_SOURCE -Wall -Wextra -I$(CURDIR)/lib
ifeq ($(WERROR),1)
HOST_MANDATORY += -Werror
endif
# SANITIZE=1: the target compiler and flags are kept as TARGET_* for
# what must stay static (the test helpers run inside jails), then CC
# and HOSTCC become SAN_CC with ASan and UBSan. Any report stops the
# program (-fno-sanitize-recover); tests/run.sh sets ASAN_OPTIONS and
# fails a test whose programs reported anything.
TARGET_CC := $(CC)
TARGET_CFLAGS := $(CORRAL_CFLAGS) $(CFLAGS)
TARGET_LDFLAGS := $(CORRAL_LDFLAGS)
ifeq ($(SANITIZE),1)
SAN_CC ?= clang
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -g -O1
override CC := $(SAN_CC)
override HOSTCC := $(SAN_CC)
override CFLAGS := $(SAN_FLAGS)
override HOSTCFLAGS := $(SAN_FLAGS)
# Without musl-gcc's -idirafter kernel headers or gcc's -malign-data.
CORRAL_CFLAGS := $(filter-out $(KERNEL_HEADERS_FLAGS) -malign-data=%,$(CORRAL_CFLAGS))
CORRAL_LDFLAGS := $(SAN_FLAGS) -no-pie
endif

PREFIX ?= /
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

# ---- configuration -----------------------------------------------------
# $(O)/.config is complete: seeded from the board's defconfig plus every
# Kconfig default by an awk script, so a build needs no python. menuconfig
# and friends use kconfiglib on the same file.
KCONFIGS := Kconfig $(wildcard */Kconfig)
CONFIG := $(O)/.config
CONFIG_H := $(O)/gen/config.h
KCONFIG := $(CURDIR)/lib/scripts/kconfig.sh

$(CONFIG): $(BOARD_DIR)/defconfig $(KCONFIGS) lib/scripts/kconfig.awk
	$(call msg,CONFIG,$@)
	@mkdir -p $(@D)
	$(Q)if [ -f $@ ]; then base=$@; else base=$(BOARD_DIR)/defconfig; fi; \
	awk -f lib/scripts/kconfig.awk -v top=Kconfig $$base > $@.tmp && mv $@.tmp $@

$(CONFIG_H): $(CONFIG) lib/scripts/config-h.sh
	$(call msg,GEN,$@)
	@mkdir -p $(@D)
	$(Q)sh lib/scripts/config-h.sh $< > $@

-include $(CONFIG)

menuconfig olddefconfig savedefconfig: $(CONFIG)
	$(Q)cd $(CURDIR) && KCONFIG_CONFIG=$(CONFIG) $(KCONFIG) $@ $(BOARD_DIR)/defconfig

defconfig:
	@mkdir -p $(O)
	$(Q)rm -f $(CONFIG) && $(MAKE) --no-print-directory $(CONFIG)

# ---- the services table -------------------------------------------------
SVCC := $(O)/host/svcc
SVCC_SRC := $(wildcard rootfs-skel/svcc/*.c) rootfs-skel/hostlib.c lib/value.c
SVCC_FLAGS = --max-services $(CONFIG_MAX_SERVICES) \
	$(if $(wildcard $(BOARD_DIR)/passwd),--passwd $(BOARD_DIR)/passwd) \
	$(if $(wildcard $(BOARD_DIR)/group),--group $(BOARD_DIR)/group) \
	$(if $(SYSROOT),--sysroot $(SYSROOT))

$(SVCC): $(SVCC_SRC) $(wildcard rootfs-skel/svcc/*.h) rootfs-skel/hostlib.h $(wildcard lib/*.h)
	$(call msg,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_MANDATORY) $(HOSTCFLAGS) -o $@ $(SVCC_SRC)

# SERVICES= another services file than the board's (the Buildroot package).
SERVICES ?= $(BOARD_DIR)/services
$(O)/gen/table.c $(O)/gen/manifest &: $(SERVICES) $(SVCC) $(CONFIG)
	$(call msg,SVCC,$<)
	@mkdir -p $(@D)
	$(Q)$(SVCC) $(SVCC_FLAGS) -o $(O)/gen/table.c -m $(O)/gen/manifest $<

# ---- the binary ----------------------------------------------------------
# Objects depend on the flags they were built with: changing CC, CFLAGS
# or a board's ARCH_CFLAGS rebuilds, instead of linking stale objects.
FLAGS_STAMP := $(O)/gen/flags
FLAGS_NOW := $(CC) $(CORRAL_CFLAGS) $(CFLAGS) $(CORRAL_LDFLAGS) $(LDFLAGS)
ifneq ($(FLAGS_NOW),$(shell cat $(FLAGS_STAMP) 2>/dev/null))
$(shell mkdir -p $(O)/gen && printf '%s\n' '$(FLAGS_NOW)' > $(FLAGS_STAMP))
endif
# ---- help texts ------------------------------------------------------------
# DIR/NAME.help becomes $(O)/gen/NAME_help.h, LZ77-packed by a host tool
# (lib/host/packtext.c): 5 KiB of text in 3 KiB of a 64 KiB binary.
PACKTEXT := $(O)/host/packtext
HELP_H := $(patsubst %.help,$(O)/gen/%_help.h,$(notdir $(wildcard init/*.help sandbox/*.help)))

$(PACKTEXT): lib/host/packtext.c lib/out.c lib/out.h
	$(call msg,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_MANDATORY) -I$(CURDIR)/lib $(HOSTCFLAGS) -o $@ lib/host/packtext.c lib/out.c

.SECONDARY: $(HELP_H)
$(O)/gen/%_help.h: init/%.help $(PACKTEXT)
	$(call msg,PACK,$<)
	$(Q)$(PACKTEXT) $*_help $< > $@

# corral run --help: the option lines come from lib/opts.h's rows.
OPTHELP := $(O)/host/opthelp
$(OPTHELP): lib/host/opthelp.c lib/opts.h
	$(call msg,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_MANDATORY) -I$(CURDIR)/lib $(HOSTCFLAGS) -o $@ $<

$(O)/gen/run.help: sandbox/run.help $(OPTHELP)
	$(call msg,GEN,$@)
	@mkdir -p $(@D)
	$(Q)$(OPTHELP) $< > $@

$(O)/gen/run_help.h: $(O)/gen/run.help $(PACKTEXT)
	$(call msg,PACK,$<)
	$(Q)$(PACKTEXT) run_help $< > $@

$(O)/gen/%_help.h: sandbox/%.help $(PACKTEXT)
	$(call msg,PACK,$<)
	$(Q)$(PACKTEXT) $*_help $< > $@

CORRAL_SRC := $(wildcard init/*.c sandbox/*.c lib/*.c)
CORRAL_OBJ := $(patsubst %.c,$(O)/obj/%.o,$(CORRAL_SRC)) $(O)/obj/gen/table.o

$(O)/obj/%.o: %.c $(CONFIG_H) $(FLAGS_STAMP) $(HELP_H)
	$(call msg,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CORRAL_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/obj/gen/table.o: $(O)/gen/table.c $(CONFIG_H) $(FLAGS_STAMP)
	$(call msg,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CORRAL_CFLAGS) $(CFLAGS) -c -o $@ $<

-include $(CORRAL_OBJ:.o=.d)

$(O)/corral: $(CORRAL_OBJ) $(FLAGS_STAMP) $(CORRAL_LD)
	$(call msg,LD,$@)
	$(Q)$(CC) $(CORRAL_CFLAGS) $(CFLAGS) $(CORRAL_LDFLAGS) $(LDFLAGS) -o $@ \
		$(CORRAL_OBJ)

corral: $(O)/corral

# Section sizes of the stripped binary (toybox's bloatcheck, in small),
# failing over the board's SIZE_BUDGET (board.mk; 64 KiB unless set).
# `make size` checks every board in board/ (each in out/BOARD), a board
# whose toolchain this machine lacks a SKIP with the reason; with BOARD=
# on the command line, that board alone.
SIZE_BUDGET ?= 65536
ifeq ($(origin BOARD),command line)
size: size-board
else
size:
	$(Q)rc=0; for d in board/*/; do \
		b=$$(basename $$d); [ -f $$d/board.mk ] || continue; \
		if ! $(MAKE) --no-print-directory BOARD=$$b O=out/$$b \
			board-setup >out/size-$$b.log 2>&1; then \
			echo "$$b: SKIP: set-up failed: $$(tail -n 1 out/size-$$b.log)"; \
		elif ! $(MAKE) --no-print-directory BOARD=$$b O=out/$$b \
			toolchain-ok >/dev/null 2>&1; then \
			echo "$$b: SKIP: no toolchain (as root: make deps-qemu BOARD=$$b)"; \
		else \
			$(MAKE) --no-print-directory BOARD=$$b O=out/$$b \
				size-board >out/size-$$b.log 2>&1 || rc=1; \
			grep -v '^  [A-Z]' out/size-$$b.log; \
		fi; \
	done; exit $$rc
endif
size-board: $(O)/corral
	$(Q)$(STRIP) -o $(O)/corral.stripped $<
	$(Q)echo "$(BOARD_NAME) ($(ARCH)):"; \
	$(SIZE) -A $(O)/corral.stripped | awk 'NR>2 && $$2 > 0'
	$(Q)n=$$(stat -c %s $(O)/corral.stripped); \
	if [ $$n -le $(SIZE_BUDGET) ]; then \
		echo "stripped: $$n bytes (budget $(SIZE_BUDGET), $$(($(SIZE_BUDGET) - n)) left)"; \
	else \
		echo "stripped: $$n bytes: OVER the budget $(SIZE_BUDGET) by $$((n - $(SIZE_BUDGET)))"; \
		exit 1; \
	fi

# What the board fetches or builds before its compiler exists (BOARD_SETUP
# in board.mk: armv7's musl); toolchain-ok fails when CC, STRIP or SIZE
# is not there.
board-setup: $(BOARD_SETUP)
toolchain-ok:
	$(Q)for c in $(firstword $(CC)) $(STRIP) $(SIZE); do \
		command -v $$c >/dev/null || { echo "no $$c"; exit 1; }; done

# ---- man pages -------------------------------------------------------------
# corral(8) and corral-services(5) from docs/*.in, their option entries
# made from lib/opts.h's rows by a host tool (lib/host/mangen.c), so the
# pages cannot leave out an option the parsers have. `make man` also
# renders them (groff), failing on any warning: `man -l $(O)/man/corral.8`.
MANGEN := $(O)/host/mangen
MAN_PAGES := $(O)/man/corral.8 $(O)/man/corral-services.5
MAN_DATE = $(shell date -u -d @$(SOURCE_DATE_EPOCH) +%Y-%m-%d 2>/dev/null || echo 1970-01-01)
# The boards' services files give each option an example (its first use).
MAN_BOARDS := $(sort $(wildcard board/*/services board/*/board/*/services)) \
	tests/boards/daemons/services
$(MANGEN): lib/host/mangen.c lib/host/mangen_in.c lib/host/mangen.h \
		lib/opts.h lib/names.h
	$(call msg,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_MANDATORY) $(HOSTCFLAGS) -o $@ lib/host/mangen.c \
		lib/host/mangen_in.c

$(O)/man/corral.8: docs/corral.8.in $(MANGEN)
	$(call msg,GEN,$@)
	@mkdir -p $(@D)
	$(Q)$(MANGEN) run $< | sed 's/@DATE@/$(MAN_DATE)/' > $@.tmp && mv $@.tmp $@

$(O)/man/corral-services.5: docs/corral-services.5.in docs/services-options \
		$(MANGEN) $(MAN_BOARDS)
	$(call msg,GEN,$@)
	@mkdir -p $(@D)
	$(Q)$(MANGEN) services $< docs/services-options $(MAN_BOARDS) | \
		sed 's/@DATE@/$(MAN_DATE)/' > $@.tmp && mv $@.tmp $@

# Rendered as man(1) shows them; groff's warnings (-ww) fail the build.
$(O)/man/%.txt: $(O)/man/%
	$(call msg,MAN,$<)
	$(Q)command -v groff >/dev/null || { echo "make man: needs groff" \
		"(Debian: apt-get install groff-base)" >&2; exit 1; }; \
	groff -man -ww -Tutf8 -P-c $< > $@.tmp 2> $@.err; \
	if [ -s $@.err ] || ! [ -s $@.tmp ]; then cat $@.err >&2; \
		echo "$<: groff warnings (above)" >&2; rm -f $@.tmp; exit 1; fi; \
	rm -f $@.err; mv $@.tmp $@

man: $(MAN_PAGES) $(MAN_PAGES:=.txt)

# MANDIR: $(PREFIX)/share/man, but /usr/share/man for the default
# PREFIX=/ (and an empty one, Yocto's root_prefix): /share/man is no
# system's man path, while /sbin is where an init belongs.
MANDIR ?= $(if $(filter-out /,$(PREFIX)),$(PREFIX)/share/man,/usr/share/man)

# Never strips (SPEC 2): distributions split debug information themselves.
install: $(O)/corral $(MAN_PAGES)
	install -D -m 0755 $< $(DESTDIR)$(PREFIX)/sbin/corral
	ln -sf corral $(DESTDIR)$(PREFIX)/sbin/init
	install -D -m 0644 $(O)/man/corral.8 $(DESTDIR)$(MANDIR)/man8/corral.8
	install -D -m 0644 $(O)/man/corral-services.5 \
		$(DESTDIR)$(MANDIR)/man5/corral-services.5

# ---- root filesystem and images -------------------------------------------
include rootfs-skel/rootfs.mk

# ---- QEMU ----------------------------------------------------------------
KERNEL ?= $(BOARD_KERNEL)
$(O)/kernel: $(KERNEL) $(BOARD_DIR)/board.mk
	$(call msg,KERNEL,$@)
	@mkdir -p $(@D)
	$(Q)$(BOARD_KERNEL_PREP) $< $@

$(O)/run-qemu.sh: $(BOARD_DIR)/qemu.sh $(BOARD_DIR)/cmdline
	$(call msg,GEN,$@)
	$(Q)sed -e 's|@CMDLINE@|$(shell cat $(BOARD_DIR)/cmdline)|' $< > $@ && chmod +x $@

images: $(O)/kernel $(O)/run-qemu.sh
qemu: deps-qemu all
	$(O)/run-qemu.sh

# ---- host set-up -----------------------------------------------------------
deps deps-build deps-qemu deps-check:
	$(Q)$(if $(NO_DEPS),:,sh lib/scripts/deps.sh $(patsubst deps-%,%,$(patsubst deps,check,$@)) $(ARCH) $(BOARD_DEPS))

# ---- tests -------------------------------------------------------------------
include tests/tests.mk

all: images
.DEFAULT_GOAL := all

clean:
	rm -rf $(O)
distclean:
	rm -rf out

.PHONY: all corral man size size-board board-setup toolchain-ok install images qemu deps deps-build deps-qemu \
	deps-check clean distclean menuconfig olddefconfig savedefconfig \
	defconfig
