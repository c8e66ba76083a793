#!/bin/bash
# mkroot.sh: assemble the staging tree of the image from the services
# compiler's manifest, then check that every service will find what it
# needs at run time. Called by rootfs-skel/rootfs.mk; every input comes
# from the environment:
#
#   ROOTFS    the tree to (re)create            MANIFEST  $(O)/gen/manifest
#   CORRAL    the static binary                 ELFDEPS   host tool
#   TOYBOX    static toybox ('' = none)         APPLETS   its "DIR NAME" list
#   SYSROOT   where `files` come from [/]       BOARD_DIR for passwd, group
#                                               and the rootfs/ overlay
#   KERNEL    the kernel image the board boots (its package gives modules)
#   MODULES_DIR  modules tree instead (custom or cross kernels)
#   VERSION   for /etc/os-release
#   BASE      'keep': ROOTFS is a distribution's finished target tree
#             (Buildroot's TARGET_DIR): add the subtrees and the svc-*
#             ids to it, replace nothing else (`make install-subtrees`)
#
# Layout: /sbin/corral and /sbin/init -> corral; toybox and its applets
# flat in /bin (the SPEC's /bin/NAME, in the base system as in every
# subtree), /usr/bin -> ../bin; /etc; /lib/modules/NAME.ko; one subtree
# per isolated service (default /srv/NAME) whose applets are hard links
# to the one toybox, so they cost no bytes in either image.
#
# Every error names the service's FILE:LINE from the manifest. All of a
# service's problems are reported before the build fails.
set -euo pipefail
shopt -s nullglob
: "${ROOTFS:?}" "${MANIFEST:?}" "${CORRAL:?}" "${ELFDEPS:?}"
: "${TOYBOX:=}" "${APPLETS:=}" "${SYSROOT:=/}" "${BOARD_DIR:=}"
: "${KERNEL:=}" "${MODULES_DIR:=}" "${VERSION:=0}" "${BASE:=}"
here=$(cd "$(dirname "$0")" && pwd)
abs() { case $1 in /* | '') echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
# The work happens inside ROOTFS: make every given path absolute first.
for v in ROOTFS MANIFEST CORRAL ELFDEPS TOYBOX APPLETS SYSROOT BOARD_DIR MODULES_DIR; do
	printf -v "$v" '%s' "$(abs "${!v}")"
done
umask 022 # modes in the image must not depend on the builder's umask
errors=0

# shellcheck source=rootfs-skel/manifest.sh
. "$here/manifest.sh"
# shellcheck source=rootfs-skel/subtree.sh
. "$here/subtree.sh"

fail() { # fail MESSAGE: report, carry on, fail at the end
	echo "$*" >&2
	errors=$((errors + 1))
}

die() {
	echo "mkroot: $*" >&2
	exit 1
}

# ---- the base system ---------------------------------------------------

base_tree() {
	if [ "$BASE" = keep ]; then
		cd "$ROOTFS" && mkdir -p etc srv lib/modules
		return
	fi
	rm -rf "$ROOTFS"
	mkdir -p "$ROOTFS"
	cd "$ROOTFS"
	mkdir -p bin sbin etc lib/modules proc sys dev run tmp srv root usr
	chmod 1777 tmp
	chmod 0700 root
	ln -s ../bin usr/bin
	ln -s ../sbin usr/sbin
	install -m 0755 "$CORRAL" sbin/corral
	ln -s corral sbin/init
	# Mount points of the top-level mounts: made here, after the usr/
	# links, since the image PID 1 boots may be read-only.
	local d
	for d in "${M_MOUNTS[@]}"; do
		mkdir -p ".$d"
	done
	[ -n "$TOYBOX" ] || return 0
	install -m 0755 "$TOYBOX" bin/toybox
	local name
	while read -r _ name; do
		[ -e "bin/$name" ] || [ -e "sbin/$name" ] || ln -s toybox "bin/$name"
	done <"$APPLETS"
}

have_applet() {
	[ -n "$APPLETS" ] && awk -v n="$1" '$2 == n { f = 1 } END { exit !f }' "$APPLETS"
}

# passwd/group: the board's own files if it has them, then root and
# nobody unless those define them, then the svc-NAME ids the services
# compiler allocated (it read the same board files, so ids agree).
etc_ids() {
	local f=$1 dflt=$2 recs=$3
	{
		[ "$BASE" != keep ] || cat "etc/$f" 2>/dev/null || true
		[ -n "$BOARD_DIR" ] && [ -f "$BOARD_DIR/$f" ] && grep -v '^[[:space:]]*\(#\|$\)' "$BOARD_DIR/$f"
		printf '%s\n' "$dflt"
		printf '%s\n' "$recs"
	} | awk -F: 'NF > 1 && !seen[$1]++' >"etc/$f.new"
	mv "etc/$f.new" "etc/$f"
}

base_etc() {
	local users='' groups='' r n i g
	for r in "${M_USERS[@]}"; do
		read -r n i g <<<"$r"
		users+="$n:x:$i:$g:$n:/:/bin/false"$'\n'
	done
	for r in "${M_GROUPS[@]}"; do
		read -r n g <<<"$r"
		groups+="$n:x:$g:"$'\n'
	done
	etc_ids passwd $'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false' "$users"
	etc_ids group $'root:x:0:\nnobody:x:65534:\nnogroup:x:65534:' "$groups"
	[ "$BASE" != keep ] || return 0 # the distribution's own /etc
	echo "${M_HOSTNAME:-corral}" >etc/hostname
	printf '127.0.0.1\tlocalhost %s\n::1\tlocalhost\n' "${M_HOSTNAME:-corral}" >etc/hosts
	cat >etc/os-release <<-EOF
		NAME=corral
		ID=corral
		VERSION_ID=$VERSION
		PRETTY_NAME="corral $VERSION"
	EOF
}

# The board overlay, BOARD_DIR/rootfs/: copied over the base system
# before the subtrees are assembled, so a file below a service's root
# lands in that subtree (and a `files` copy to the same path does not
# replace it). Every entry is owned by root in the images; modes as git
# keeps them (git_modes), directories the base already has keep theirs
# (/root 0700, /tmp 1777). Users belong in the board's passwd and group,
# which are merged with the services' own: an overlay /etc/passwd would
# drop those.
base_overlay() {
	local o=$BOARD_DIR/rootfs f
	[ -n "$BOARD_DIR" ] && [ -d "$o" ] || return 0
	for f in passwd group; do
		[ ! -e "$o/etc/$f" ] ||
			fail "$o/etc/$f: list users and groups in $BOARD_DIR/$f instead (merged with the services' svc-NAME ones)"
	done
	while IFS= read -r -d '' f; do
		f=${f#./}
		if [ -L "$o/$f" ]; then
			ln -sfn "$(readlink "$o/$f")" "$f"
		elif [ -d "$o/$f" ]; then
			[ -d "$f" ] || mkdir -m 0755 "$f"
		elif [ -f "$o/$f" ]; then
			rm -f "$f"
			cp "$o/$f" "$f"
			git_modes "$f"
		else
			fail "$o/$f: not a file, directory or symlink"
		fi
	done < <(cd "$o" && find . -mindepth 1 -print0)
}

# ---- kernel modules ----------------------------------------------------

# The files of the kernel package: modules must match the kernel that
# boots, so they come from the package owning KERNEL, or MODULES_DIR.
module_list() {
	if [ -n "$MODULES_DIR" ]; then
		find "$MODULES_DIR" -name '*.ko*'
		return
	fi
	local pkg
	pkg=$(dpkg-query -S "$KERNEL" 2>/dev/null | cut -d: -f1) || true
	if [ -n "$pkg" ]; then
		dpkg-query -L "$pkg" | grep '^/lib/modules/.*\.ko\(\.xz\|\.zst\|\.gz\)\?$' || true
		return
	fi
	local ver=${KERNEL##*/vmlinu[xz]-}
	[ -d "/lib/modules/$ver" ] || die "no modules for $KERNEL: set BOARD_MODULES_DIR in board.mk"
	find "/lib/modules/$ver" -name '*.ko*'
}

unpack_module() { # unpack_module SRC DST
	case $1 in
	*.xz) xz -dc "$1" >"$2" ;;
	*.zst) zstd -qdc "$1" >"$2" ;;
	*.gz) gzip -dc "$1" >"$2" ;;
	*) cp "$1" "$2" ;;
	esac
}

base_modules() {
	[ ${#M_MODULES[@]} -gt 0 ] || return 0
	local all m norm src deps d ok=" " where=${MODULES_DIR:-the package of ${KERNEL:-?}}
	all=$(module_list)
	for m in "${M_MODULES[@]}"; do
		norm=${m//-/_}
		src=$(printf '%s\n' "$all" | awk -v n="$norm" '{
			b = $0; sub(/.*\//, "", b); sub(/\.ko(\.xz|\.zst|\.gz)?$/, "", b)
			gsub(/-/, "_", b); if (b == n && !f) f = $0 } END { print f }')
		if [ -z "$src" ]; then
			fail "$M_FILE: module $m: not found in $where"
			continue
		fi
		unpack_module "$src" "lib/modules/$m.ko"
		deps=$("$ELFDEPS" -M "lib/modules/$m.ko") || die "$src: unreadable module"
		for d in ${deps//,/ }; do
			[[ $ok == *" ${d//-/_} "* ]] ||
				fail "$M_FILE: module $m: depends on $d: list 'module $d' before it"
		done
		ok+="$norm "
	done
}

# ---- main ----------------------------------------------------------------

manifest_read "$MANIFEST"
base_tree
base_etc
base_modules
base_overlay
for s in "${M_SVCS[@]}"; do
	subtree_build "$s"
done
for s in "${M_SVCS[@]}"; do
	subtree_check "$s"
done
[ "$errors" = 0 ] || die "$errors error(s); $ROOTFS is incomplete"
