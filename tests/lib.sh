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

# need_static WHAT: SANITIZE=1 builds corral as a dynamic glibc program
# with ASan and UBSan (the Makefile): a test that copies it into a jail
# or an image, boots it or holds it to the static build's contract
# exits with a SKIP saying so.
need_static() {
	[ "${SANITIZE:-}" = 1 ] || return 0
	skip "$1 (SANITIZE=1 builds a dynamic ASan corral, no toybox and no image)"
	exit 0
}

# san_scan WHAT FILE: under SANITIZE=1, a FAIL for each sanitizer report
# in FILE (the log of a program that could not reach ASan's log_path:
# PID 1 in its chroot), the report shown.
san_scan() {
	[ "${SANITIZE:-}" = 1 ] || return 0
	grep -q '==[0-9]*==ERROR: \|: runtime error: ' "$2" || return 0
	grep -A 30 -m1 '==[0-9]*==ERROR: \|: runtime error: ' "$2"
	fail "$1: sanitizer report in $2: $(grep -m1 '==[0-9]*==ERROR: \|: runtime error: ' "$2")"
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

# retry SECS CMD...: CMD's output once it succeeds (a daemon is "ready
# at exec" unless it says otherwise: its socket may come a moment later)
retry() {
	local end=$(($(date +%s) + $1)) out
	shift
	until out=$("$@" 2>"$T/retry.err"); do
		[ "$(date +%s)" -lt "$end" ] || { cat "$T/retry.err"; break; }
		sleep 0.5
	done
	printf '%s\n' "$out"
}

# Boards the tests build from a copy (a real board plus a test's key):
#   board_copy SRCDIR DIR   SRCDIR (symlinks followed) into DIR/board.new,
#                           with DIR/id.pub, a key pair made once, as its
#                           authorized_keys; the caller may edit it, then
#   board_sync DIR          DIR/board made the same, rewriting only the
#                           files that changed, so a second run rebuilds
#                           nothing
#   board_make WHAT DIR [MAKEARG...]  DIR/board built into DIR/out (OD),
#                           toybox reused from $O; PASS or FAIL and exit
board_copy() {
	mkdir -p "$2/board.new"
	cp -rL "$1/." "$2/board.new/"
	[ -f "$2/id" ] || ssh-keygen -q -t ed25519 -N '' -C corral-test -f "$2/id"
	cp "$2/id.pub" "$2/board.new/authorized_keys"
}

board_sync() {
	local b=$1/board f
	(cd "$b.new" && find . -type f) | while IFS= read -r f; do
		cmp -s "$b.new/$f" "$b/$f" 2>/dev/null && continue
		mkdir -p "$(dirname "$b/$f")"
		cp "$b.new/$f" "$b/$f"
	done
	rm -rf "$b.new"
}

board_make() {
	local t
	OD=$2/out
	mkdir -p "$OD"
	# The toybox build is reused (cp -a keeps the mtimes make compares).
	[ -d "$OD/toybox" ] || { cp -a "$O/toybox" "$OD/toybox" && rm -rf "$OD/toybox/src"; }
	t=$(date +%s%N)
	if make -C "$SRC" --no-print-directory NO_DEPS=1 BOARD="$2/board" O="$OD" \
		"${@:3}" >"$2/make.log" 2>&1; then
		pass "$1 builds ($((($(date +%s%N) - t) / 1000000)) ms)"
	else
		fail "$1 does not build: $(grep -v '^  [A-Z]' "$2/make.log" | tail -n 8 | tr '\n' ' ')"
		exit 1
	fi
}
