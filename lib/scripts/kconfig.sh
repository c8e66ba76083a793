#!/bin/sh
# menuconfig | olddefconfig | savedefconfig through Debian's
# python3-kconfiglib. The python3 first on PATH may be a private build
# that cannot import distribution packages: fall back to /usr/bin/python3.
# usage: KCONFIG_CONFIG=out/x/.config kconfig.sh TARGET BOARD_DEFCONFIG
set -eu
target=$1 defconfig=$2
py=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import kconfiglib' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "kconfig.sh: needs kconfiglib: apt-get install python3-kconfiglib" >&2
	exit 1
fi
case $target in
menuconfig) exec "$py" -m menuconfig Kconfig ;;
olddefconfig) exec "$py" -m olddefconfig Kconfig ;;
savedefconfig)
	"$py" -m savedefconfig --kconfig Kconfig --out "$defconfig"
	echo "wrote $defconfig"
	;;
*) echo "kconfig.sh: unknown target $target" >&2; exit 2 ;;
esac
