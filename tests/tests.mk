# tests: built and run by `make check` (see tests/run.sh, tests/lib.sh).
# Included by the top Makefile.
#
#   tests/unit/NAME.c     host C test, ASan+UBSan, linked with lib/*.c;
#                         run by the harness as $(TESTBIN)/unit/NAME
#   tests/*/NAME.sh       test scripts, run by the harness
#   tests/sandbox/*.c     static target helpers (the hostile probe...),
#                         built into $(TESTBIN)/bin/ for scripts to use
TESTBIN := $(O)/tests
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(TESTBIN)/unit/%,$(UNIT_SRC))
LIB_SRC := $(wildcard lib/*.c)
TARGET_HELPERS := $(patsubst tests/sandbox/%.c,$(TESTBIN)/bin/%,$(wildcard tests/sandbox/*.c))

$(TESTBIN)/unit/%: tests/unit/%.c $(LIB_SRC) $(CONFIG_H)
	$(call msg,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_MANDATORY) -I$(O)/gen -I$(CURDIR) $(HOSTCFLAGS) $(SAN) \
		-o $@ $< $(LIB_SRC)

# Static even with SANITIZE=1 (TARGET_*, the Makefile): they run inside
# jails that hold no libraries.
$(TESTBIN)/bin/%: tests/sandbox/%.c $(CONFIG_H)
	$(call msg,CC,$@)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $(TARGET_LDFLAGS) -o $@ $<

# Helpers that drive sandbox code directly (cgroups, veth) link it in;
# they run on the host, so SANITIZE=1 builds them with the sanitizers.
SANDBOX_LINKED := $(wildcard sandbox/cgroup*.c) sandbox/net.c sandbox/rtnl.c lib/out.c
$(TESTBIN)/bin/cg_%: tests/sandbox/cg_%.c $(SANDBOX_LINKED) $(CONFIG_H)
	$(call msg,CC,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CORRAL_CFLAGS) $(CFLAGS) $(CORRAL_LDFLAGS) -o $@ $< $(SANDBOX_LINKED)

# SANITIZE=1: the cgroup tests' workloads (cg_test alloc, forkbomb)
# are held to memory and pids caps, so they run as the static build,
# cg_work, without ASan's shadow memory and LeakSanitizer's thread.
ifeq ($(SANITIZE),1)
CG_WORK := $(TESTBIN)/bin/cg_work
$(CG_WORK): tests/sandbox/cg_test.c $(SANDBOX_LINKED) $(CONFIG_H)
	$(call msg,CC,$@)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $(TARGET_LDFLAGS) -o $@ $< $(SANDBOX_LINKED)
endif

$(TESTBIN)/bin/net_%: tests/sandbox/net_%.c $(SANDBOX_LINKED) $(CONFIG_H)
	$(call msg,CC,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CORRAL_CFLAGS) $(CFLAGS) $(CORRAL_LDFLAGS) -o $@ $< $(SANDBOX_LINKED)

TEST_ENV = SRC=$(CURDIR) O=$(O) CORRAL=$(O)/corral SVCC=$(SVCC) \
	MKCPIO=$(MKCPIO) TESTBIN=$(TESTBIN) BOARD_DIR=$(BOARD_DIR) ONLY='$(ONLY)' \
	CC="$(CC)" HOSTCC="$(HOSTCC)" ARCH=$(ARCH) \
	CORRAL_CFLAGS="$(CORRAL_CFLAGS)" CORRAL_LDFLAGS="$(CORRAL_LDFLAGS)" \
	TARGET_CC="$(TARGET_CC)" TARGET_CFLAGS="$(TARGET_CFLAGS)" \
	TARGET_LDFLAGS="$(TARGET_LDFLAGS)" SANITIZE=$(SANITIZE)

# SANITIZE=1 builds what runs on the build host (corral, the host tools,
# the tests' binaries), never toybox, the root file system or the images:
# a sanitized corral is a dynamic glibc program, for no board. Tests that
# need those SKIP, saying so (need_static, tests/lib.sh).
ifeq ($(SANITIZE),1)
CHECK_BUILD := $(O)/corral $(ELFDEPS)
else
CHECK_BUILD := all
endif

test-bins: $(UNIT_BIN) $(TARGET_HELPERS) $(CG_WORK) $(SVCC) $(MKCPIO) $(MAN_PAGES)

check: deps-check
	$(Q)$(MAKE) --no-print-directory $(CHECK_BUILD) test-bins
	$(Q)$(TEST_ENV) bash tests/run.sh $(SUITES)

# make bench: every benchmark in one run, each one's output in
# $(O)/bench/NAME.log and its figures in NAME.data, the board's boot
# timeline, then tests/bench/report.py writes $(O)/bench/report.md and
# its charts. A benchmark that fails is reported and the others still
# run; the goal fails at the end if any did.
BENCHES := sandbox pid1 boot size
bench: deps-check
	$(Q)$(MAKE) --no-print-directory all test-bins
	@mkdir -p $(O)/bench
	$(Q)rm -f $(O)/bench/*.data $(O)/bench/*.svg $(O)/bench/*.png $(O)/timeline.svg; \
	rc=0; start=$$(date +%s); \
	for b in $(BENCHES); do echo "== bench: $$b"; \
		$(TEST_ENV) bash tests/bench/$$b.sh 2>&1 | tee $(O)/bench/$$b.log; \
		[ "$${PIPESTATUS[0]}" = 0 ] || rc=1; done; \
	echo "== bench: qemu-timeline"; \
	$(TEST_ENV) bash tests/bench/qemu-timeline.sh 2>&1 | tee $(O)/bench/timeline.log; \
	/usr/bin/python3 tests/bench/report.py $(O)/bench $(O)/timeline.svg || rc=1; \
	echo "bench: $$(($$(date +%s) - start)) s; report: $(O)/bench/report.md"; \
	grep -h '^FAIL:' $(O)/bench/*.log || true; exit $$rc

# Long fuzzing runs on demand (tests/fuzz/README): every in-process
# fuzzer (the scripts that print a "fuzz: NAME:" line; ctl_garbage.sh
# drives a running PID 1 and stays in `make check`) for FUZZ_TIME
# seconds, the corpus kept in $(O)/tests/fuzz/ across runs. One line
# per fuzzer, `fuzz: NAME: N runs, N crashes`, the failures' reasons
# after it; all run even when one crashes, and the goal then fails.
FUZZ_TIME ?= 3600
FUZZERS := $(shell grep -l 'fz_run\|"fuzz: ' tests/fuzz/*.sh)
fuzz: deps-check
	$(Q)$(MAKE) --no-print-directory $(CONFIG_H) $(HELP_H) $(SVCC)
	@mkdir -p $(O)/tests/log
	$(Q)rc=0; for f in $(FUZZERS); do n=$$(basename $$f .sh); \
		l=$(O)/tests/log/fuzz.$$n.log; \
		$(TEST_ENV) FUZZ_TIME=$(FUZZ_TIME) FUZZ_KEEP=1 bash $$f >$$l 2>&1; \
		r=$$?; [ $$r = 0 ] || rc=1; grep -a -m1 '^fuzz: ' $$l || \
		echo "fuzz: $$n: 0 runs, $$([ $$r = 0 ] && echo 0 || echo 1) crashes"; \
		grep -a '^\(FAIL\|SKIP\): ' $$l | sed 's/^/    /'; \
	done; exit $$rc

# The boot timeline of the board under QEMU, drawn (README "Boot
# timeline"): $(O)/timeline.svg.
qemu-timeline: deps-qemu
	$(Q)$(TEST_ENV) bash tests/bench/qemu-timeline.sh

.PHONY: check bench test-bins fuzz qemu-timeline
