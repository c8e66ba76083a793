#!/bin/bash
# test-timeout: 2400 (the first build compiles the board's kernel)
# The router board (board/qemu-router, issue 13) checked from outside
# the guest, as a laptop on its LAN port would: QEMU's LAN NIC is a tap
# in a network namespace this test makes, and from there real clients
# take a DHCP lease from dnsmasq (busybox udhcpc), resolve names through
# it (dig), fetch the web page (curl), and log in over ssh, where the
# board allows `corral ctl status` and `corral ctl log` and nothing
# else. The WAN NIC is QEMU's user-mode network: the wan service's
# udhcpc must show the address its DHCP server gave (10.0.2.15). It
# boots as a device does, from rootfs.squashfs on the first virtio disk
# (root=/dev/vda ro) with no initramfs, on the kernel the board builds.
# The test ends with `corral ctl poweroff` typed on the serial console.
. "$SRC/tests/lib.sh"
. "$SRC/tests/qemu-lib.sh"
need_static "the router board in QEMU"
need_root "the router board in QEMU (a tap in a network namespace)"
need_cmd "the router board in QEMU" qemu-system-x86_64 unshare ip mkfs.ext4 \
	debugfs busybox dig ssh ssh-keygen curl
[ -c /dev/net/tun ] || { skip "the router board in QEMU (no /dev/net/tun)"; exit 0; }
D=$O/tests/router
ROUTER_SRC=${ROUTER_SRC:-$SRC/board/qemu-router}
# Everything below runs in a network namespace of its own: the tap and
# the address the client leases never touch the host's network. The
# board is built first, outside it: a first build fetches Debian's
# daemons and kernel source (kept in DL_DIR), and a namespace of its own
# has no route to the archive. The board with this test's key
# (board_copy, tests/lib.sh).
if [ -z "${ROUTER_NETNS:-}" ]; then
	board_copy "$ROUTER_SRC" "$D"
	board_sync "$D"
	board_make "the router board" "$D"
	exec env ROUTER_NETNS=1 unshare --net bash "$0" "$@"
fi
scratch
OD=$D/out
SSH_OPTS=(-i "$D/id" -T -o BatchMode=yes -o StrictHostKeyChecking=no
	-o UserKnownHostsFile="$T/known_hosts" -o ConnectTimeout=10)

# Every service but the console jailed and capped: checked in the
# table compiled into the board's binary.
rt_build() {
	local bad
	bad=$("$OD/corral" table | awk '/^service / { if (n && !ok) print n; n = $2; ok = 0 }
		/^    memory / { ok = 1 } /^    isolate none/ { ok = n == "console" }
		END { if (n && !ok) print n }' | tr '\n' ' ')
	check_eq "every service but the console has its own jail and a memory cap" "" "$bad"
	# No network namespace shared with the base system: no `net host`,
	# no `isolate` list without net, but on the console.
	bad=$("$OD/corral" table | awk '/^service / { n = $2 }
		n != "console" && (/^    net host/ || /^    isolate/ && !/ net( |$)/) { print n }' | tr '\n' ' ')
	check_eq "no service but the console shares the base system's network" "" "$bad"
	"$OD/corral" table >"$T/table"
	check_grep "the table: br-lan holds eth1, the router's address on it" \
		'^bridge br-lan 192\.168\.50\.1/24 ports eth1$' "$T/table"
	bad=$(awk '/^service / { n = $2 } /^    net / { sub(/^    net /, ""); print n ": " $0 }' "$T/table" | tr '\n' ';')
	check_eq "the table: the LAN services on br-lan, the WAN client with eth0" \
		"dnsmasq: bridge br-lan 192.168.50.2/24;ssh: bridge br-lan 192.168.50.3/24 gw 192.168.50.1;web: bridge br-lan 192.168.50.4/24 gw 192.168.50.1;wan: dev eth0;" "$bad"
	# The kernel: built with every line of the board's kernel.config
	# (initramfs support off), and QEMU given none.
	check_grep "the kernel's configuration: squashfs built in" '^CONFIG_SQUASHFS=y$' "$OD/bzImage.config"
	bad=$(awk 'NR == FNR { if (/^CONFIG_/) { split($0, kv, "="); have[kv[1]] = $0 } next }
		/^CONFIG_/ { split($0, kv, "="); if (have[kv[1]] != $0) print kv[1] }
		/^# CONFIG_.* is not set$/ { if ($2 in have) print $2 }' \
		"$OD/bzImage.config" "$D/board/kernel.config" | tr '\n' ' ')
	check_eq "the kernel's configuration has every line of kernel.config" "" "$bad"
	check_eq "the kernel cannot take an initramfs (no BLK_DEV_INITRD)" "" "$(grep '^CONFIG_BLK_DEV_INITRD=' "$OD/bzImage.config")"
	check_eq "the kernel has no module support" "" "$(grep -x 'CONFIG_MODULES=y' "$OD/bzImage.config")"
	check_eq "run-qemu.sh gives QEMU no -initrd" "" "$(grep -e '-initrd' "$OD/run-qemu.sh")"
}

# A DHCP lease from dnsmasq, by busybox udhcpc on the tap: the lease
# script addresses the tap and writes what the server said.
rt_lease() {
	cat >"$T/lease.sh" <<-'EOF'
		#!/bin/sh
		case $1 in bound | renew)
			ip addr add "$ip/$mask" dev "$interface"
			printf '%s\n' "$ip" "$router" "$dns" "$domain" >"$LEASE_OUT" ;;
		esac
	EOF
	chmod +x "$T/lease.sh"
	LEASE_OUT=$T/lease timeout 90 busybox udhcpc -f -q -n -t 60 -T 1 -i tap0 \
		-s "$T/lease.sh" >"$T/udhcpc.log" 2>&1
	{ read -r IP && read -r GW && read -r DNS && read -r DOM; } <"$T/lease" 2>/dev/null
	case ${IP:-} in
	192.168.50.1[0-4][0-9] | 192.168.50.150) pass "dnsmasq: DHCP lease $IP on the LAN (busybox udhcpc)" ;;
	*) fail "dnsmasq: no lease in 192.168.50.100-150: ${IP:-none}: $(tr '\n' ' ' <"$T/udhcpc.log")" ;;
	esac
	check_eq "dnsmasq: the lease names the router, the DNS server and the domain" \
		"192.168.50.1 192.168.50.2 lan" "${GW:-} ${DNS:-} ${DOM:-}"
	DNS=${DNS:-192.168.50.2}
}

rt_dns() {
	local r
	r=$(retry 10 dig +short +time=2 +tries=3 @"$DNS" router.lan A)
	check_eq "dnsmasq: dig @$DNS router.lan" 192.168.50.1 "$r"
	WEB=$(dig +short +time=2 +tries=3 @"$DNS" web.lan A 2>&1)
	check_eq "dnsmasq: dig @$DNS web.lan" 192.168.50.4 "$WEB"
}

rt_web() {
	local r
	r=$(retry 10 curl -sS --max-time 10 "http://${WEB:-192.168.50.4}/")
	case $r in
	*'<h1>corral router</h1>'*) pass "lighttpd: curl http://web.lan/ gets the router's page" ;;
	*) fail "lighttpd: curl http://web.lan/: $r" ;;
	esac
}

rt_ssh() {
	local r rc
	r=$(retry 20 ssh "${SSH_OPTS[@]}" root@192.168.50.3 corral ctl status)
	printf '%s\n' "$r" | sed 's/^/status: /'
	r=$(printf '%s\n' "$r" | awk '$2 ~ /^(running|ready)$/ { print $1 }' | LC_ALL=C sort | tr '\n' ' ')
	check_eq "ssh root@ssh.lan corral ctl status: every service running" \
		"console dnsmasq ssh wan web " "$r"
	for c in id 'corral ctl poweroff' 'corral ctl status; id' 'corral ctl log ../x'; do
		# shellcheck disable=SC2029 # the request is meant as it is
		r=$(ssh "${SSH_OPTS[@]}" root@192.168.50.3 "$c" 2>&1)
		rc=$?
		case $rc:$r in
		2:ctl-ro:\ allowed:*) pass "ssh: '$c' is refused by the forced command" ;;
		*) fail "ssh: '$c' was not refused (exit $rc): $r" ;;
		esac
	done
	kill -0 "$QEMU_PID" 2>/dev/null || fail "the guest ended after the refused poweroff"
}

# The WAN: udhcpc in the wan jail, eth0 moved in; its lease script's
# line in the service's log, read over ssh.
rt_wan() {
	local end=$(($(date +%s) + 30)) r=
	while [ "$(date +%s)" -lt "$end" ]; do
		r=$(ssh "${SSH_OPTS[@]}" root@192.168.50.3 corral ctl log wan 2>&1)
		case $r in *'bound: eth0 10.0.2.15/'*) break ;; esac
		sleep 1
	done
	printf '%s\n' "$r" | sed 's/^/log wan: /'
	case $r in
	*'bound: eth0 10.0.2.15/24 router 10.0.2.2'*) pass "wan: udhcpc in its jail got QEMU's user-mode address 10.0.2.15 (corral ctl log wan over ssh)" ;;
	*) fail "wan: no 'bound: eth0 10.0.2.15/24 router 10.0.2.2' in corral ctl log wan" ;;
	esac
}

# What the services kept on the data disk, read after the poweroff.
rt_state() {
	local r
	r=$(debugfs -R "cat /dnsmasq/var/lib/misc/dnsmasq.leases" "$T/data.img" 2>/dev/null)
	case $r in
	*" 02:00:00:00:50:99 ${IP:-none} "*) pass "the data disk keeps dnsmasq's lease for the client: $r" ;;
	*) fail "no lease for 02:00:00:00:50:99 in the lease file on the data disk: '$r'" ;;
	esac
	r=$(debugfs -R "stat /ssh/etc/dropbear/dropbear_ed25519_host_key" "$T/data.img" 2>&1)
	case $r in
	*"Type: regular"*) pass "the data disk keeps dropbear's host key" ;;
	*) fail "no dropbear host key on the data disk: $(echo "$r" | head -n 2)" ;;
	esac
}

# con_run TAG CMD: type CMD on the console's root shell; what it prints
# lands in $T/con.TAG, between two marker lines spelled so that the
# echo of the typed line cannot match them.
con_run() {
	CON_N=$((${CON_N:-0} + 1))
	printf 'echo "@@""b%s"; %s; echo "@@""e%s"\n' "$CON_N" "$2" "$CON_N" >&6
	qemu_wait "^@@e$CON_N" 30 || fail "console: no end marker after '$2'"
	sed -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' "$T/serial.log" | tr -d '\r' |
		awk -v b="@@b$CON_N" -v e="@@e$CON_N" '$0 == e { on = 0 } on { print } $0 == b { on = 1 }' >"$T/con.$1"
	sed "s/^/console $1: /" "$T/con.$1"
}

# Each jail's network seen from the console, in the base system
# (/proc/PID/net is the namespace of PID's): each service but the
# console in a namespace of its own, holding only lo and its eth0 and
# its own address; the WAN's lease and default route inside its jail;
# none of them in the base system's, where eth0 no longer is.
rt_isolation() {
	local name pid rest bad='' a
	declare -A pids addr=([dnsmasq]=2 [ssh]=3 [web]=4)
	con_run status "corral ctl status"
	while read -r name _ pid rest; do
		case $name in dnsmasq | ssh | web | wan | console) pids[$name]=$pid ;; esac
	done <"$T/con.status"
	check_eq "console: corral ctl status names the five services" 5 "${#pids[@]}"
	for name in dnsmasq ssh web wan; do
		con_run "$name" "cat /proc/${pids[$name]:-0}/net/dev /proc/${pids[$name]:-0}/net/route /proc/${pids[$name]:-0}/net/fib_trie"
		# The interfaces, and the LAN addresses of the namespace (once).
		a=$(awk -F: '/^ *[a-z0-9@-]+: *[0-9]/ { gsub(/ /, "", $1); print $1 }' "$T/con.$name" | tr '\n' ' ')
		a="$a$(grep -oE '192\.168\.50\.[0-9]+$' "$T/con.$name" | grep -vE '\.(0|255)$' | LC_ALL=C sort -u | tr '\n' ' ')"
		[ "$name" = wan ] || a=${a%"192.168.50.${addr[$name]} "}
		[ "$a" = "lo eth0 " ] || bad="$bad $name: $a;"
	done
	check_eq "console: dnsmasq, ssh, web and wan each in a namespace of its own: lo, eth0 and its own address only" "" "$bad"
	con_run base "cat /proc/${pids[console]:-0}/net/dev /proc/net/route /proc/net/fib_trie"
	check_grep "console: br-lan in the base system" '^ *br-lan:' "$T/con.base"
	check_grep "console: eth1 in the base system" '^ *eth1:' "$T/con.base"
	check_eq "console: the base system has no eth0, no 10.0.2.15, no LAN service address, no default route" "" \
		"$(grep -E '^ *eth0:|10\.0\.2\.15|192\.168\.50\.[234]$|^[a-z0-9-]+	00000000	' "$T/con.base")"
	check_grep "console: the wan jail's default route via QEMU's 10.0.2.2" '^eth0	00000000	0202000A	' "$T/con.wan"
	check_grep "console: the wan jail holds the lease 10.0.2.15" '10\.0\.2\.15$' "$T/con.wan"
}

# The root: the squashfs on /dev/vda, read-only, mounted by the kernel
# (no initramfs did it: the kernel has none, the command line names the
# disk); the data disk rw on /var/lib/corral.
rt_root() {
	local vda vdb r
	con_run cmdline "cat /proc/cmdline"
	r=$(cat "$T/con.cmdline")
	case " $r " in
	*" rdinit="* | *" initrd="*) fail "/proc/cmdline names an initramfs: $r" ;;
	*" root=/dev/vda ro "*) pass "/proc/cmdline: root=/dev/vda ro, no initramfs: $r" ;;
	*) fail "/proc/cmdline has no 'root=/dev/vda ro': $r" ;;
	esac
	con_run dev "cat /sys/block/vda/dev /sys/block/vdb/dev"
	{ read -r vda && read -r vdb; } <"$T/con.dev"
	# The console's mounts are PID 1's (isolate none); /proc/1/mountinfo
	# would need CAP_SYS_PTRACE, which the console does not keep.
	con_run mounts "cat /proc/self/mountinfo"
	# mountinfo: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS ... - TYPE SRC SUPER
	r=$(awk '$5 == "/" { for (i = 7; $i != "-"; i++); print $3, $6, $(i + 1) }' "$T/con.mounts" | tail -n 1)
	case $r in
	"${vda:-none} ro,"*" squashfs") pass "the root is the squashfs on /dev/vda ($vda), read-only: $r" ;;
	*) fail "the root is not the squashfs on /dev/vda (${vda:-?}) read-only: '$r'" ;;
	esac
	check_eq "one mount on /: the squashfs" \
		"" "$(awk '$5 == "/" { n++ } END { if (n != 1) print n " mounts on /" }' "$T/con.mounts")"
	r=$(awk '$5 == "/var/lib/corral" { for (i = 7; $i != "-"; i++); print $3, $6, $(i + 1) }' "$T/con.mounts")
	case $r in
	"${vdb:-none} rw,"*" ext4") pass "the data disk /dev/vdb ($vdb) is mounted rw on /var/lib/corral: $r" ;;
	*) fail "no ext4 /dev/vdb (${vdb:-?}) rw on /var/lib/corral: '$r'" ;;
	esac
	con_run write "touch /rw-test 2>&1; echo touch=\$?"
	check_grep "the root refuses a write (EROFS)" '[Rr]ead-only file system' "$T/con.write"
}

rt_build
ip link set lo up
ip tuntap add tap0 mode tap
ip link set tap0 address 02:00:00:00:50:99 up
truncate -s 64M "$T/data.img"
mkfs.ext4 -q -F -L corral-data "$T/data.img"
mkfifo "$T/con.in"
t0=$(date +%s%N)
QEMU_STDIN=$T/con.in LAN=tap,ifname=tap0,script=no,downscript=no DATA=$T/data.img \
	qemu_start "$OD"
exec 6>"$T/con.in" # the console's keyboard
qemu_up boot '^corral: up:' 120
echo "boot: up $((($(date +%s%N) - t0) / 1000000)) ms after QEMU started"

rt_lease
rt_dns
rt_web
rt_ssh
rt_wan
rt_isolation
rt_root

# Power off through ctl, typed on the console's root shell.
printf 'corral ctl poweroff\n' >&6
qemu_exit 60
check_eq "corral ctl poweroff on the console ends QEMU" 0 "$QEMU_RC"
check_grep "the guest logged its poweroff" '^corral: shutdown: poweroff' "$T/serial.log"
rt_state
qemu_show
