#!/bin/bash
# The services compiler is a parser fed by hand-written files: run the
# error corpus, the value checks and the round trip again with svcc
# built under ASan and UBSan (any report aborts it, failing the test).
. "$SRC/tests/lib.sh"
if [ "${SANITIZE:-}" = 1 ]; then
	skip "svcc under ASan/UBSan here (SANITIZE=1: every test's svcc is, LeakSanitizer too)"
	exit 0
fi
scratch
HOSTCC=${HOSTCC:-cc}
if ! $HOSTCC -std=c11 -Wall -Wextra -Werror -g -O1 -I"$SRC/lib" \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-o "$T/svcc" "$SRC"/rootfs-skel/svcc/*.c "$SRC"/rootfs-skel/hostlib.c "$SRC"/lib/value.c 2>"$T/err"; then
	if grep -q -i 'sanitize\|asan\|ubsan' "$T/err"; then
		skip "svcc under ASan/UBSan ($HOSTCC lacks the sanitizers)"
		exit 0
	fi
	fail "build svcc with sanitizers: $(head -5 "$T/err")"
	exit 1
fi
# svcc never frees (a short-lived host tool): leaks are by design.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1
for t in svcc_errors svcc_values svcc_determinism table_roundtrip; do
	SVCC=$T/svcc bash "$SRC/tests/unit/$t.sh" >"$T/$t.log" 2>&1
	rc=$?
	n=$(grep -c '^PASS: ' "$T/$t.log")
	if [ "$rc" = 0 ] && ! grep -q '^FAIL: ' "$T/$t.log" && [ "$n" -gt 0 ] &&
		! grep -q 'Sanitizer\|runtime error' "$T/$t.log"; then
		pass "$t under ASan+UBSan ($n checks)"
	else
		fail "$t under ASan+UBSan: $(grep -m5 'FAIL: \|Sanitizer\|runtime error' "$T/$t.log")"
	fi
done
