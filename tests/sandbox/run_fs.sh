#!/bin/bash
# The service's file system view, checked by tests/sandbox/fscheck.c:
# a read-only host mount stays read-only whatever the options say (the
# root with --readonly no, a --bind rw, a --state), through both the
# fd-based mount API and mount(2) (under nosys, as on kernels before
# 5.12).
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
		CORRAL=$c run_sbx "$T/out" "$@"
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
