# shellcheck shell=bash
# Helpers for the PID 1 tests (tests/unit/pid1_*.sh), sourced after
# tests/lib.sh. Like finit's tests, corral runs as the real PID 1 of a
# child PID namespace, booted with the README's container command (see
# pid1_start) into a small test tree with busybox for its services; its
# root is no mount point, so it counts as a container and logs to
# stdout. reboot(2) there just ends the namespace, with SIGHUP (reboot)
# or SIGINT (halt, poweroff).
#
#   pid1_setup [CMD...]                    SKIP unless root with unshare,
#                                          chroot, pgrep (and CMD); $T
#   pid1_build NAME TABLE [CFG=VALUE...]   corral for that services file
#   pid1_tree DIR                          test tree with that corral
#   pid1_start DIR                         boot it; sets PID1, UNSHARE
#   pid1_wait ERE [SECONDS]                wait for a log line
#   check_order WHAT ERE1 ERE2             ERE1's line before ERE2's
#   pid1_ctl ARGS...                       corral ctl through the socket
#   pid1_stop [SIGNAL]                     signal PID 1, wait for the end
#   ms                                     the clock in milliseconds
#
# The log is "$T/log"; every helper assumes `scratch` made $T.

# shellcheck disable=SC2120 # the extra commands are optional
pid1_setup() {
	need_root "PID 1 in a PID namespace"
	need_cmd "PID 1 in a PID namespace" unshare chroot pgrep "$@"
	scratch
}

ms() { echo $(($(date +%s%N) / 1000000)); }

# Build a corral whose table is TABLE (tests/unit/pid1/NAME.services
# unless a path), with config.h values overridden (CFG=VALUE: e.g.
# MAX_SERVICES=512). Cached in $O/tests/pid1/NAME by a hash of every
# input, so reruns cost nothing. Sets BIN.
pid1_build() {
	local table=$2 d="$O/tests/pid1/$1" kv key
	shift 2
	[ -f "$table" ] || table="$SRC/tests/unit/pid1/$table"
	mkdir -p "$d/gen"
	cp "$O/gen/config.h" "$d/gen/config.h.new"
	for kv in "$@"; do
		sed -i "s/^#define CFG_${kv%%=*} .*/#define CFG_${kv%%=*} ${kv#*=}/" "$d/gen/config.h.new"
	done
	mv "$d/gen/config.h.new" "$d/gen/config.h"
	local max
	max=$(sed -n 's/^#define CFG_MAX_SERVICES //p' "$d/gen/config.h")
	if ! "$SVCC" --max-services "$max" -o "$d/gen/table.c" -m "$d/gen/manifest" "$table" >"$d/svcc.log" 2>&1; then
		fail "svcc $table: $(head -n 3 "$d/svcc.log" | tr '\n' ' ')"
		return 1
	fi
	key=$(cd "$SRC" && cat init/*.[ch] sandbox/*.[ch] lib/*.[ch] "$d/gen/table.c" "$d/gen/config.h" | sha256sum)
	BIN="$d/corral"
	[ -x "$BIN" ] && [ "$(cat "$d/key" 2>/dev/null)" = "$key" ] && return 0
	# shellcheck disable=SC2086 # the flags are word lists
	if ! (cd "$SRC" && $CC -I"$d/gen" $CORRAL_CFLAGS -Os $CORRAL_LDFLAGS \
		-o "$BIN" init/*.c sandbox/*.c lib/*.c "$d/gen/table.c") >"$d/cc.log" 2>&1; then
		fail "build corral for $table: $(head -n 5 "$d/cc.log" | tr '\n' ' ')"
		return 1
	fi
	echo "$key" >"$d/key"
}

# A root for PID 1: /sbin/init -> corral, busybox applets in /bin.
pid1_tree() {
	local dir=$1 a
	mkdir -p "$dir"/{bin,sbin,proc,sys,dev,run,tmp,etc,srv}
	cp "$BIN" "$dir/sbin/corral"
	ln -sf corral "$dir/sbin/init"
	# SANITIZE=1: corral is a dynamic glibc program (ASan): its loader
	# and libraries, where ldd finds them on the host.
	if [ "${SANITIZE:-}" = 1 ]; then
		ldd "$BIN" | grep -o '/[^ ]*' | while IFS= read -r a; do
			mkdir -p "$dir$(dirname "$a")"
			cp -L "$a" "$dir$a"
		done
	fi
	cp /bin/busybox "$dir/bin/busybox"
	for a in sh sleep echo cat true false kill ls printf seq head hostname; do
		ln -sf busybox "$dir/bin/$a"
	done
}

# Boot the tree in the background with the README's container command,
# `unshare --pid --mount --fork chroot DIR /sbin/init` (plus --uts, --ipc
# and --kill-child), nothing in the environment but PATH: the chroot
# directory is not a mount point, PID 1 makes it one and logs to stdout.
# PID1_KMSG=1 instead boots it as a real system would see its root: the
# tree bind-mounted onto itself first, so it is a mount point and corral
# logs to /dev/kmsg. PID1_SHARE_UTS=1 leaves out --uts, as a careless
# container would. PID1_NET=1 adds --net: the container's veths and
# addresses stay in a network namespace of its own. PID1_PRE is shell
# run in the new mount namespace before the chroot ($1 is the tree).
pid1_start() {
	local dir=$1 _ un='' pre=${PID1_PRE:-:} uts=--uts net=
	[ -z "${PID1_NET:-}" ] || net=--net
	# PID1_PROC=1 (and SANITIZE=1): the tree's /proc mounted before
	# PID 1 starts (it leaves a mounted one as it is), for a runtime
	# that reads it before main(): ASan needs /proc/self/maps for the
	# main thread's stack bounds, memcheck for its address space.
	[ -z "${PID1_PROC:-}" ] && [ "${SANITIZE:-}" != 1 ] ||
		pre="mount -t proc proc \"\$1/proc\" && $pre"
	[ -z "${PID1_KMSG:-}" ] || pre="mount --bind \"\$1\" \"\$1\" && $pre"
	[ -z "${PID1_SHARE_UTS:-}" ] || uts=
	rm -f "$T/rc"
	# SANITIZE=1: ASan's and UBSan's reports on PID 1's stdout (its
	# chroot has no $O/tests/san), so in the log that pid1_stop scans.
	# halt_on_error without abort_on_error: init ignores SIGABRT, so a
	# report ends PID 1 by _exit and with it the namespace. No LSan: PID 1
	# never exits, its children _exit or exec.
	local san=() o=halt_on_error=1:print_stacktrace=1:detect_leaks=0
	[ "${SANITIZE:-}" != 1 ] || san=("ASAN_OPTIONS=$o" "UBSAN_OPTIONS=$o")
	# The subshell records unshare's status (128+N when reboot(2)
	# ended the namespace with signal N) without a job notice.
	# shellcheck disable=SC2016 # $1 is for the inner shell
	(
		env -i PATH=/bin:/sbin "${san[@]}" \
			unshare --pid --mount $uts $net --ipc --fork --kill-child -- \
			/bin/sh -c 'eval "$2" && exec chroot "$1" /sbin/init' \
			sh "$dir" "$pre" >"$T/log" 2>&1
		echo $? >"$T/rc"
	) 2>/dev/null &
	UNSHARE=$!
	PID1=
	for _ in $(seq 200); do
		[ -n "$un" ] || un=$(pgrep -P "$UNSHARE")
		[ -n "$un" ] && PID1=$(pgrep -P "$un") && break
		sleep 0.02
	done
	SOCK=/proc/$PID1/root/run/corral.sock
}

# pid1_wait ERE [SECONDS]: 0 once a log line matches, 1 on timeout.
pid1_wait() {
	local n=$((${2:-10} * 20))
	while [ "$n" -gt 0 ]; do
		grep -qE -- "$1" "$T/log" && return 0
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# pid1_count ERE: log lines matching. pid1_wait_count ERE N [SECONDS]:
# 0 once there are at least N of them, 1 on timeout.
pid1_count() {
	grep -cE -- "$1" "$T/log"
}
pid1_wait_count() {
	local n=$((${3:-10} * 20))
	while [ "$n" -gt 0 ]; do
		[ "$(pid1_count "$1")" -ge "$2" ] && return 0
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# check_wait WHAT ERE [SECONDS]: a check that a log line shows up.
check_wait() {
	if pid1_wait "$2" "${3:-10}"; then
		pass "$1"
	else
		fail "$1 (no line matching '$2' in the log)"
	fi
}

# check_order WHAT ERE1 ERE2: the first log line matching ERE1 comes
# before the first one matching ERE2.
check_order() {
	local a b
	a=$(grep -nE -m1 -- "$2" "$T/log" | cut -d: -f1)
	b=$(grep -nE -m1 -- "$3" "$T/log" | cut -d: -f1)
	if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; then
		pass "$1"
	else
		fail "$1 (log line ${a:-none}: '$2', line ${b:-none}: '$3')"
	fi
}

pid1_ctl() {
	"$BIN" ctl --socket "$SOCK" "$@"
}

# pid1_stop [SIGNAL]: shut down (SIGTERM by default) and wait for the
# namespace to end; sets RC to unshare's exit status (128+N: the
# namespace's init ended by reboot(2) with signal N). Kills it if it
# does not end within 20 s.
# shellcheck disable=SC2034 # RC is for the test scripts
pid1_stop() {
	local _ late=
	[ -n "${1:-}" ] && kill "-$1" "$PID1" 2>/dev/null
	for _ in $(seq 400); do
		kill -0 "$UNSHARE" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$UNSHARE" 2>/dev/null; then
		kill -KILL "$PID1" 2>/dev/null
		late=1
	fi
	wait "$UNSHARE"
	RC=$(cat "$T/rc" 2>/dev/null)
	[ -z "$late" ] || RC=timeout
	san_scan "PID 1" "$T/log"
}
