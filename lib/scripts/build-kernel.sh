#!/bin/sh
# build-kernel.sh PKG FRAGMENT DL_DIR OUT: a small kernel of the
# board's own, built from Debian's kernel source (for a board whose
# root is a disk: Debian's kernels have the virtio, squashfs and ext4
# drivers as modules, which cannot load before the root is mounted).
# PKG is the metapackage linux-source: the versioned package it points
# to (linux-source-6.1) and that package's version are resolved in the
# package index, never written down, and the .deb is fetched with
# apt-get download, checked against the index's SHA256, and its tarball
# unpacked once into DL_DIR/PKG-VERSION (nothing installed on the host).
# The configuration: x86_64 `make tinyconfig`, the FRAGMENT's lines
# (CONFIG_X=y or `# CONFIG_X is not set`, everything built in, no
# modules) appended, `make olddefconfig`; every FRAGMENT line must
# hold after it, or the build fails naming the option (a missing dependency
# is then to be added to FRAGMENT). The bzImage and its .config are kept
# in DL_DIR/linux-kernel/KEY, KEY the package, its version and the
# FRAGMENT's hash, so later builds, other O= and clean clones sharing
# DL_DIR reuse it (the objects too, per version:
# DL_DIR/linux-kernel/PKG-VERSION.build); OUT is rewritten only when it differs (make sees no
# change otherwise). OUT.config gets the configuration. Needs gcc, make,
# bc, flex, bison, libelf-dev (lib/scripts/deps.sh). KERNEL_JOBS= the
# build's -j (default 2).
set -eu
# shellcheck source=lib/scripts/retry.sh
. "$(dirname "$0")/retry.sh"
pkg=$1 frag=$2 dl=$3 out=$4
die() {
	echo "build-kernel.sh: $*" >&2
	exit 1
}
[ -f "$frag" ] || die "no fragment $frag"
real=$(apt-cache depends "$pkg" 2>/dev/null |
	awk -v p="$pkg-" '$1 == "Depends:" && index($2, p) == 1 { print $2; exit }')
[ -n "$real" ] || die "no $pkg in the package index (run: apt-get update)"
info=$(apt-cache show --no-all-versions "$real" 2>/dev/null)
ver=$(printf '%s\n' "$info" | awk '$1 == "Version:" { print $2; exit }')
sum=$(printf '%s\n' "$info" | awk '$1 == "SHA256:" { print $2; exit }')
[ -n "$ver" ] || die "no version for $real in the package index"
[ -n "$sum" ] || die "no SHA256 for $real in the package index"
key=$real-$ver-$(sha256sum <"$frag" | cut -c1-16)
cache=$dl/linux-kernel/$key

put() { # put FILE DST: DST rewritten only when it differs
	cmp -s "$1" "$2" || { cp "$1" "$2.tmp" && mv "$2.tmp" "$2"; }
}
cached() { # the kernel out of the cache, if it is there
	[ -f "$cache/bzImage" ] && [ -f "$cache/config" ] || return 1
	put "$cache/bzImage" "$out"
	put "$cache/config" "$out.config"
}
! cached || exit 0
echo "build-kernel.sh: building $key (20 minutes of CPU or more, once)" >&2
t0=$(date +%s)

# The source, unpacked once per version. Work in directories of this
# process's own, renamed into place when complete: two builds sharing
# DL_DIR (another O=, CI) never see a half tree.
src=$dl/$real-$ver
if [ ! -f "$src/Makefile" ]; then
	debs=$dl/$pkg.tmp
	deb=$debs/${real}_${ver}_all.deb
	mkdir -p "$debs"
	if ! echo "$sum  $deb" | sha256sum -c --status 2>/dev/null; then
		rm -f "$deb"
		# As root apt hands downloads to its _apt user, which cannot
		# write here.
		sandbox=
		[ "$(id -u)" != 0 ] || sandbox='-o APT::Sandbox::User=root'
		# shellcheck disable=SC2086 # $sandbox is empty or two words
		(cd "$debs" && retry apt-get download -q $sandbox "$real=$ver") >&2
		echo "$sum  $deb" | sha256sum -c --status ||
			die "$deb does not match the index's SHA256"
	fi
	rm -rf "$src.tmp.$$"
	mkdir -p "$src.tmp.$$"
	dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "./usr/src/$real.tar.xz" |
		xz -dc | tar -xf - -C "$src.tmp.$$" --strip-components=1
	[ -f "$src.tmp.$$/Makefile" ] || die "$deb holds no kernel tree"
	mv "$src.tmp.$$" "$src" 2>/dev/null || rm -rf "$src.tmp.$$" # a race lost: theirs is the same
	rm -f "$deb"
fi

# The object tree, one per source version, kept: a build for another
# kernel.config recompiles only what the change touches. One build at a
# time in it (flock).
b=$dl/linux-kernel/$real-$ver.build
mkdir -p "$b"
exec 9>"$b.lock"
flock 9
! cached || exit 0 # built meanwhile
rm -f "$b/kconfig.log"
kmake() {
	make -s -C "$src" O="$b" ARCH=x86_64 "$@"
}
# kconfig's notes (every fragment line overrides one) in a log, shown
# when it fails.
kconfig() {
	kmake "$1" >>"$b/kconfig.log" 2>&1 || {
		cat "$b/kconfig.log" >&2
		die "make $1 failed"
	}
}
kconfig tinyconfig
cat "$frag" >>"$b/.config"
kconfig olddefconfig
# CONFIG_X=V must be there as it is; `# CONFIG_X is not set` holds
# where X has no value (a symbol whose dependencies are off is left out
# of .config altogether).
bad=$(grep -E '^(CONFIG_[A-Z0-9_]+=|# CONFIG_[A-Z0-9_]+ is not set$)' "$frag" |
	while IFS= read -r l; do
		case $l in
		'# '*) l=${l#\# } l=${l%% *}
			! grep -q "^$l=" "$b/.config" || printf ' %s' "$l" ;;
		*) grep -qxF -- "$l" "$b/.config" || printf ' %s' "${l%%=*}" ;;
		esac
	done)
[ -z "$bad" ] || die "$frag: not in the configuration after olddefconfig (a dependency missing?):$bad"
kmake -j"${KERNEL_JOBS:-2}" bzImage
rm -rf "$cache.tmp"
mkdir -p "$cache.tmp"
cp "$b/arch/x86/boot/bzImage" "$cache.tmp/bzImage"
cp "$b/.config" "$cache.tmp/config"
rm -rf "$cache"
mv "$cache.tmp" "$cache"
echo "build-kernel.sh: $key built in $(($(date +%s) - t0)) s" >&2
cached
