#!/bin/bash
# Real daemons in QEMU (issue 11): the test board tests/boards/daemons
# with all five unmodified Debian daemons, chronyd included (only here:
# it sets the clock of the machine it runs on, here the guest's, which
# QEMU starts in 2001). The guest's NIC is a tap in a network namespace
# this test makes, routed to the services' veths, so the build host's
# clients check each daemon as in container mode, and chronyd syncs
# from an SNTP server on the tap (toybox sntp -S). A persistent ext4
# disk, mounted on /var/lib/corral by the board's `mount` line, keeps
# dropbear's host key and dnsmasq's lease file: booted twice, compared.
. "$SRC/tests/lib.sh"
. "$SRC/tests/qemu-lib.sh"
. "$SRC/tests/daemons-lib.sh"
need_static "real daemons in QEMU"
need_root "real daemons in QEMU (a tap in a network namespace)"
need_cmd "real daemons in QEMU" qemu-system-x86_64 unshare ip mkfs.ext4 debugfs \
	dig ssh ssh-keygen curl mosquitto_sub mosquitto_pub /usr/bin/python3
[ -c /dev/net/tun ] || { skip "real daemons in QEMU (no /dev/net/tun)"; exit 0; }
# Everything below runs in a network namespace of its own: the tap, its
# address and the routes to the guest never touch the host's network.
# Debian's packages are fetched first, outside it: a namespace of its
# own has no route to the archive.
if [ -z "${DMN_NETNS:-}" ]; then
	dmn_sysroot
	exec env DMN_NETNS=1 unshare --net bash "$0" "$@"
fi
scratch
dmn_sysroot # sets DSYS: the tree is there, so no fetch
dmn_build qemu "$O/tests/daemons-qemu" "$O/tests/daemons-qemu/out/rootfs.cpio.gz" \
	"$O/tests/daemons-qemu/out/kernel" "$O/tests/daemons-qemu/out/run-qemu.sh"
TB=$O/toybox/toybox

ip link set lo up
ip tuntap add tap0 mode tap
ip addr add 192.168.77.1/24 dev tap0
ip link set tap0 up
# The services' veths, through the guest (it forwards once netcfg ran).
ip route add 10.0.0.0/16 via 192.168.77.2 dev tap0 onlink
"$TB" sntp -S 192.168.77.1 >"$T/sntp.log" 2>&1 &
SNTP=$!
truncate -s 64M "$T/disk.img"
mkfs.ext4 -q -F -L corral-state "$T/disk.img"
qemu_args=(-netdev "tap,id=n0,ifname=tap0,script=no,downscript=no"
	-device "virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56"
	-drive "file=$T/disk.img,if=virtio,format=raw"
	-rtc "base=2001-01-01T00:00:00")

# boot N: one boot of the image, up to the services' checks
boot() {
	if [ "$1" = 2 ]; then
		exec 7>&- 8<&-
		rm -f "$T/mon.in" "$T/mon.out"
	fi
	# The default board's launcher, without its own NIC (NET=none).
	NET=none qemu_start "$OD" "${qemu_args[@]}"
	if qemu_wait '^corral: up:' 120; then
		pass "boot $1: corral: up:"
	else
		fail "boot $1: no 'corral: up:' within 120 s"
	fi
}

# down N: ctrl-alt-del, a clean reboot that ends QEMU (-no-reboot)
down() {
	qemu_key ctrl-alt-delete
	qemu_exit 60
	check_eq "boot $1: QEMU ends after a clean shutdown" 0 "$QEMU_RC"
	cp "$T/serial.log" "$T/serial$1.log"
}

# The guest's clock, through the ssh login.
guest_time() {
	ssh -i "$KEY" -T -o BatchMode=yes -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile="$T/known_hosts" -o ConnectTimeout=3 \
		admin@10.0.2.2 'date +%s' 2>/dev/null
}

state() { # state PATH: a file of the disk image, by its path on the disk
	debugfs -R "cat $1" "$T/disk.img" 2>/dev/null
}

boot 1
dmn_clients ""
lease=$(/usr/bin/python3 "$SRC/tests/boot/dhcp-lease.py" 192.168.77.1 10.0.1.2 02:00:00:00:00:01 2>&1)
case $lease in
192.168.77.1[0-4][0-9] | 192.168.77.150) pass "dnsmasq: a DHCP lease through a relay (giaddr on the tap): $lease" ;;
*) fail "dnsmasq: no DHCP lease in 192.168.77.100-150: $lease" ;;
esac
# chronyd steps the clock on its first samples (iburst, makestep 1 -1).
t='' off='' deadline=$(($(date +%s) + 40))
while [ "$(date +%s)" -lt "$deadline" ]; do
	t=$(guest_time) && off=$((t - $(date +%s))) && [ "${off#-}" -le 5 ] && break
	off=
	sleep 1
done
if [ -n "$off" ]; then
	pass "chrony: the guest's clock, started in 2001, is within 5 s of the host's ($off s)"
else
	fail "chrony: the guest's clock is $(date -u -d "@${t:-0}" 2>/dev/null), not the host's"
fi
down 1
key1=$(state /dropbear/etc/dropbear/dropbear_ed25519_host_key | sha256sum)
leases1=$(state /dnsmasq/var/lib/misc/dnsmasq.leases)
[ -n "$leases1" ] || fail "no lease file on the disk after boot 1"

boot 2
# The host key must be the one boot 1 made: known_hosts from boot 1,
# strict checking.
r=$(ssh -i "$KEY" -T -o BatchMode=yes -o StrictHostKeyChecking=yes \
	-o UserKnownHostsFile="$T/known_hosts" -o ConnectTimeout=10 \
	admin@10.0.2.2 'echo same host' 2>&1)
check_eq "dropbear: boot 2 presents boot 1's host key (strict known_hosts)" "same host" "$r"
r=$(dig +short +time=2 +tries=3 @10.0.1.2 router.lan A 2>&1)
check_eq "dnsmasq answers after the reboot" 10.0.1.1 "$r"
down 2
key2=$(state /dropbear/etc/dropbear/dropbear_ed25519_host_key | sha256sum)
leases2=$(state /dnsmasq/var/lib/misc/dnsmasq.leases)
check_eq "the host key on the disk is unchanged by the reboot" "$key1" "$key2"
if [ -n "$leases1" ] && [ "$leases1" = "$leases2" ]; then
	pass "dnsmasq's lease file kept across the reboot: $leases1"
else
	fail "lease file differs: boot 1 '$leases1', boot 2 '$leases2'"
fi
kill "$SNTP" 2>/dev/null
for n in 1 2; do sed "s/^/serial$n: /" "$T/serial$n.log" | tr -d '\r'; done
