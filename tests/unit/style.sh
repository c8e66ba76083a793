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
mapfile -t all < <(git ls-files | grep -v '^\.clang-format$')
bad=$(grep -lE '[[:blank:]]$' "${all[@]}" 2>/dev/null | grep -v '\.md$')
check_eq "editorconfig: no trailing whitespace" "" "$bad"
bad=$(for f in "${all[@]}"; do [ -s "$f" ] && [ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" != '\n' ] && echo "$f"; done)
check_eq "editorconfig: every file ends with a newline" "" "$bad"
