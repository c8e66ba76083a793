#!/bin/bash
# House style, checked rather than hoped for: clang-format on every C
# file, shellcheck on every script, .editorconfig basics everywhere.
. "$SRC/tests/lib.sh"
mapfile -t cfiles < <(git ls-files '*.c' '*.h')
mapfile -t sh < <(git ls-files '*.sh' .ci/run)
if command -v clang-format >/dev/null; then
	if out=$(clang-format --dry-run --Werror "${cfiles[@]}" 2>&1); then
		pass "clang-format: ${#cfiles[@]} C files formatted"
	else
		fail "clang-format: $(echo "$out" | grep -c 'error:') lines off; first: $(echo "$out" | head -n 1)"
	fi
else
	skip "clang-format (not installed)"
fi
if command -v shellcheck >/dev/null; then
	if out=$(shellcheck -x "${sh[@]}" 2>&1); then
		pass "shellcheck: ${#sh[@]} scripts clean"
	else
		fail "shellcheck: $(echo "$out" | grep -m1 '^In ')"
	fi
else
	skip "shellcheck (not installed)"
fi
# Fuzz corpora are raw inputs (no final newline, NULs): data, not text.
mapfile -t all < <(git ls-files ':!tests/fuzz/*_corpus/*' | grep -v '^\.clang-format$')
bad=$(grep -lE '[[:blank:]]$' "${all[@]}" 2>/dev/null | grep -v '\.md$')
check_eq "editorconfig: no trailing whitespace" "" "$bad"
bad=$(for f in "${all[@]}"; do [ -s "$f" ] && [ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" != '\n' ] && echo "$f"; done)
check_eq "editorconfig: every file ends with a newline" "" "$bad"

# Target code (init/, sandbox/, lib/ but its host tools): PID 1 never
# exits or allocates, the sandbox child leaves through _exit only, and
# functions stay small enough to read (STYLE.md).
mapfile -t target < <(git ls-files 'init/*.[ch]' 'sandbox/*.[ch]' 'lib/*.[ch]' ':!lib/host/*')
bad=$(grep -nE '(^|[^_a-z])(exit|abort|malloc|calloc|realloc)\(' "${target[@]}" |
	grep -vE ':[0-9]+:\s*(/?\*|//)')
check_eq "target code: no exit(), abort() or allocation" "" "$bad"
bad=$(for f in "${target[@]}"; do
	n=$(wc -l <"$f")
	[ "$n" -le 400 ] || echo "$f ($n lines)"
done)
check_eq "target code: no file over 400 lines" "" "$bad"
bad=$(for f in "${target[@]}"; do
	awk -v f="$f" '/^\{/ { s = NR; name = prev }
		/^\}/ && s { if (NR - s - 1 > 40) print f ": " name " (" NR - s - 1 " lines)"; s = 0 }
		{ prev = $0 }' "$f"
done)
check_eq "target code: no function over 40 lines" "" "$bad"
