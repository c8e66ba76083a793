# shellcheck shell=bash disable=SC2034
# manifest.sh: read the services compiler's manifest (see the header of
# rootfs-skel/svcc/emit_manifest.c) into shell variables. Sourced by mkroot.sh
# and sizes.sh. One TAB-separated record a line; each kind has a handler
# rec_KIND below (the table); unknown kinds are ignored, as the format
# asks, so svcc can add records without breaking older builders.
#
#   M_HOSTNAME  M_FILE (the services file)  M_MODULES[]  M_MOUNTS[] (DST)
#   M_USERS[] ("N U G")
#   M_GROUPS[] ("N G")  M_SVCS[] (names, file order)  and per service:
#   S_ROOT S_AT ("FILE:LINE") S_EXEC S_UID S_GID S_FILES S_COPY ("SRC<TAB>DST")
#   S_APPLETS S_MNTS (lists newline-separated)

M_HOSTNAME='' M_FILE='' M_MODULES=() M_MOUNTS=() M_USERS=() M_GROUPS=() M_SVCS=()
declare -A S_ROOT S_AT S_EXEC S_UID S_GID S_FILES S_COPY S_APPLETS S_MNTS

# The manifest is trusted build input, but a path with ".." or a
# relative one would let a typo write outside the tree: refuse those.
m_path() {
	case $1/ in
	*/../* | *//* | *$'\n'*) return 1 ;;
	esac
	[ "${1:0:1}" = / ]
}

m_name() { [[ $1 =~ ^[A-Za-z0-9_.@+-]+$ ]] && [ "$1" != . ] && [ "$1" != .. ]; }

m_bad() {
	echo "$MANIFEST_PATH:$MANIFEST_LINE: bad $1 record: $2" >&2
	exit 1
}

m_svc_known() { [ -n "${S_AT[$1]+x}" ] || m_bad "$2" "unknown service '$1'"; }

m_add() { # m_add ARRAY SVC VALUE
	local -n arr=$1
	arr[$2]+="$3"$'\n'
}

rec_hostname() { M_HOSTNAME=$1; }
rec_module() { m_name "$1" || m_bad module "$1"; M_MODULES+=("$1"); }
rec_mount() { m_path "$1" || m_bad mount "$1"; M_MOUNTS+=("$1"); }
rec_user() { m_name "$1" || m_bad user "$1"; M_USERS+=("$1 $2 $3"); }
rec_group() { m_name "$1" || m_bad group "$1"; M_GROUPS+=("$1 $2"); }
rec_svc() {
	m_name "$1" || m_bad svc "name '$1'"
	[ "$2" = - ] || m_path "$2" || m_bad svc "root '$2'"
	[ "$2" != / ] || m_bad svc "root /: use isolate none"
	M_SVCS+=("$1")
	S_ROOT[$1]=$2 S_AT[$1]="$3:$4" S_FILES[$1]='' S_COPY[$1]='' S_APPLETS[$1]='' S_MNTS[$1]=''
	S_UID[$1]='' S_GID[$1]='' S_EXEC[$1]=''
	[ -n "$M_FILE" ] || M_FILE=$3
}
rec_runas() { m_svc_known "$1" runas; S_UID[$1]=$2 S_GID[$1]=$3; }
rec_exec() { m_svc_known "$1" exec; m_path "$2" || m_bad exec "$2"; S_EXEC[$1]=$2; }
rec_file() { m_svc_known "$1" file; m_path "$2" || m_bad file "$2"; m_add S_FILES "$1" "$2"; }
rec_copy() {
	m_svc_known "$1" copy
	m_path "$2" || m_bad copy "$2"
	m_path "$3" || m_bad copy "$3"
	m_add S_COPY "$1" "$2"$'\t'"$3"
}
rec_applet() { m_svc_known "$1" applet; m_name "$2" || m_bad applet "$2"; m_add S_APPLETS "$1" "$2"; }
rec_mnt() { m_svc_known "$1" "$3"; m_path "$2" || m_bad "$3" "$2"; m_add S_MNTS "$1" "$2"; }
rec_state() { rec_mnt "$1" "$2" state; }
rec_tmpfs() { rec_mnt "$1" "$2" tmpfs; }
rec_bind() { rec_mnt "$1" "$2" bind; }

manifest_read() { # manifest_read FILE
	local kind a b c d
	MANIFEST_PATH=$1 MANIFEST_LINE=0
	[ -f "$1" ] || { echo "mkroot: $1: no manifest" >&2; exit 1; }
	while IFS=$'\t' read -r kind a b c d; do
		MANIFEST_LINE=$((MANIFEST_LINE + 1))
		[ "$(type -t "rec_$kind")" = function ] || continue
		"rec_$kind" "$a" "$b" "$c" "$d"
	done <"$1"
	[ -n "$M_FILE" ] || M_FILE=${BOARD_DIR:+$BOARD_DIR/}services
}
