#!/bin/sh
# apt-armhf.sh DIR apt-get|apt-cache ARGS...: run apt-get or apt-cache
# against Debian's armhf package index and the sources index, kept in
# DIR, not in the host's dpkg (`apt-armhf.sh DIR apt-get update` first). Adding armhf to dpkg (dpkg --add-architecture)
# makes every host `apt-get update` read the armhf indexes of all the
# configured suites, and one broken index (security's, on some mirrors)
# then fails them all. Here apt reads only the main suite's armhf index
# from the mirror the host already uses, verifies its InRelease against
# the host's Debian keyring as usual, and checks every .deb it
# downloads against that signed index: nothing outside the archive.
set -eu
dir=$1 cmd=$2
shift 2
mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
# The mirror and release the host gets its own Debian packages from.
if [ ! -s "$dir/sources.list" ]; then
	# shellcheck disable=SC2016 # apt's format fields, not the shell's
	repo=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT) $(TARGET_OF)' \
		'Created-By: Packages' 2>/dev/null |
		awk '$4 == "deb" && $3 == "main" && $2 !~ /-(security|updates|backports)$/ { print $1, $2; exit }')
	if [ -z "$repo" ]; then
		echo "apt-armhf.sh: no Debian main suite in apt's sources" >&2
		exit 1
	fi
	# Debian's own key, not whatever else the host trusts.
	key=/usr/share/keyrings/debian-archive-keyring.gpg
	{
		echo "deb [arch=armhf signed-by=$key] ${repo% *} ${repo#* } main"
		echo "deb-src [signed-by=$key] ${repo% *} ${repo#* } main"
	} >"$dir/sources.list.tmp"
	mv "$dir/sources.list.tmp" "$dir/sources.list"
fi
: >"$dir/status"
# As root apt hands downloads to its _apt user, which cannot write here.
sandbox=root
[ "$(id -u)" = 0 ] || sandbox=$(id -un)
# The dpkg status is an empty file: nothing counts as installed.
exec "$cmd" -q -o APT::Architecture=armhf -o APT::Architectures=armhf \
	-o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
	-o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" \
	-o Dir::State::status="$dir/status" -o APT::Sandbox::User="$sandbox" \
	-o Debug::NoLocking=1 "$@"
