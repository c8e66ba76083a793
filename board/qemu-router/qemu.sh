#!/bin/sh
# Boot the router image in QEMU (generated into $(O)/run-qemu.sh). TCG
# only; panic=-1 (cmdline) and -no-reboot end QEMU when PID 1 dies,
# reboots or powers off. Two NICs, in this order so the guest names
# them eth0 and eth1:
#   eth0 WAN  QEMU's user-mode network (its DHCP server leases 10.0.2.15)
#   eth1 LAN  LAN=NETDEV (QEMU -netdev options without id), by default
#             a second user-mode network for the LAN whose port forwards
#             reach the web page and ssh from this machine:
#             http://127.0.0.1:8080/ and ssh -p 2222 root@127.0.0.1
# Disks: vda the read-only root, rootfs.squashfs, which the kernel
# mounts itself (root=/dev/vda ro, cmdline: no initramfs, as a device
# boots from its flash); vdb DATA= the data partition, made (64 MiB,
# ext4) where missing. Extra arguments are passed to QEMU; APPEND= adds
# to the kernel command line.
here=$(cd "$(dirname "$0")" && pwd)
data=${DATA:-$here/data.img}
if [ ! -f "$data" ]; then
	command -v mkfs.ext4 >/dev/null || {
		echo "run-qemu.sh: no mkfs.ext4 for the data disk $data (Debian: apt-get install e2fsprogs), or give DATA=" >&2
		exit 1
	}
	truncate -s 64M "$data" && mkfs.ext4 -q -L corral-data "$data" || exit 1
fi
lan=${LAN:-user,net=192.168.50.0/24,host=192.168.50.254,dhcpstart=192.168.50.200,hostfwd=tcp:127.0.0.1:8080-192.168.50.4:80,hostfwd=tcp:127.0.0.1:2222-192.168.50.3:22}
exec qemu-system-x86_64 -M q35 -accel tcg -cpu max -smp 2 -m 256 \
	-nographic -no-reboot -nic none \
	-kernel "$here/kernel" \
	-drive "file=$here/rootfs.squashfs,if=virtio,format=raw,readonly=on" \
	-drive "file=$data,if=virtio,format=raw" \
	-netdev user,id=wan -device virtio-net-pci,netdev=wan,romfile=,mac=52:54:00:00:02:0f \
	-netdev "$lan,id=lan" -device virtio-net-pci,netdev=lan,romfile=,mac=52:54:00:00:50:01 \
	-append "@CMDLINE@ ${APPEND:-}" "$@"
