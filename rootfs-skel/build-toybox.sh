#!/bin/bash
# build-toybox.sh SRC OUT: build a static toybox from SRC (a tarball or a
# source tree) in OUT/src and install the binary as OUT/toybox, with its
# applet list in OUT/applets (one name a line).
#
# Environment: CC (the board's musl compiler, full name; toybox gets an
# empty CROSS_COMPILE so CC is used as is), STRIP (likewise), CFLAGS_EXTRA
# (e.g. the -idirafter flags Debian's musl-gcc needs for <linux/*.h>),
# HOSTCC, JOBS.
#
# The configuration is toybox's defconfig less what needs crypt(), which
# musl has but Debian's musl build does not ship usable: passwd, su,
# login, mkpasswd (and the pending chsh, sulogin if someone enables them).
set -euo pipefail
src=$1 out=$2
: "${CC:=musl-gcc}" "${HOSTCC:=cc}" "${JOBS:=$(nproc)}" "${CFLAGS_EXTRA:=}"
off=(PASSWD SU LOGIN MKPASSWD CHSH SULOGIN)
# toysh is still in toys/pending in 0.8.9 but is what mkroot images use:
# services and the rescue console need a /bin/sh.
on=(SH)

rm -rf "$out/src" "$out/toybox" "$out/applets"
mkdir -p "$out/src"
if [ -d "$src" ]; then
	cp -a "$src/." "$out/src/"
else
	tar -xf "$src" -C "$out/src" --strip-components=1
fi
cd "$out/src"

# toybox's scripts read these from the environment.
export HOSTCC CC CROSS_COMPILE='' CFLAGS="$CFLAGS_EXTRA" LDFLAGS=--static
export STRIP="${STRIP:-strip}" NOSTRIP=
make_tb() { # quiet unless it fails: toybox's build is chatty
	make -j"$JOBS" "$@" >>"$out/build.log" 2>&1 || {
		tail -n 30 "$out/build.log" >&2
		echo "build-toybox: make $* failed (log: $out/build.log)" >&2
		exit 1
	}
}

: >"$out/build.log"
make_tb defconfig
for c in "${off[@]}"; do
	sed -i "s/^CONFIG_$c=y\$/# CONFIG_$c is not set/" .config
done
for c in "${on[@]}"; do
	sed -i "s/^# CONFIG_$c is not set\$/CONFIG_$c=y/" .config
done
make_tb silentoldconfig
make_tb toybox
for c in "${off[@]}"; do
	if grep -q "^CONFIG_$c=y" .config; then
		echo "build-toybox: CONFIG_$c still enabled" >&2
		exit 1
	fi
done
for c in "${on[@]}"; do
	if ! grep -q "^CONFIG_$c=y" .config; then
		echo "build-toybox: CONFIG_$c did not stay enabled" >&2
		exit 1
	fi
done
if readelf -lW toybox | grep -q INTERP; then
	echo "build-toybox: toybox is not static" >&2
	exit 1
fi
# The applet list comes from the build's own tables, so it matches the
# binary on any architecture (a cross-built binary may not run here): a
# NEWTOY/OLDTOY line counts when its USE_X() macro is on and its flags
# give an install location, the rule `toybox --long` follows (shell
# builtins and internal names have none). One "DIR NAME" a line, DIR as
# toybox would install it: bin, sbin, usr/bin, usr/sbin.
awk 'FNR == NR { if ($3 == "__VA_ARGS__") on[substr($2, 1, index($2, "(") - 1)] = 1; next }
     match($0, /^USE_[A-Z0-9_]+\((NEW|OLD)TOY\(/) {
	use = substr($0, 1, index($0, "(") - 1)
	name = substr($0, RLENGTH + 1); name = substr(name, 1, index(name, ",") - 1)
	dir = ($0 ~ /TOYFLAG_USR/ ? "usr/" : "")
	if ($0 ~ /TOYFLAG_BIN/) dir = dir "bin"
	else if ($0 ~ /TOYFLAG_SBIN/) dir = dir "sbin"
	else next
	if (use in on) print dir, name
     }' generated/config.h generated/newtoys.h | LC_ALL=C sort -k2 -u >"$out/applets.tmp"
cp toybox "$out/toybox.tmp"
mv "$out/applets.tmp" "$out/applets"
mv "$out/toybox.tmp" "$out/toybox"
