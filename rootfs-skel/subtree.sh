# shellcheck shell=bash disable=SC2154 # errors, S_*: from mkroot.sh
# subtree.sh: one service's part of the image, and the completeness
# check that proves it will run. Sourced by mkroot.sh (which provides
# fail, die, have_applet and the manifest's S_* variables); runs with the
# staging tree as its working directory.
#
# Why a check at build time: with procd+ujail the usual failure is a
# file missing inside the jail, found only when the service dies on the
# device. Here the same questions are asked on the build host: does the
# program exist and is it executable, does a script's interpreter exist,
# does every shared library resolve inside the subtree, does the user
# exist; each failure names the services file line.

declare -A COPIED # host file (resolved) -> first copy in the tree
declare -A BUILD_ERRORS # service -> errors while assembling it

# The service's tree, relative to the staging tree ("." = base system).
sub_dir() {
	local r=${S_ROOT[$1]}
	if [ "$r" = - ]; then echo .; else echo "${r#/}"; fi
}

sub_where() { # what to call the root in messages
	local r=${S_ROOT[$1]}
	if [ "$r" = - ]; then echo "the base system"; else echo "$r"; fi
}

# Copy a host file once: later copies of the same file become hard
# links to the first, which cost no bytes in the images.
copy_shared() { # copy_shared HOSTFILE DEST
	local src=$1 dst=$2
	[ -e "$dst" ] && return 0
	mkdir -p "$(dirname "$dst")"
	if [ -n "${COPIED[$src]+x}" ]; then
		ln "${COPIED[$src]}" "$dst"
	else
		cp --preserve=mode "$src" "$dst"
		chmod u+w,go-w "$dst"
		COPIED[$src]=$dst
	fi
}

sub_mountpoints() { # sub_mountpoints SVC DIR
	local p
	[ "$2" = . ] || mkdir -p "$2/proc" "$2/dev" "$2/tmp" "$2/etc" "$2/bin"
	[ "$2" = . ] || chmod 1777 "$2/tmp"
	while IFS= read -r p; do
		[ -z "$p" ] || [ -e "$2$p" ] || mkdir -p "$2$p"
	done <<<"${S_MNTS[$1]}"
}

# Identity files, hard-linked so every subtree shares the base's bytes.
sub_etc() {
	local f
	[ "$1" = . ] && return 0
	for f in passwd group hosts; do
		[ ! -e "etc/$f" ] || [ -e "$1/etc/$f" ] || ln "etc/$f" "$1/etc/$f"
	done
}

sub_applets() { # sub_applets SVC DIR
	local a
	while IFS= read -r a; do
		[ -n "$a" ] || continue
		if [ -z "$TOYBOX" ]; then
			fail "${S_AT[$1]}: $1: applet $a: the image has no toybox (CONFIG_TOYBOX is not set, as in Buildroot and Yocto images): list the program under files instead"
		elif ! have_applet "$a"; then
			fail "${S_AT[$1]}: $1: applet $a: toybox has no such applet${TOYBOX:+" (see $APPLETS)"}"
		elif [ "$2" != . ]; then
			[ -e "$2/bin/$a" ] || ln bin/toybox "$2/bin/$a"
		fi
	done <<<"${S_APPLETS[$1]}"
}

# `files`: copy from SYSROOT to the same path, then add the closure of
# every ELF file among them. Paths are resolved inside SYSROOT so a
# staging sysroot's absolute symlinks never reach the build host.
sub_files() { # sub_files SVC DIR
	local p real elfs=() name err
	while IFS= read -r p; do
		[ -n "$p" ] || continue
		if ! real=$("$ELFDEPS" -r "$SYSROOT" -p "$p" 2>/dev/null) ||
			[ ! -e "${SYSROOT%/}$real" ]; then
			fail "${S_AT[$1]}: $1: files $p: not found in ${SYSROOT}"
			continue
		fi
		if [ -d "${SYSROOT%/}$real" ]; then
			mkdir -p "$2$p"
			cp -a "${SYSROOT%/}$real/." "$2$p/"
			while IFS= read -r name; do elfs+=("$p/${name#./}"); done \
				< <(cd "$2$p" && find . -type f | LC_ALL=C sort)
		else
			copy_shared "${SYSROOT%/}$real" "$2$p"
			elfs+=("$p")
		fi
	done <<<"${S_FILES[$1]}"
	[ ${#elfs[@]} -gt 0 ] || return 0
	err=$(mktemp)
	while IFS=$'\t' read -r name real; do
		copy_shared "${SYSROOT%/}$real" "$2$name"
	done < <("$ELFDEPS" -r "$SYSROOT" "${elfs[@]}" 2>"$err" || true)
	while IFS= read -r p; do
		fail "${S_AT[$1]}: $1: ${p#elfdeps: }: not found in ${SYSROOT}"
	done < <(sed 's/: not found$//' "$err")
	rm -f "$err"
}

# Modes as git keeps them (0755 for directories and executables, 0644
# for the rest), so what comes from a board directory never depends on
# the checkout's umask: the board overlay and `files SRC:DST`.
git_modes() { # git_modes PATH
	find "$1" -type d -exec chmod 0755 {} + -o -type f -perm -u+x \
		-exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
}

# `files SRC:DST`: a build-host file or directory (SRC absolute, made so
# by svcc) copied to DST; what its ELF files need still comes from
# SYSROOT, the target's libraries.
sub_copies() { # sub_copies SVC DIR
	local src dst hosts=() f name real err
	while IFS=$'\t' read -r src dst; do
		[ -n "$src" ] || continue
		if [ -d "$src" ]; then
			mkdir -p "$2$dst"
			cp -R "$src/." "$2$dst/"
			while IFS= read -r f; do hosts+=("$f"); done \
				< <(find "$src" -type f | LC_ALL=C sort)
		elif [ -e "$src" ]; then
			copy_shared "$src" "$2$dst"
			hosts+=("$src")
		else
			fail "${S_AT[$1]}: $1: files $src:$dst: $src: not found"
			continue
		fi
		git_modes "$2$dst"
	done <<<"${S_COPY[$1]}"
	[ ${#hosts[@]} -gt 0 ] || return 0
	err=$(mktemp)
	while IFS=$'\t' read -r name real; do
		copy_shared "${SYSROOT%/}$real" "$2$name"
	done < <("$ELFDEPS" -H -r "$SYSROOT" "${hosts[@]}" 2>"$err" || true)
	while IFS= read -r f; do
		fail "${S_AT[$1]}: $1: ${f#elfdeps: }: not found in ${SYSROOT}"
	done < <(sed 's/: not found$//' "$err")
	rm -f "$err"
}

subtree_build() { # subtree_build SVC
	local d before=$errors
	d=$(sub_dir "$1")
	[ "$d" = . ] || mkdir -p "$d"
	sub_mountpoints "$1" "$d"
	sub_etc "$d"
	sub_applets "$1" "$d"
	sub_files "$1" "$d"
	sub_copies "$1" "$d"
	BUILD_ERRORS[$1]=$((errors - before))
}

# ---- the completeness check ---------------------------------------------

# Resolve PATH inside the service's root, as the kernel will after
# pivot_root. Prints the resolved path; fails if it does not exist.
sub_resolve() { # sub_resolve DIR PATH
	local real
	real=$("$ELFDEPS" -r "$1" -p "$2" 2>/dev/null) && [ -e "$1$real" ] &&
		echo "$real"
}

check_exec() { # check_exec SVC DIR: sets REAL to the resolved program
	local e=${S_EXEC[$1]} real
	REAL=
	if ! real=$(sub_resolve "$2" "$e"); then
		fail "${S_AT[$1]}: $1: $e: not found in $(sub_where "$1")"
	elif [ ! -f "$2$real" ]; then
		fail "${S_AT[$1]}: $1: $e: not a regular file"
	elif [ ! -x "$2$real" ]; then
		fail "${S_AT[$1]}: $1: $e: not executable"
	else
		REAL=$real
	fi
}

check_script() { # check_script SVC DIR REAL
	local line interp real
	[ "$(head -c 2 "$2$3")" = '#!' ] || return 0
	IFS= read -r line <"$2$3" || true
	read -r interp _ <<<"${line#\#!}"
	if [ -z "$interp" ]; then
		fail "${S_AT[$1]}: $1: ${S_EXEC[$1]}: '#!' without an interpreter"
	elif ! real=$(sub_resolve "$2" "$interp") || [ ! -x "$2$real" ] ||
		[ -d "$2$real" ]; then
		fail "${S_AT[$1]}: $1: ${S_EXEC[$1]}: interpreter $interp: not found in $(sub_where "$1")"
	else
		INTERP=$interp # its libraries are checked with the program's
	fi
}

# Every dynamic dependency of the program and of its `files` must
# resolve inside the root itself: the host's libraries are gone after
# pivot_root.
check_libs() { # check_libs SVC DIR REAL
	local p list=("$3" ${INTERP:+"$INTERP"})
	while IFS= read -r p; do
		p=${p#*$'\t'} # a copy's DST
		[ -n "$p" ] || continue
		if [ -d "$2$p" ]; then
			while IFS= read -r f; do list+=("$p/${f#./}"); done \
				< <(cd "$2$p" && find . -type f | LC_ALL=C sort)
		elif [ -e "$2$p" ]; then
			list+=("$p")
		fi
	done <<<"${S_FILES[$1]}${S_COPY[$1]}"
	while IFS= read -r p; do
		fail "${S_AT[$1]}: $1: ${p#elfdeps: }: not found in $(sub_where "$1")"
	done < <("$ELFDEPS" -r "$2" "${list[@]}" 2>&1 >/dev/null |
		sed 's/: not found$//')
}

check_ids() { # check_ids SVC
	local u=${S_UID[$1]} g=${S_GID[$1]}
	[ -z "$u" ] || awk -F: -v id="$u" '$3 == id { f = 1 } END { exit !f }' etc/passwd ||
		fail "${S_AT[$1]}: $1: runs as uid $u: not in /etc/passwd"
	[ -z "$g" ] || awk -F: -v id="$g" '$3 == id { f = 1 } END { exit !f }' etc/group ||
		fail "${S_AT[$1]}: $1: runs as gid $g: not in /etc/group"
}

subtree_check() { # subtree_check SVC
	local d
	d=$(sub_dir "$1")
	check_ids "$1"
	[ -n "${S_EXEC[$1]}" ] || {
		fail "${S_AT[$1]}: $1: no exec record in the manifest"
		return
	}
	check_exec "$1" "$d"
	INTERP=
	[ -n "$REAL" ] || return 0
	check_script "$1" "$d" "$REAL"
	# A library already reported missing from SYSROOT is missing here
	# too: say it once.
	[ "${BUILD_ERRORS[$1]}" != 0 ] || check_libs "$1" "$d" "$REAL"
}
