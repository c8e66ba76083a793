# shellcheck shell=bash
# Sourced by every test script. A test reports each check as one line:
#   PASS: what       FAIL: what (why)       SKIP: what (reason)
# tests/run.sh counts those lines; a script that exits non-zero without
# reporting a FAIL line is counted as one failure, so a crash never
# passes. Environment: SRC (repo top), O (output dir), CORRAL, SVCC,
# MKCPIO, TESTBIN ($O/tests), BOARD_DIR.

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }
skip() { echo "SKIP: $*"; }

# check_eq WHAT EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1 (expected '$2', got '$3')"
	fi
}

# check_grep WHAT PATTERN FILE: FILE has a line matching the ERE PATTERN.
check_grep() {
	if grep -qE -- "$2" "$3"; then
		pass "$1"
	else
		fail "$1 (no line matching '$2' in $3)"
	fi
}

# need_root WHAT: exits the script with a SKIP unless running as root.
need_root() {
	[ "$(id -u)" = 0 ] && return 0
	skip "$1 (needs root)"
	exit 0
}

# need_cmd WHAT CMD...: SKIP unless every CMD is on PATH.
need_cmd() {
	what=$1
	shift
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 && continue
		skip "$what (needs $c)"
		exit 0
	done
}

# A scratch directory removed when the script ends.
scratch() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/corral-test.XXXXXX")
	trap 'rm -rf "$T"' EXIT
}

# use_svcc: SVCC as the harness passes it, or (a script run by hand
# before `make`) the services compiler built here from rootfs-skel/svcc.
use_svcc() {
	SVCC=${SVCC:-$O/host/svcc}
	[ -x "$SVCC" ] && return 0
	${HOSTCC:-cc} -std=c11 -Wall -Wextra -Werror -I"$SRC/lib" \
		-o "$T/svcc" "$SRC"/rootfs-skel/svcc/*.c "$SRC"/rootfs-skel/hostlib.c "$SRC"/lib/value.c || { fail "build svcc"; exit 1; }
	SVCC=$T/svcc
}
