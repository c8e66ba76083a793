#!/bin/sh
# Post-image script of the corral_qemu_*_defconfig images: writes
# $BINARIES_DIR/start-qemu.sh, which boots the kernel with
# rootfs.cpio.gz as its initramfs (/init is corral) under TCG, on the
# serial console. Buildroot runs it with BR2_CONFIG and BINARIES_DIR
# in the environment. panic=-1 and -no-reboot make a PID 1 that stops
# end QEMU, so the script can be used in CI.
set -eu
arch=$(sed -n 's/^BR2_ARCH="\(.*\)"$/\1/p' "$BR2_CONFIG")
case $arch in
x86_64)
	qemu="qemu-system-x86_64 -M pc -cpu max"
	kernel=bzImage console=ttyS0
	;;
aarch64)
	qemu="qemu-system-aarch64 -M virt -cpu cortex-a53"
	kernel=Image console=ttyAMA0
	;;
*)
	echo "post-image.sh: no QEMU machine for BR2_ARCH=$arch" >&2
	exit 1
	;;
esac
cat >"$BINARIES_DIR/start-qemu.sh" <<EOT
#!/bin/sh
# Written by corral's board/buildroot/board/qemu/post-image.sh.
# Extra arguments go to QEMU; APPEND= adds to the kernel command line.
here=\$(cd "\$(dirname "\$0")" && pwd)
PATH="\$here/../host/bin:\$PATH"
exec $qemu -accel tcg -m 256 -smp 2 -nographic -no-reboot -nic none \\
	-kernel "\$here/$kernel" -initrd "\$here/rootfs.cpio.gz" \\
	-append "console=$console panic=-1 quiet \${APPEND:-}" "\$@"
EOT
chmod +x "$BINARIES_DIR/start-qemu.sh"
