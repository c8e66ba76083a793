# tests/boards/soak: the QEMU soak board (tests/boot/soak.sh). The default
# board's machine and kernel with a table made for the soak: a jailed
# service and one with the VM's NIC lent to it, cycled by soakvm
# (tests/sandbox/soakvm.c, put in rootfs/bin/ by the test).
include $(CURDIR)/board/qemu-x86_64/board.mk
