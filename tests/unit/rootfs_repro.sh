#!/bin/bash
# Reproducible images (SPEC 2): a second build of the board's images in
# another output directory, from the same inputs and SOURCE_DATE_EPOCH,
# gives the same bytes, for rootfs.cpio.gz and rootfs.squashfs; gzip
# stores no name or time; the cached toybox is reused, never rebuilt.
. "$SRC/tests/lib.sh"
need_static "reproducible images"
for f in rootfs.cpio.gz toybox/toybox; do
	[ -e "$O/$f" ] || { fail "$O/$f missing (make all)"; exit 1; }
done
scratch
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$SRC" log -1 --format=%ct)}

# Two builds in two fresh output directories, made here and now so
# both see the same sources. They reuse the toybox build (cp -a keeps
# its mtimes, so make sees it up to date), to keep this test quick.
build() { # build DIR LOG
	mkdir -p "$1"
	cp -a "$O/toybox" "$1/toybox"
	rm -rf "$1/toybox/src"
	make -C "$SRC" --no-print-directory NO_DEPS=1 O="$1" \
		SOURCE_DATE_EPOCH="$epoch" "$1/rootfs.cpio.gz" \
		${squash:+"$1/rootfs.squashfs"} >"$2" 2>&1
}
squash=
[ -e "$O/rootfs.squashfs" ] && squash=1
for n in 1 2; do
	if build "$T/o$n" "$T/make$n.log"; then
		pass "build $n in its own O="
	else
		fail "build $n failed: $(tail -n 5 "$T/make$n.log" | tr '\n' ' ')"
		exit 1
	fi
done
if grep -q 'TOYBOX' "$T/make1.log" "$T/make2.log"; then
	fail "toybox was rebuilt although its inputs did not change"
else
	pass "cached toybox reused"
fi
for n in rootfs.cpio.gz ${squash:+rootfs.squashfs}; do
	if cmp -s "$T/o1/$n" "$T/o2/$n"; then
		pass "$n: bit-for-bit identical across two builds ($(stat -c %s "$T/o1/$n") bytes)"
	else
		fail "$n differs between two builds"
	fi
done
[ -n "$squash" ] || skip "rootfs.squashfs (not built: CONFIG_SQUASHFS=n or no mksquashfs)"

# A rebuild of the tree (mkroot runs again) changes nothing either.
cp "$T/o1/rootfs.cpio.gz" "$T/first.cpio.gz"
rm -f "$T/o1/.rootfs.stamp"
make -C "$SRC" --no-print-directory NO_DEPS=1 O="$T/o1" SOURCE_DATE_EPOCH="$epoch" \
	"$T/o1/rootfs.cpio.gz" >"$T/make3.log" 2>&1
if cmp -s "$T/first.cpio.gz" "$T/o1/rootfs.cpio.gz"; then
	pass "the tree rebuilt from scratch gives the same cpio"
else
	fail "rebuilding the tree changed the cpio"
fi

# gzip -n: no file name (FLG.FNAME) and MTIME 0 in the header.
hdr=$(head -c 8 "$T/o1/rootfs.cpio.gz" | od -An -tx1 | tr -d ' \n')
check_eq "gzip header: magic, deflate, no name flag, mtime 0" "1f8b080000000000" "$hdr"
# Every entry carries SOURCE_DATE_EPOCH as its mtime.
mt=$(zcat "$T/o1/rootfs.cpio.gz" | head -c 110 | cut -c 47-54)
check_eq "cpio mtime is SOURCE_DATE_EPOCH" "$epoch" "$((16#$mt))"
