#!/bin/sh
# .config -> config.h with CFG_X constants, used as `if (CFG_X)` in C so
# every configuration is still compiled and type-checked (toybox style).
set -eu
echo "/* generated from $1 by lib/scripts/config-h.sh: do not edit */"
echo "#ifndef CORRAL_CONFIG_H"
echo "#define CORRAL_CONFIG_H"
sed -n -e 's/^CONFIG_\([A-Za-z0-9_]*\)=y$/#define CFG_\1 1/p' \
	-e 's/^# CONFIG_\([A-Za-z0-9_]*\) is not set$/#define CFG_\1 0/p' \
	-e 's/^CONFIG_\([A-Za-z0-9_]*\)=\(".*"\)$/#define CFG_\1 \2/p' \
	-e 's/^CONFIG_\([A-Za-z0-9_]*\)=\([0-9x][0-9a-fA-Fx]*\)$/#define CFG_\1 \2/p' "$1"
echo "#endif"
