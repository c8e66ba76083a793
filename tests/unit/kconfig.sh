#!/bin/bash
# The awk completer (what a plain build uses) must agree with kconfiglib
# (what menuconfig/olddefconfig use) on every board's defconfig, and
# config.h must define a CFG_X for every symbol.
. "$SRC/tests/lib.sh"
scratch
py=
for p in python3 /usr/bin/python3; do
	"$p" -c 'import kconfiglib' 2>/dev/null && { py=$p; break; }
done
syms() { grep -E '^(CONFIG_|# CONFIG_)' "$1"; }
for d in "$SRC"/board/*/defconfig; do
	b=$(basename "$(dirname "$d")")
	awk -f "$SRC/lib/scripts/kconfig.awk" -v top=Kconfig "$d" >"$T/$b.awk"
	if [ -z "$py" ]; then
		skip "kconfig $b: awk agrees with kconfiglib (python3-kconfiglib missing)"
		continue
	fi
	cp "$d" "$T/$b.kc"
	KCONFIG_CONFIG="$T/$b.kc" "$py" -m olddefconfig Kconfig >/dev/null
	if diff <(syms "$T/$b.awk") <(syms "$T/$b.kc") >"$T/diff"; then
		pass "kconfig $b: awk completion equals kconfiglib olddefconfig"
	else
		fail "kconfig $b: awk and kconfiglib differ: $(tr '\n' ' ' <"$T/diff")"
	fi
done

# A defconfig value overrides the Kconfig default; unknown symbols warn.
printf 'CONFIG_MAX_SERVICES=7\n# CONFIG_SECCOMP is not set\nCONFIG_NO_SUCH=y\n' >"$T/dc"
awk -f "$SRC/lib/scripts/kconfig.awk" -v top=Kconfig "$T/dc" >"$T/cfg" 2>"$T/err"
check_grep "kconfig: int override kept" '^CONFIG_MAX_SERVICES=7$' "$T/cfg"
check_grep "kconfig: bool override kept" '^# CONFIG_SECCOMP is not set$' "$T/cfg"
check_grep "kconfig: default filled in" '^CONFIG_VETH=y$' "$T/cfg"
check_grep "kconfig: unknown symbol reported" 'unknown symbol CONFIG_NO_SUCH' "$T/err"

sh "$SRC/lib/scripts/config-h.sh" "$T/cfg" >"$T/config.h"
check_grep "config.h: int constant" '^#define CFG_MAX_SERVICES 7$' "$T/config.h"
check_grep "config.h: disabled bool is 0, not undefined" '^#define CFG_SECCOMP 0$' "$T/config.h"
n_sym=$(grep -c '^\s*config ' Kconfig ./*/Kconfig | awk -F: '{s += $2} END {print s}')
n_def=$(grep -c '^#define CFG_' "$T/config.h")
check_eq "config.h: one CFG_ per Kconfig symbol" "$n_sym" "$n_def"
