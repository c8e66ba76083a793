#!/bin/bash
# Coverage-guided fuzzing of the services compiler (rootfs-skel/svcc) with
# libFuzzer, ASan and UBSan; see tests/fuzz/README and svcc_fuzz.c.
#
# In `make check`: FUZZ_TIME seconds (30) from the seed corpus with a
# fixed seed, then every accepted input of the run is compiled again by
# the real svcc and its table.c by $HOSTCC -Werror. `make fuzz` sets
# FUZZ_TIME=3600 FUZZ_KEEP=1 (the corpus then grows across runs).
# A crash, leak, hang or broken oracle is saved under $O/tests/fuzz/.
. "$SRC/tests/lib.sh"
need_cmd "svcc fuzzing" clang objcopy nm
scratch
FUZZ_TIME=${FUZZ_TIME:-30}
CLANG=${FUZZ_CC:-clang}
F=$SRC/tests/fuzz
W=$O/tests/fuzz
BIN=$O/host/svcc-fuzz
mkdir -p "$W" "$O/host"

# libFuzzer comes with clang's runtime (Debian: libclang-rt-14-dev).
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)
{ return d && n; }' >"$T/probe.c"
if ! "$CLANG" -fsanitize=fuzzer,address,undefined -o "$T/probe" \
	"$T/probe.c" 2>"$T/probe.err"; then
	skip "svcc fuzzing (no libFuzzer: $(head -1 "$T/probe.err"); apt-get install libclang-rt-14-dev)"
	exit 0
fi

# svcc's libc calls that the harness takes over (svcc_fuzz.c says why).
RENAMED="exit malloc calloc realloc free fopen fclose stderr"
CFLAGS_FZ="-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 -I$SRC/lib
	-I$SRC/rootfs-skel/svcc -fno-sanitize-recover=all"

build() {
	local redef=() objs=() s o
	for s in $RENAMED; do redef+=(--redefine-sym "$s=fz_$s"); done
	for s in "$SRC"/rootfs-skel/svcc/*.c "$SRC"/rootfs-skel/hostlib.c "$SRC"/lib/value.c; do
		[ "$(basename "$s")" = main.c ] && continue
		o=$T/$(basename "$s" .c).o
		# shellcheck disable=SC2086 # CFLAGS_FZ is a word list
		"$CLANG" $CFLAGS_FZ -fsanitize=fuzzer-no-link,address,undefined \
			-c -o "$o" "$s" || return 1
		objcopy "${redef[@]}" "$o" || return 1
		objs+=("$o")
	done
	# The renaming must be complete, or svcc would exit the fuzzer or
	# free what the harness tracks.
	for s in $RENAMED; do
		if nm -u "${objs[@]}" | grep -qw "$s"; then
			echo "svcc objects still use $s" >&2
			return 1
		fi
	done
	# Built aside and renamed: a concurrent run keeps its binary.
	# shellcheck disable=SC2086
	"$CLANG" $CFLAGS_FZ -DFIXTURES="\"$F\"" \
		-fsanitize=fuzzer,address,undefined -o "$T/svcc-fuzz" \
		"$F/svcc_fuzz.c" "${objs[@]}" && mv -f "$T/svcc-fuzz" "$BIN"
}

if [ ! -x "$BIN" ] || [ -n "$(find "$SRC/rootfs-skel/svcc" "$SRC/lib/svc.h" \
	"$F/svcc_fuzz.c" "$F/svcc.sh" -newer "$BIN" 2>/dev/null)" ]; then
	if ! build >"$T/build.log" 2>&1; then
		fail "build the svcc fuzzer: $(grep -m3 . "$T/build.log")"
		exit 1
	fi
fi

if [ "${FUZZ_KEEP:-0}" = 1 ]; then
	corpus=$W/svcc-corpus log=$W/svcc-fuzz.log
else # a fresh corpus: the check run is the same each time
	corpus=$W/svcc-check-corpus log=$W/svcc-check.log
	rm -rf "$corpus"
fi
mkdir -p "$corpus"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$BIN" -seed="${FUZZ_SEED:-1}" -max_total_time="$FUZZ_TIME" -timeout=10 \
	-rss_limit_mb=2048 -max_len=4096 -dict="$F/svcc_keywords.dict" \
	-artifact_prefix="$W/svcc-" -print_final_stats=1 \
	"$corpus" "$F/svcc_corpus" >"$log" 2>&1
rc=$?
# The log holds raw inputs: read it as text.
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
cov=$(grep -a -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
n=$(find "$corpus" -type f | wc -l)
echo "fuzz: svcc: ${execs:-0} runs, $([ "$rc" = 0 ] && echo 0 || echo 1) crashes"
if [ "$rc" != 0 ]; then
	unit=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -1)
	grep -a -m2 -E 'SUMMARY: |runtime error|svcc_fuzz: |ERROR: libFuzzer: timeout' "$log"
	tail -n 30 "$log" | cat -v
	fail "svcc fuzz: exit $rc after ${execs:-?} executions; input saved as ${unit:-none} (replay: $BIN ${unit:-FILE}; log $log)"
	exit 1
fi
if [ -z "$execs" ] || [ "$execs" -lt 1000 ]; then
	fail "svcc fuzz: only '${execs}' executions in ${FUZZ_TIME}s (log $log)"
	exit 1
fi
pass "svcc fuzz: $execs executions in ${FUZZ_TIME}s, no crash, leak, hang or bad error line ($cov, corpus $n)"

# Every input this run accepted must give C that compiles warning-free
# (the fuzzer only checks svc_count; the C compiler checks the rest).
SVCC=${SVCC:-$O/host/svcc}
mkdir -p "$T/ok"
accepted=0 rejected=0 bad=0
for f in "$corpus"/* "$F"/svcc_corpus/*; do
	i=$((accepted + rejected))
	"$SVCC" --sysroot "$F/svcc_sysroot" --passwd "$F/svcc_passwd" \
		--group "$F/svcc_group" --max-services 100 \
		-o "$T/ok/t$i.c" -m "$T/m" "$f" >/dev/null 2>"$T/err"
	case $? in
	0) accepted=$((accepted + 1)) && echo "t$i.c $f" >>"$T/ok/index" ;;
	1) rejected=$((rejected + 1)) ;;
	*) bad=$((bad + 1)) && cp "$f" "$W/svcc-badexit-$(basename "$f")" ;;
	esac
done
check_eq "svcc exits 0 or 1 on every corpus input ($accepted accepted, $rejected rejected)" 0 "$bad"
if [ "$accepted" = 0 ]; then
	fail "no corpus input was accepted by svcc"
	exit 1
fi
# One compiler run per 200 tables keeps this to seconds.
if find "$T/ok" -name '*.c' -print0 | xargs -0 -n 200 "${HOSTCC:-cc}" \
	-std=c11 -Wall -Wextra -Werror -fsyntax-only -I"$SRC/lib" \
	>"$T/cc.log" 2>&1; then
	pass "the $accepted accepted inputs give tables that compile with -Werror"
else
	rm -rf "$W/svcc-tables" && cp -r "$T/ok" "$W/svcc-tables"
	fail "a table does not compile ($W/svcc-tables/index names its input): $(grep -m3 'error' "$T/cc.log")"
	exit 1
fi
[ "$bad" = 0 ]
