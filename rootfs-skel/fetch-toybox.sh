#!/bin/sh
# fetch-toybox.sh DL_DIR: make sure DL_DIR holds a verified toybox source
# tarball and print its path.
#
# Sources, in order:
#   1. DL_DIR already has it (never fetched twice; never re-downloaded
#      when present, only re-verified);
#   2. Debian's orig tarball through `apt-get source --download-only`
#      (the only network this project may use); as root on Debian a
#      deb-src entry mirroring the existing deb one is added when apt has
#      none, then `apt-get update`;
#   3. upstream's release tarball, for users with internet, but only
#      once its sha256 below is filled in: an unverified download is
#      never accepted.
# Every file is checked against its pinned sha256 before it is used.
set -eu
# shellcheck source=lib/scripts/retry.sh
. "$(dirname "$0")/../lib/scripts/retry.sh"
dl=${1:?usage: fetch-toybox.sh DL_DIR}
ver=0.8.9

deb_pkg=toybox=$ver+dfsg-1
deb_file=toybox_$ver+dfsg.orig.tar.xz
deb_sha=16fb5967531e88ca33b8c9142376987617ebe52e34e2b3f3a779603674b7d07c

up_url=https://landley.net/toybox/downloads/toybox-$ver.tar.gz
up_file=toybox-$ver.tar.gz
# TO BE FILLED IN by someone who can download and verify it; while empty,
# the upstream URL is never used.
up_sha=

say() { echo "fetch-toybox: $*" >&2; }

# verify FILE SHA: 0 when FILE exists and matches SHA (non-empty).
verify() {
	[ -n "$2" ] && [ -f "$1" ] &&
		[ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]
}

# Use what is there: a bad file is an error, not something to overwrite
# silently (it may be the user's own tarball).
have() { # have FILE SHA
	[ -e "$dl/$1" ] || return 1
	verify "$dl/$1" "$2" && return 0
	say "$dl/$1 does not match its pinned sha256 $2; remove it"
	exit 1
}

# Write a deb-src twin of every Debian deb entry, deb822 or one-line.
add_deb_src() {
	out=/etc/apt/sources.list.d/corral-deb-src.sources
	say "adding deb-src entries in $out"
	for f in /etc/apt/sources.list.d/*.sources; do
		if [ ! -f "$f" ] || [ "$f" = "$out" ]; then continue; fi
		awk 'BEGIN { RS = ""; ORS = "\n\n" }
		     /Types:[^\n]*deb/ && /debian/ {
			sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f"
	done >"$out.tmp"
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -n 's/^deb \(.*debian.*\)/deb-src \1/p' "$f"
	done >"${out%.sources}.list.tmp"
	mv "$out.tmp" "$out"
	if [ -s "${out%.sources}.list.tmp" ]; then
		mv "${out%.sources}.list.tmp" "${out%.sources}.list"
	else
		rm -f "${out%.sources}.list.tmp"
	fi
	apt-get update -q >/dev/null
}

# get_orig DIR: 0 once DIR holds the orig tarball, whatever apt says.
get_orig() {
	(cd "$1" && apt-get source -q --download-only "$deb_pkg") >&2 || true
	[ -f "$1/$deb_file" ]
}

from_debian() {
	command -v apt-get >/dev/null || return 1
	if ! apt-cache showsrc toybox 2>/dev/null | grep -q '^Package:'; then
		[ "$(id -u)" = 0 ] || {
			say "apt has no deb-src entry and we are not root"
			return 1
		}
		add_deb_src
	fi
	tmp=$(mktemp -d "$dl/.apt.XXXXXX")
	# apt drops privileges to _apt, which must be able to write here.
	chmod 0777 "$tmp"
	# Only the orig tarball is wanted: apt may fail on the .dsc or the
	# Debian diff and still have fetched it; the sha256 decides.
	retry get_orig "$tmp" || true
	mv "$tmp/$deb_file" "$dl/$deb_file.part" 2>/dev/null || true
	rm -rf "$tmp"
	[ -f "$dl/$deb_file.part" ] || return 1
	verify "$dl/$deb_file.part" "$deb_sha" || {
		say "downloaded $deb_file does not match sha256 $deb_sha"
		rm -f "$dl/$deb_file.part"
		return 1
	}
	mv "$dl/$deb_file.part" "$dl/$deb_file"
}

from_upstream() {
	[ -n "$up_sha" ] || return 1
	if command -v curl >/dev/null; then
		curl -fsSL -o "$dl/$up_file.part" "$up_url" || return 1
	elif command -v wget >/dev/null; then
		wget -q -O "$dl/$up_file.part" "$up_url" || return 1
	else
		return 1
	fi
	verify "$dl/$up_file.part" "$up_sha" || {
		say "$up_url does not match sha256 $up_sha"
		rm -f "$dl/$up_file.part"
		return 1
	}
	mv "$dl/$up_file.part" "$dl/$up_file"
}

mkdir -p "$dl"
dl=$(cd "$dl" && pwd)
if have "$deb_file" "$deb_sha"; then
	echo "$dl/$deb_file"
elif [ -n "$up_sha" ] && have "$up_file" "$up_sha"; then
	echo "$dl/$up_file"
elif from_debian; then
	echo "$dl/$deb_file"
elif from_upstream; then
	echo "$dl/$up_file"
else
	say "no toybox $ver source: put $deb_file (sha256 $deb_sha)"
	say "in $dl, or point TOYBOX_SRC= at a toybox tarball or tree"
	exit 1
fi
