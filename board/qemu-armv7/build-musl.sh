#!/bin/sh
# build-musl.sh DIR: build musl for armv7 from Debian's source package
# and install it into DIR (the board's DL_DIR/musl-armhf), with
# DIR/bin/arm-linux-musleabi-gcc the compiler the board uses. Debian
# has no musl-dev:armhf without adding the armhf architecture to dpkg
# (which breaks `apt-get update` on some mirrors), and its armhf musl
# would be hard-float anyway: this one is soft-float, so nothing linked
# against it has a floating-point instruction (router SoCs without an
# FPU). The source comes from the archive's signed Sources index
# through apt-armhf.sh; each file is checked against the .dsc's sha256.
# The compiler is Debian's armhf gcc (gcc-arm-linux-gnueabihf) with
# -mfloat-abi=soft; <linux/*.h> are copied from
# linux-libc-dev-armhf-cross, so the tree is a complete sysroot.
set -eu
dir=$1
here=$(cd "$(dirname "$0")" && pwd)
gcc=arm-linux-gnueabihf-gcc
kh=/usr/arm-linux-gnueabihf/include
for t in $gcc arm-linux-gnueabihf-ar; do
	command -v "$t" >/dev/null || { echo "build-musl.sh: no $t (package gcc-arm-linux-gnueabihf)" >&2; exit 1; }
done
[ -d $kh/asm ] || { echo "build-musl.sh: no $kh/asm (package linux-libc-dev-armhf-cross)" >&2; exit 1; }
apt=$dir.apt
tmp=$dir.tmp
rm -rf "$tmp"
mkdir -p "$tmp/src"
sh "$here/apt-armhf.sh" "$apt" apt-get update >&2
(cd "$tmp/src" && sh "$here/apt-armhf.sh" "$apt" apt-get source --download-only musl) >&2
dsc=$(ls "$tmp"/src/musl_*.dsc)
# apt checked the .dsc against the signed index and the files against
# the .dsc; check again here, so the build never unpacks anything else.
awk '/^Checksums-Sha256:/ { on = 1; next } /^[^ ]/ { on = 0 } on { print $1 "  " $3 }' "$dsc" \
	>"$tmp/sha256"
[ -s "$tmp/sha256" ] || { echo "build-musl.sh: no Checksums-Sha256 in $dsc" >&2; exit 1; }
(cd "$tmp/src" && sha256sum -c --quiet "$tmp/sha256") >&2
orig=$(ls "$tmp"/src/musl_*.orig.tar.gz)
tar -xzf "$orig" -C "$tmp"
src=$(ls -d "$tmp"/musl-*/)
# The Debian revision adds packaging only (no patches to musl itself).
[ ! -s "$tmp/src/debian/patches/series" ] || { echo "build-musl.sh: unexpected patches" >&2; exit 1; }
# Thumb-2 (gcc's armhf default): about a third smaller than ARM code.
(cd "$src" && CC="$gcc -mfloat-abi=soft" CROSS_COMPILE=arm-linux-gnueabihf- \
	CFLAGS="-Os -mthumb" ./configure --prefix="$dir" --target=arm-linux-musleabi \
	--disable-shared --disable-wrapper >&2 &&
	make -s -j"$(nproc)" >&2 && make -s install DESTDIR="$tmp/root" >&2)
root=$tmp/root$dir
cp -R "$kh/linux" "$kh/asm" "$kh/asm-generic" "$root/include/"
sh "$src/tools/musl-gcc.specs.sh" "$dir/include" "$dir/lib" /lib/ld-musl-arm.so.1 \
	>"$root/lib/musl-gcc.specs"
mkdir -p "$root/bin"
# libgcc.a is the armhf one: built for the hard-float calling
# convention, so ld refuses to mix it with soft-float objects. The
# members a static link takes from it are the AEABI helpers (division,
# soft-float arithmetic), which use the base calling convention in
# both; --no-warn-mismatch lets them link, and the board's test checks
# the result has no VFP/NEON instruction.
cat >"$root/bin/arm-linux-musleabi-gcc" <<EOW
#!/bin/sh
# gcc for armv7, soft-float, against musl in $dir (board/qemu-armv7/build-musl.sh).
exec $gcc -mfloat-abi=soft "\$@" -specs "$dir/lib/musl-gcc.specs" -Wl,--no-warn-mismatch
EOW
chmod +x "$root/bin/arm-linux-musleabi-gcc"
basename "$dsc" .dsc >"$root/version"
rm -rf "$dir"
mv "$root" "$dir"
rm -rf "$tmp"
