# shellcheck shell=bash
# The real-daemon test board (tests/boards/daemons), shared by its two
# tests: tests/sandbox/daemons.sh (container mode on the build host, four
# daemons) and tests/boot/daemons.sh (QEMU, all five). Sourced after
# tests/lib.sh (dmn_sysroot also before scratch).
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
	local log=$O/tests/debroot-daemons.log
	mkdir -p "$O/tests"
	# shellcheck disable=SC2086 # a word list
	if ! sh "$SRC/lib/scripts/debroot.sh" "$DSYS" amd64 $DMN_PKGS >"$log" 2>&1; then
		skip "real daemons: Debian's packages could not be fetched: $(tail -n 2 "$log" | tr '\n' ' ')"
		exit 0
	fi
}

# The board, copied (its symlinks into board/qemu-x86_64 followed); in
# container mode without its "qemu only" lines.
dmn_build() {
	KEY=$2/id
	board_copy "$DMN_SRC" "$2"
	if [ "$1" = container ]; then
		awk '/^[^ \t]/ { skip = /# qemu only/ } !skip && !/^[^ \t].*# qemu only/' \
			"$DMN_SRC/services" >"$2/board.new/services"
	fi
	board_sync "$2"
	board_make "the $1 board with SYSROOT=Debian's packages" "$2" SYSROOT="$DSYS" "${@:3}"
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
