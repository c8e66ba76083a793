#!/bin/bash
# tests/bench/timeline.py, the boot timeline's chart: parsing `corral ctl
# timeline` lines out of noisy serial logs, the critical path, a
# well-formed SVG (tests/bench/timeline_test.py, one check per test).
. "$SRC/tests/lib.sh"
py=/usr/bin/python3
need_cmd "timeline chart tool" "$py"
scratch
(cd "$SRC/tests/bench" && "$py" -B -m unittest -v timeline_test) >"$T/out" 2>&1
rc=$?
sed -nE 's/^(test_[a-z_]+) \(timeline_test\.([A-Za-z]+)\.[a-z_]+\)( \.\.\.)? ok$/PASS: timeline.py \2: \1/p' "$T/out"
sed -nE 's/^(test_[a-z_]+) \(timeline_test\.([A-Za-z]+)\.[a-z_]+\)( \.\.\.)? (FAIL|ERROR)$/FAIL: timeline.py \2: \1 (\4)/p' "$T/out"
n=$(grep -cE '^test_.* ok$' "$T/out")
[ "$rc" = 0 ] && [ "$n" -ge 11 ] && exit 0
fail "timeline_test: exit $rc, $n tests ok: $(grep -E 'Error|assert' "$T/out" | head -n 3 | tr '\n' ' ')"
