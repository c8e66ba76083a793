#!/bin/bash
# tests/run.sh [SUITE...]: run the test suites and end with one line
#   N passed, N failed, N skipped
# exiting non-zero if anything failed or nothing passed. Each test is an
# executable file in tests/SUITE/ (a *.sh script, or a C test built by
# make into $TESTBIN/SUITE/); see tests/lib.sh for the line protocol.
set -u
suites=${*:-unit sandbox boot fuzz}
pass=0 failn=0 skipn=0
log=$O/tests/log
mkdir -p "$log"

# SANITIZE=1: every sanitizer report goes to a file of its own,
# $O/tests/san/SUITE.NAME.PID (ASan's log_path: a test that captures a
# program's stderr cannot swallow it), and fails the test it came from,
# its text appended to the test's log. A report stops the program
# (halt_on_error, abort_on_error). PID 1 in a chroot cannot reach that
# directory: tests/unit/pid1/lib.sh scans its log instead.
san=$O/tests/san
SAN_OPTS=halt_on_error=1:abort_on_error=1:print_stacktrace=1:detect_leaks=1
if [ "${SANITIZE:-}" = 1 ]; then
	mkdir -p "$san"
	export SAN_OPTS
fi

count() { # count FILE: add up its PASS/FAIL/SKIP lines; FAIL lines in $nf
	local p s # not in $(...): the totals must survive the call
	p=$(grep -c '^PASS: ' "$1") nf=$(grep -c '^FAIL: ' "$1") s=$(grep -c '^SKIP: ' "$1")
	pass=$((pass + p)) failn=$((failn + nf)) skipn=$((skipn + s))
}

# A test's time limit: TEST_TIMEOUT (600 s), or more where the script
# says `# test-timeout: SECONDS` in its first lines (a cold kernel build),
# perhaps followed by a space and why.
limit() {
	local t
	t=$(sed -n '1,20s/^# test-timeout: \([0-9][0-9]*\)\( .*\)\{0,1\}$/\1/p' "$1" 2>/dev/null | head -n 1)
	[ -n "$t" ] && [ "$t" -gt "${TEST_TIMEOUT:-600}" ] || t=${TEST_TIMEOUT:-600}
	echo "$t"
}

run_one() { # run_one SUITE NAME CMD
	local suite=$1 name=$2 out="$log/$1.$2.log" rc f lim
	# make check ONLY=GLOB: just the tests whose name matches.
	# shellcheck disable=SC2254 # GLOB is a pattern
	case $name in ${ONLY:-*}) ;; *) return 0 ;; esac
	shift 2
	lim=$(limit "${@: -1}")
	printf '%-8s %-28s ' "$suite" "$name"
	start=$(date +%s%N)
	if [ "${SANITIZE:-}" = 1 ]; then
		rm -f "$san/$suite.$name".*
		export ASAN_OPTIONS=$SAN_OPTS:log_path=$san/$suite.$name
		export UBSAN_OPTIONS=$ASAN_OPTIONS LSAN_OPTIONS=$ASAN_OPTIONS
	fi
	(cd "$SRC" && timeout "$lim" "$@") >"$out" 2>&1 </dev/null
	rc=$?
	for f in "$san/$suite.$name".*; do
		[ -f "$f" ] || continue
		cat "$f" >>"$out"
		echo "FAIL: sanitizer report ($f): $(grep -m1 'ERROR: \|runtime error' "$f")" >>"$out"
	done
	# ... and one a program wrote to a stderr the test shows.
	if [ "${SANITIZE:-}" = 1 ] && grep -q '^==[0-9]*==ERROR: \|: runtime error: ' "$out"; then
		echo "FAIL: sanitizer report in the test's output: $(grep -m1 '^==[0-9]*==ERROR: \|: runtime error: ' "$out")" >>"$out"
	fi
	ms=$((($(date +%s%N) - start) / 1000000))
	count "$out"
	f=$nf
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "FAIL: $name exited $rc without reporting a failure" >>"$out"
		failn=$((failn + 1)) f=1
	fi
	if ! grep -q '^\(PASS\|FAIL\|SKIP\): ' "$out"; then
		echo "FAIL: $name reported nothing" >>"$out"
		failn=$((failn + 1)) f=1
	fi
	printf '%s (%d ms)\n' "$([ "$f" = 0 ] && echo ok || echo FAILED)" "$ms"
	# Show every failure and skip with its reason, so CI logs say why.
	grep '^\(FAIL\|SKIP\): ' "$out" | sed 's/^/    /'
	[ "$f" = 0 ] || tail -n 20 "$out" | grep -v '^\(PASS\|FAIL\|SKIP\): ' | sed 's/^/    | /'
}

for suite in $suites; do
	for t in "$SRC/tests/$suite"/*.sh; do
		[ -f "$t" ] || continue
		run_one "$suite" "$(basename "$t" .sh)" bash "$t"
	done
	for t in "$TESTBIN/$suite"/*; do
		if [ ! -f "$t" ] || [ ! -x "$t" ]; then continue; fi
		run_one "$suite" "$(basename "$t")" "$t"
	done
done

line="$pass passed, $failn failed"
[ "$skipn" = 0 ] || line="$line, $skipn skipped"
echo "$line"
[ "$failn" = 0 ] && [ "$pass" -gt 0 ]
