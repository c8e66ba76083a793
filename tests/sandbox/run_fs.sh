#!/bin/bash
# The service's file system view, checked by tests/sandbox/fscheck.c:
# a read-only host mount stays read-only whatever the options say (the
# root with --readonly no, a --bind rw, a --state), through both the
# fd-based mount API and mount(2) (under nosys, as on kernels before
# 5.12); the leaky /proc files are masked even for uid 0; the private
# devpts holds at most 64 ptys.
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "sandbox file system"
scratch
cleanup() {
	umount -l "$T/ro" "$T/robind" "$T/rostate" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
for f in fscheck nosys; do
	[ -x "$TESTBIN/bin/$f" ] && continue
	fail "sandbox file system ($TESTBIN/bin/$f not built)"
	exit 0
done

# rw: a root on a writable mount; ro: the same on a read-only bind of
# itself, as a host with a read-only partition has. /data is writable
# by the probe's uid in both, so only the mount can refuse the write.
for r in rw ro; do
	sbx_root "$T/$r"
	cp "$TESTBIN/bin/fscheck" "$T/$r/bin/fscheck"
	chmod 1777 "$T/$r/data" "$T/$r/mnt"
done
mkdir -p "$T/robind" "$T/rostate"
chmod 1777 "$T/robind" "$T/rostate"
for d in ro robind rostate; do
	mount --bind "$T/$d" "$T/$d" && mount -o remount,bind,ro "$T/$d"
done
if touch "$T/ro/data/x" "$T/robind/x" "$T/rostate/x" 2>/dev/null; then
	fail "read-only host mounts: the host can write into them"
else
	pass "read-only host mounts: the host cannot write into them"
fi

printf '#!/bin/sh\nexec %s %s -- %s "$@"\n' "$TESTBIN/bin/nosys" \
	"open_tree move_mount mount_setattr" "$CORRAL" >"$T/corral-old"
chmod +x "$T/corral-old"
# write WHAT EXPECTED ARGS...: fscheck write ... under both APIs.
write() {
	local what=$1 want=$2 api c
	shift 2
	for api in new old; do
		c=$CORRAL
		[ $api = old ] && c=$T/corral-old
		# one uid for both runs: the sticky /data keeps the first
		# run's file from a second run of another uid
		CORRAL=$c run_sbx "$T/out" --user 4242:4242 "$@"
		check_eq "$what ($api mount API)" "$want" "$(cat "$T/out")"
	done
}
rw=(--root "$T/rw" --readonly no) ro=(--root "$T/ro" --readonly no)
write "control: --readonly no writes into a writable root" ok \
	"${rw[@]}" -- /bin/fscheck write /data/x
write "--readonly yes: the root is read-only" "Read-only file system" \
	--root "$T/rw" -- /bin/fscheck write /data/x
write "--readonly no keeps a read-only host root read-only" \
	"Read-only file system" "${ro[@]}" -- /bin/fscheck write /data/x
write "control: --bind rw of a writable dir writes" ok \
	--bind "$T/rw/mnt:/mnt:rw" "${rw[@]}" -- /bin/fscheck write /mnt/x
write "--bind rw keeps a read-only host mount read-only" \
	"Read-only file system" --bind "$T/robind:/mnt:rw" "${rw[@]}" -- \
	/bin/fscheck write /mnt/x
write "--state keeps a read-only host mount read-only" \
	"Read-only file system" --state "$T/rostate:/mnt" --root "$T/rw" -- \
	/bin/fscheck write /mnt/x

# /proc: masked files open and read nothing (/dev/null is bound over
# them). Those this kernel lacks are left out (their absence must not
# fail the launch: the runs below). The page map, slab and vmalloc
# files are guarded by DAC alone (mode 0400 root): masked for uid 0 or
# a kept capability, and without either the kernel refuses them.
always="interrupts kcore keys latency_stats timer_list timer_stats
	sched_debug"
rootonly="pagetypeinfo kpageflags kpagecount kpagecgroup slabinfo
	vmallocinfo"
# expect OUTCOME FILE...: sets paths and want for the FILEs present.
expect() {
	local how=$1 f
	shift
	for f in "$@"; do
		[ -e "/proc/$f" ] || continue
		paths+=("/proc/$f")
		want+="/proc/$f: $how"$'\n'
	done
}
host=$("$TESTBIN/bin/fscheck" read /proc/interrupts)
case $host in
*": 0 bytes") fail "control: /proc/interrupts on the host reads nothing" ;;
*) pass "control: the host reads /proc/interrupts ($host)" ;;
esac
# shellcheck disable=SC2086 # word lists
masks() { # masks WHAT ROOTONLY-OUTCOME ARGS...
	local what=$1 how=$2
	shift 2
	paths=() want=
	expect "0 bytes" $always
	expect "$how" $rootonly
	run_sbx "$T/out" --root "$T/rw" "$@" -- /bin/fscheck read "${paths[@]}"
	check_eq "$what: ${#paths[@]} /proc files" "${want%$'\n'}" "$(cat "$T/out")"
}
masks "uid 0 reads nothing from the masked" "0 bytes" --user 0:0
masks "a kept capability reads nothing from the masked" "0 bytes" \
	--caps dac_read_search
masks "the default uid: masked, or refused by the kernel" \
	"Permission denied"

# devpts: one sandbox may not take the host's ptys (kernel.pty.max is
# shared by every devpts instance): its own instance stops at 64, with
# the kernel's ENOSPC.
run_sbx "$T/out" --root "$T/rw" -- /bin/fscheck ptys 1000
check_eq "devpts: at most 64 ptys, then ENOSPC" \
	"64 ptys, then No space left on device" "$(cat "$T/out")"
