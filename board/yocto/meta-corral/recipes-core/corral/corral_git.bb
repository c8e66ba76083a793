SUMMARY = "Tiny static PID 1 that starts every service in its own jail"
DESCRIPTION = "corral starts the services of a table compiled in at build \
time, each in its own root subtree behind mount, PID, network, UTS, IPC \
and cgroup namespaces, with cgroup caps, no capabilities and a seccomp \
filter."
SECTION = "base"
LICENSE = "MIT"
LIC_FILES_CHKSUM = "file://LICENSE;md5=da35105b4bcfcfc2daf24dd9e0b95207"

# The checkout this layer is part of (CORRAL_TOPDIR, conf/layer.conf),
# at the head of CORRAL_BRANCH. To build a release instead, set SRC_URI
# and SRCREV in a bbappend.
CORRAL_BRANCH ?= "main"
SRC_URI = "git://${CORRAL_TOPDIR};protocol=file;branch=${CORRAL_BRANCH};destsuffix=${BP}"
SRCREV = "${AUTOREV}"
PV = "0.1+git"

# corral's board for the machine's architecture (its board.mk: flags and
# size budget; a name under corral's board/ or a directory) and the
# service table compiled in: the board's unless CORRAL_SERVICES names
# another file.
CORRAL_BOARD ?= "${@{'x86_64': 'qemu-x86_64', 'aarch64': 'qemu-aarch64', 'arm': 'qemu-armv7', 'mipsel': 'qemu-mipsel'}.get(d.getVar('TARGET_ARCH'), 'unsupported-' + d.getVar('TARGET_ARCH'))}"
CORRAL_SERVICES ?= ""
COMPATIBLE_HOST = "(x86_64|aarch64|arm|mipsel).*-linux-musl.*"

# Yocto's compiler and flags, kept whole (CC carries --sysroot, -march and
# the security flags); CORRAL_SIZE=y puts corral's size flags after them.
# No toybox: the build downloads nothing.
EXTRA_OEMAKE = "\
    CC='${CC}' CFLAGS='${CFLAGS}' LDFLAGS='${LDFLAGS}' \
    HOSTCC='${BUILD_CC}' HOSTCFLAGS='${BUILD_CFLAGS}' \
    STRIP='${STRIP}' \
    BOARD=${WORKDIR}/corral-board O=${B}/out CORRAL_SIZE=y NO_DEPS=1 \
    ${@'SERVICES=' + d.getVar('CORRAL_SERVICES') if d.getVar('CORRAL_SERVICES') else ''} \
"

# A copy of the board whose defconfig turns toybox and squashfs off.
do_configure() {
    board=${CORRAL_BOARD}
    case $board in */*) ;; *) board=${S}/board/$board ;; esac
    rm -rf ${WORKDIR}/corral-board
    cp -r $board ${WORKDIR}/corral-board
    printf '%s\n' CONFIG_TOYBOX=n CONFIG_SQUASHFS=n >>${WORKDIR}/corral-board/defconfig
}

do_compile() {
    oe_runmake corral
}

# The Makefile installs unstripped; Yocto splits the debug information.
do_install() {
    oe_runmake install DESTDIR=${D} PREFIX=${root_prefix}
    rm ${D}${base_sbindir}/init
}

inherit update-alternatives
ALTERNATIVE:${PN} = "init"
ALTERNATIVE_LINK_NAME[init] = "${base_sbindir}/init"
ALTERNATIVE_TARGET[init] = "${base_sbindir}/corral"
# Above sysvinit's and busybox's 50: with INIT_MANAGER = "corral" a
# busybox in the image must not take /sbin/init.
ALTERNATIVE_PRIORITY[init] = "300"

FILES:${PN} = "${base_sbindir}/corral"
