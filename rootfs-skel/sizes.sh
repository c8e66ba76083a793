#!/bin/bash
# sizes.sh ROOTFS IMAGE...: the size table `make` prints. MANIFEST in the
# environment names the services' subtrees.
#
# What a subtree "adds" is the bytes of file data that exist only
# because of it: each inode is counted once, at its first name in path
# order, which is also where mkcpio stores the data. So a hard-linked
# applet adds 0, and a library two services share is counted for the
# first one only.
set -euo pipefail
rootfs=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=rootfs-skel/manifest.sh
. "$here/manifest.sh"
manifest_read "$MANIFEST"

printf '%-24s %12s\n' image bytes
for img in "$@"; do
	printf '%-24s %12s\n' "${img##*/}" "$(stat -c %s "$img")"
done

# One line per regular file: path, inode, size; sorted like mkcpio.
(cd "$rootfs" && find . -type f -printf '%P\t%i\t%s\n') | LC_ALL=C sort >"$rootfs.sizes.tmp"
trap 'rm -f "$rootfs.sizes.tmp"' EXIT
roots=()
for s in "${M_SVCS[@]}"; do roots+=("$s=${S_ROOT[$s]}"); done
printf '\n%-16s %-24s %12s %7s\n' service root adds files
awk -F'\t' -v roots="${roots[*]}" '
BEGIN { n = split(roots, r, " ")
	for (i = 1; i <= n; i++) { k = index(r[i], "="); name[i] = substr(r[i], 1, k - 1)
		dir[i] = substr(r[i], k + 2) } }
{	owner = 0
	for (i = 1; i <= n; i++)
		if (dir[i] != "" && index($1, dir[i] "/") == 1) owner = i
	files[owner]++
	if (!seen[$2]++) bytes[owner] += $3
	total += ($2 in once) ? 0 : $3; once[$2] = 1 }
END {	printf "%-16s %-24s %12d %7d\n", "(base system)", "/", bytes[0], files[0]
	for (i = 1; i <= n; i++)
		if (dir[i] == "") printf "%-16s %-24s %12s %7s\n", name[i], "(isolate none)", "-", "-"
		else printf "%-16s %-24s %12d %7d\n", name[i], "/" dir[i], bytes[i], files[i]
	printf "%-16s %-24s %12d\n", "(all)", "", total }' "$rootfs.sizes.tmp"
