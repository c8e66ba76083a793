# tests/boards/daemons: the real-daemon test board (tests/sandbox/daemons.sh,
# tests/boot/daemons.sh). The default board's machine and kernel, built
# with SYSROOT= a tree of Debian's daemon packages (lib/scripts/debroot.sh):
#   make BOARD=tests/boards/daemons SYSROOT=dl/daemons-amd64
include $(CURDIR)/board/qemu-x86_64/board.mk
