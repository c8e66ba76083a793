# shellcheck shell=bash
# The real-daemon test board (tests/boards/daemons), shared by its two
# tests: tests/sandbox/daemons.sh (container mode on the build host, four
# daemons) and tests/boot/daemons.sh (QEMU, all five). Sourced after
# tests/lib.sh and scratch.
#
#   dmn_sysroot            Debian's packages unpacked (lib/scripts/debroot.sh)
#                          into $DL_DIR/daemons-amd64: sets DSYS; SKIP
#                          (exit) where the archive cannot be reached
#   dmn_build MODE DIR     the board in DIR/board (qemu: as it is;
#                          container: "qemu only" lines dropped), a key
#                          pair in DIR, built into DIR/out: sets OD, KEY
#   dmn_clients [RUN...]   the client checks, each command prefixed with
#                          RUN (a way into the network that reaches the
#                          services' veth addresses; "" for none)
#   dmn_sizes              each service's subtree size, from $OD

DMN_PKGS="dnsmasq-base dropbear-bin lighttpd mosquitto mosquitto-clients chrony"
DMN_SRC=$SRC/tests/boards/daemons

dmn_sysroot() {
	local dl=${DL_DIR:-$SRC/dl}
	DSYS=$dl/daemons-amd64
	# shellcheck disable=SC2086 # a word list
	if ! sh "$SRC/lib/scripts/debroot.sh" "$DSYS" amd64 $DMN_PKGS >"$T/debroot.log" 2>&1; then
		skip "real daemons: Debian's packages could not be fetched: $(tail -n 2 "$T/debroot.log" | tr '\n' ' ')"
		exit 0
	fi
}

# The board, copied (its symlinks into board/qemu-x86_64 followed) and
# rewritten only where it changed, so a second run rebuilds nothing.
dmn_board() {
	local mode=$1 b=$2/board
	mkdir -p "$b.new"
	cp -rL "$DMN_SRC/." "$b.new/"
	if [ "$mode" = container ]; then
		awk '/^[^ \t]/ { skip = /# qemu only/ } !skip && !/^[^ \t].*# qemu only/' \
			"$DMN_SRC/services" >"$b.new/services"
	fi
	[ -f "$2/id" ] || ssh-keygen -q -t ed25519 -N '' -C corral-test -f "$2/id"
	cp "$2/id.pub" "$b.new/authorized_keys"
	(cd "$b.new" && find . -type f) | while IFS= read -r f; do
		cmp -s "$b.new/$f" "$b/$f" 2>/dev/null && continue
		mkdir -p "$(dirname "$b/$f")"
		cp "$b.new/$f" "$b/$f"
	done
	rm -rf "$b.new"
}

dmn_build() {
	OD=$2/out KEY=$2/id
	mkdir -p "$OD"
	dmn_board "$1" "$2"
	# The toybox build is reused (cp -a keeps the mtimes make compares).
	[ -d "$OD/toybox" ] || { cp -a "$O/toybox" "$OD/toybox" && rm -rf "$OD/toybox/src"; }
	if make -C "$SRC" --no-print-directory NO_DEPS=1 BOARD="$2/board" O="$OD" \
		SYSROOT="$DSYS" "${@:3}" >"$2/make.log" 2>&1; then
		pass "the $1 board builds with SYSROOT=Debian's packages"
	else
		fail "the $1 board does not build: $(grep -v '^  [A-Z]' "$2/make.log" | tail -n 8 | tr '\n' ' ')"
		exit 1
	fi
}

# retry SECS CMD...: CMD's output once it succeeds (a daemon is "ready
# at exec" unless it says otherwise: its socket may come a moment later)
retry() {
	local end=$(($(date +%s) + $1)) out
	shift
	until out=$("$@" 2>"$T/retry.err"); do
		[ "$(date +%s)" -lt "$end" ] || { cat "$T/retry.err"; break; }
		sleep 0.5
	done
	printf '%s\n' "$out"
}

# The clients, from the build host's Debian packages.
dmn_clients() {
	local r
	[ -n "$1" ] || shift
	r=$(retry 10 "$@" dig +short +time=2 +tries=3 @10.0.1.2 router.lan A)
	check_eq "dnsmasq: dig @10.0.1.2 router.lan answers from its config" 10.0.1.1 "$r"
	r=$("$@" dig +short +time=2 +tries=3 @10.0.1.2 www.corral.test A 2>&1)
	check_eq "dnsmasq: dig @10.0.1.2 www.corral.test (address=/corral.test/)" 10.0.3.2 "$r"
	# shellcheck disable=SC2016 # $HOME is the remote shell's
	r=$(retry 10 "$@" ssh -i "$KEY" -T -o BatchMode=yes -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile="$T/known_hosts" -o ConnectTimeout=10 \
		admin@10.0.2.2 'id -u; echo $HOME' | tr '\n' ' ')
	check_eq "dropbear: ssh with a key logs admin in (uid, home)" "1000 /home/admin " "$r"
	r=$(retry 10 "$@" curl -sS --max-time 10 http://10.0.3.2/)
	check_eq "lighttpd: curl gets the page from the board overlay" \
		'<p>served by lighttpd in a corral jail</p>' "$r"
	r=$("$@" mosquitto_sub -h 10.0.4.2 -t corral/hello -C 1 -W 10 2>&1)
	check_eq "mosquitto: the retained message its dependent published once it was ready" \
		"published after mosquitto was ready" "$r"
	r=$("$@" sh -c 'mosquitto_sub -h 10.0.4.2 -t corral/t -C 1 -W 10 & sleep 1;
		mosquitto_pub -h 10.0.4.2 -t corral/t -m ping; wait' 2>&1)
	check_eq "mosquitto: mosquitto_pub to mosquitto_sub through the broker" ping "$r"
}

dmn_sizes() {
	MANIFEST=$OD/gen/manifest bash "$SRC/rootfs-skel/sizes.sh" "$OD/rootfs" 2>/dev/null |
		awk '/^service/ { on = 1 } on' | sed 's/^/sizes: /'
}
