# shellcheck shell=bash
# Sourced by the libFuzzer scripts in tests/fuzz/ (not a test itself:
# tests/run.sh runs only *.sh). One fuzzer per script:
#
#   . "$SRC/tests/fuzz/fuzz.bash"
#   fz_init NAME                      SKIP without clang or libFuzzer
#   fz_build SOURCE...                $O/host/fuzz/NAME (when stale);
#                                     paths from $SRC (the cwd here)
#   fz_run [LIBFUZZER_FLAG...]        run, report, exit status
#
# fz_run runs FUZZ_TIME seconds (default 5, the check run) from the
# seeds in NAME_corpus/ with NAME.dict when there is one, seed FUZZ_SEED
# (1), on a fresh corpus unless FUZZ_KEEP=1 (`make fuzz`: the corpus
# grows in $O/tests/fuzz/NAME-corpus across runs). It prints
#   fuzz: NAME: N runs, N crashes
# and a PASS or FAIL line. libFuzzer stops at the first crash, leak,
# hang or oracle failure (the harness aborts), so "crashes" is 0 or 1;
# the input is saved as $O/tests/fuzz/NAME-crash-* (or -leak-, -timeout-,
# -oom-) and the FAIL line says how to replay it.
. "$SRC/tests/lib.sh"
cd "$SRC" || exit 1

FUZZ_TIME=${FUZZ_TIME:-5}
FZ_CC=${FUZZ_CC:-clang}
FZ_DIR=$SRC/tests/fuzz
FZ_OUT=$O/tests/fuzz
FZ_FLAGS="-std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Wno-unused-function -Werror -g -O1
	-I$SRC/lib -I$SRC -I$SRC/tests/fuzz -I$O/gen -fno-sanitize-recover=all
	-fsanitize=fuzzer,address,undefined"

fz_init() {
	FZ_NAME=$1
	FZ_BIN=$O/host/fuzz/$1
	need_cmd "$1 fuzzing" "$FZ_CC"
	scratch
	mkdir -p "$FZ_OUT" "$O/host/fuzz"
	# libFuzzer comes with clang's runtime (Debian: libclang-rt-14-dev).
	echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)
{ return d && n; }' >"$T/probe.c"
	if ! "$FZ_CC" -fsanitize=fuzzer,address,undefined -o "$T/probe" \
		"$T/probe.c" 2>"$T/probe.err"; then
		skip "$1 fuzzing (no libFuzzer: $(head -1 "$T/probe.err"); apt-get install libclang-rt-14-dev)"
		exit 0
	fi
}

# fz_build tests/fuzz/HARNESS.c [SOURCE...] [-- FLAG...]: the harness usually
# #includes the file it fuzzes (to reach its static functions); SOURCEs
# are linked beside it. Rebuilt when any of them, a header or this file
# is newer than the binary.
fz_build() {
	local srcs=() extra=() s
	for s in "$@"; do
		if [ "$s" = -- ]; then
			extra=(EXTRA)
		elif [ ${#extra[@]} -gt 0 ]; then
			extra+=("$s")
		else
			srcs+=("$SRC/$s")
		fi
	done
	[ ${#extra[@]} -gt 0 ] && extra=("${extra[@]:1}")
	if [ -x "$FZ_BIN" ] && [ -z "$(find "${srcs[@]}" "$SRC"/lib/*.h \
		"$SRC"/init "$SRC"/sandbox "$SRC"/rootfs-skel \
		"$FZ_DIR/fuzz.bash" "$FZ_DIR/fz_host.h" -newer "$FZ_BIN" \
		2>/dev/null | head -1)" ]; then
		return 0
	fi
	# shellcheck disable=SC2086 # FZ_FLAGS is a word list
	if ! ("$FZ_CC" $FZ_FLAGS "${extra[@]}" \
		-o "$T/$FZ_NAME" "${srcs[@]}") >"$T/build.log" 2>&1; then
		echo "fuzz: $FZ_NAME: 0 runs, 0 crashes (build failed)"
		fail "build the $FZ_NAME fuzzer: $(grep -m3 . "$T/build.log")"
		exit 1
	fi
	mv -f "$T/$FZ_NAME" "$FZ_BIN" # a concurrent run keeps its binary
}

fz_run() {
	local corpus log rc runs crashes unit cov dict=()
	if [ "${FUZZ_KEEP:-0}" = 1 ]; then
		corpus=$FZ_OUT/$FZ_NAME-corpus log=$FZ_OUT/$FZ_NAME-fuzz.log
	else # a fresh corpus: the check run is the same each time
		corpus=$FZ_OUT/$FZ_NAME-check-corpus log=$FZ_OUT/$FZ_NAME-check.log
		rm -rf "$corpus"
	fi
	mkdir -p "$corpus"
	[ -f "$FZ_DIR/$FZ_NAME.dict" ] && dict=(-dict="$FZ_DIR/$FZ_NAME.dict")
	[ -n "${FZ_DICT:-}" ] && dict=(-dict="$FZ_DICT")
	rm -f "$FZ_OUT/$FZ_NAME"-{crash,leak,timeout,oom}-*
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$FZ_BIN" -seed="${FUZZ_SEED:-1}" -max_total_time="$FUZZ_TIME" \
		-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$FZ_OUT/$FZ_NAME-" \
		-print_final_stats=1 "${dict[@]}" "$@" "$corpus" \
		"$FZ_DIR/${FZ_NAME}_corpus" >"$log" 2>&1
	rc=$?
	# The log holds raw inputs: read it as text.
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -a -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
	crashes=$(find "$FZ_OUT" -maxdepth 1 -name "$FZ_NAME-*-*" \
		\( -name "$FZ_NAME-crash-*" -o -name "$FZ_NAME-leak-*" -o \
		-name "$FZ_NAME-timeout-*" -o -name "$FZ_NAME-oom-*" \) | wc -l)
	[ "$rc" != 0 ] && [ "$crashes" = 0 ] && crashes=1 # died unsaved
	echo "fuzz: $FZ_NAME: ${runs:-0} runs, $crashes crashes"
	if [ "$rc" != 0 ]; then
		unit=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -1)
		grep -a -m3 -E 'SUMMARY: |runtime error|_fuzz: |ERROR: libFuzzer' "$log"
		tail -n 30 "$log" | cat -v
		fail "$FZ_NAME fuzz: exit $rc after ${runs:-?} runs; input saved as ${unit:-none} (replay: $FZ_BIN ${unit:-FILE}; log $log)"
		exit 1
	fi
	if [ -z "$runs" ] || [ "$runs" -lt 100 ]; then
		fail "$FZ_NAME fuzz: only '$runs' runs in ${FUZZ_TIME}s (log $log)"
		exit 1
	fi
	pass "$FZ_NAME fuzz: $runs runs in ${FUZZ_TIME}s, no crash, leak, hang or broken oracle ($cov, corpus $(find "$corpus" -type f | wc -l))"
}
