#!/bin/sh
# mkroot.sh O ROOTFS: assemble the staging tree of the base system.
set -eu
o=$1 root=$2
rm -rf "$root"
mkdir -p "$root"
cd "$root"
mkdir -p sbin bin etc proc sys dev run tmp srv
chmod 1777 tmp
cp "$o/corral" sbin/corral
ln -s corral sbin/init
