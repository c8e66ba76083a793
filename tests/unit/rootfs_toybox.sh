#!/bin/bash
# Static toybox: the binary in the image is the static one built from
# the pinned source, without the applets that need crypt(); services'
# applets are hard links to it; the source is never fetched twice and a
# tarball with the wrong sha256 is refused.
. "$SRC/tests/lib.sh"
need_static "the image's static toybox"
tb=$O/toybox/toybox
[ -x "$tb" ] || { fail "toybox not built ($tb; CONFIG_TOYBOX=y)"; exit 1; }
scratch

if readelf -lW "$tb" | grep -q INTERP; then
	fail "toybox has a PT_INTERP (dynamic)"
else
	pass "toybox is static (no PT_INTERP)"
fi
check_eq "toybox has no DT_NEEDED" "" "$(readelf -dW "$tb" 2>/dev/null | grep NEEDED)"
if cmp -s "$tb" "$O/rootfs/bin/toybox"; then
	pass "the image's /bin/toybox is that binary"
else
	fail "$O/rootfs/bin/toybox differs from $tb"
fi
size=$(zcat "$O/rootfs.cpio.gz" | cpio -tv 2>/dev/null | awk '$NF == "bin/toybox" { print $5 }')
check_eq "rootfs.cpio.gz holds bin/toybox with its data" "$(stat -c %s "$tb")" "$size"

for a in passwd su login mkpasswd; do
	if awk -v n=$a '$2 == n { f = 1 } END { exit !f }' "$O/toybox/applets"; then
		fail "applet $a needs crypt() but is built"
	else
		pass "no $a applet (needs crypt)"
	fi
done
if [ "$ARCH" = "$(uname -m)" ]; then
	check_eq "applet list matches toybox --long" \
		"$("$tb" --long | tr ' ' '\n' | grep . | LC_ALL=C sort)" \
		"$(awk '{ print $1 "/" $2 }' "$O/toybox/applets" | LC_ALL=C sort)"
	# shellcheck disable=SC2016 # $i is for toybox sh
	check_eq "toybox sh runs a loop" "a b" "$("$tb" sh -c 'for i in a b; do echo $i; done' | tr '\n' ' ' | sed 's/ $//')"
else
	skip "running toybox (cross build for $ARCH)"
fi

# Every applet in a subtree is a hard link to the one toybox: no bytes.
ino=$(stat -c %i "$O/rootfs/bin/toybox")
n=0 bad=
for f in "$O"/rootfs/srv/*/bin/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	[ "$(stat -c %i "$f")" = "$ino" ] || bad+=" ${f#"$O"/rootfs/}"
done
if [ "$n" -gt 0 ]; then
	check_eq "$n subtree applets are hard links to /bin/toybox" "" "$bad"
else
	skip "no service applets on this board"
fi

# Fetched once: with the tarball in DL_DIR, no network tool is even on
# PATH and the script still succeeds.
tarball=$SRC/dl/toybox_0.8.9+dfsg.orig.tar.xz
if [ -f "$tarball" ]; then
	mkdir -p "$T/bin" "$T/dl"
	for c in sh mkdir sha256sum cut; do ln -s "$(command -v $c)" "$T/bin/$c"; done
	ln -s "$tarball" "$T/dl/"
	out=$(PATH=$T/bin sh "$SRC/rootfs-skel/fetch-toybox.sh" "$T/dl" 2>&1)
	check_eq "present in DL_DIR: used as is, nothing fetched" "$T/dl/${tarball##*/}" "$out"
	mkdir "$T/bad"
	echo garbage >"$T/bad/${tarball##*/}"
	out=$(PATH=$T/bin sh "$SRC/rootfs-skel/fetch-toybox.sh" "$T/bad" 2>&1)
	check_eq "a tarball with the wrong sha256 is refused" \
		"1 fetch-toybox: $T/bad/${tarball##*/} does not match its pinned sha256 16fb5967531e88ca33b8c9142376987617ebe52e34e2b3f3a779603674b7d07c; remove it" \
		"$? $out"
else
	skip "fetch-once checks (toybox came from TOYBOX_SRC, not $SRC/dl)"
fi
