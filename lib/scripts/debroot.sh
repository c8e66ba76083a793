#!/bin/sh
# debroot.sh DIR DEBARCH PKG...: a sysroot (SYSROOT=) of Debian's
# binary packages PKG, unpacked into DIR with dpkg-deb -x (nothing is
# configured, no maintainer script runs, nothing starts), with every
# library package they depend on, recursively: Depends and Pre-Depends
# on lib* and zlib1g. The other dependencies (adduser, lsb-base,
# init-system-helpers...) are what dpkg needs to install a package, not
# what its programs load; the build's closure check (rootfs-skel/elfdeps)
# proves the result complete. The same for another architecture needs
# DEBARCH in dpkg (lib/scripts/deps.sh adds arm64 and mipsel), or
# APT_WRAP= as for fetch-kernel.sh.
#
# apt-get checks every package against the archive's signed index, so
# nothing but the distribution's archive is used. DIR/packages lists
# NAME=VERSION of what DIR holds; DIR is remade only when that list
# changes; DIR/request the arguments it was made for: the same request
# again does nothing (remove DIR for a new point release). The .debs are
# kept in DIR.debs for the next remake.
set -eu
# shellcheck source=lib/scripts/retry.sh
. "$(dirname "$0")/retry.sh"
dir=$1 arch=$2 wrap=${APT_WRAP:-}
shift 2
[ $# -gt 0 ] || { echo "usage: debroot.sh DIR DEBARCH PKG..." >&2; exit 2; }

# The same request again: nothing to do (remove DIR to pick up a new
# point release). apt-cache takes about a second a call.
[ -f "$dir/packages" ] && [ "$(cat "$dir/request" 2>/dev/null)" = "$arch $*" ] && exit 0

# deps PKG...: the library packages they depend on, one a line
deps() {
	# shellcheck disable=SC2046,SC2086 # $wrap is a command; one word a package
	$wrap apt-cache depends --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances $(printf "%s:$arch " "$@") 2>/dev/null |
		awk -v a=":$arch" '$1 ~ /^\|?(Pre)?Depends:$/ {
			p = $2; sub(/:any$/, "", p); sub(a "$", "", p)
			if (p ~ /^(lib|zlib1g$)/) print p }' | LC_ALL=C sort -u
}

# The closure, breadth first: one apt-cache call a level.
todo="$*" seen=" "
while [ -n "$todo" ]; do
	new=
	for p in $todo; do
		case $seen in *" $p "*) continue ;; esac
		seen="$seen$p " new="$new $p"
	done
	# shellcheck disable=SC2086 # one word a package
	todo=$([ -z "$new" ] || deps $new)
done
# shellcheck disable=SC2046,SC2086
list=$($wrap apt-cache policy $(printf "%s:$arch " $seen) 2>/dev/null |
	awk -v a=":$arch" '/^[^ ].*:$/ { p = $1; sub(/:$/, "", p); sub(a "$", "", p) }
		$1 == "Candidate:" && $2 != "(none)" { print p "=" $2 }' | LC_ALL=C sort)
for p in $seen; do
	case "
$list" in *"
$p="*) ;; *)
		echo "debroot.sh: no $p:$arch in the package index (apt-get update?)" >&2
		exit 1 ;;
	esac
done
if [ -f "$dir/packages" ] && [ "$(cat "$dir/packages")" = "$list" ]; then
	echo "$arch $*" >"$dir/request"
	exit 0
fi

echo "debroot.sh: unpacking $(echo "$list" | wc -l) packages into $dir" >&2
mkdir -p "$dir.debs"
sandbox=
[ "$(id -u)" != 0 ] || sandbox='-o APT::Sandbox::User=root'
# shellcheck disable=SC2046,SC2086 # one NAME=VERSION a line; $sandbox
(cd "$dir.debs" && retry $wrap apt-get download -q $sandbox \
	$(echo "$list" | sed "s/=/:$arch=/")) >&2
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
for nv in $list; do
	n=${nv%%=*} v=${nv#*=}
	# apt names the file NAME_VERSION_ARCH.deb, an epoch's ':' as %3a
	deb=$(ls "$dir.debs/${n}_$(echo "$v" | sed 's/:/%3a/')_"*.deb)
	dpkg-deb -x "$deb" "$dir.tmp"
done
echo "$list" >"$dir.tmp/packages"
echo "$arch $*" >"$dir.tmp/request"
rm -rf "$dir"
mv "$dir.tmp" "$dir"
