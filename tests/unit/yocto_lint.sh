#!/bin/bash
# The Yocto layer, board/yocto/meta-corral, as yocto-check-layer and
# insane.bbclass would judge it without bitbake (tests/distro/layerlint.py;
# the real yocto-check-layer is run by hand, docs/yocto.md).
# OE_CORE_SRC=an oe-core checkout: also check the layer against it (read
# as data; nothing of the checkout runs).
. "$SRC/tests/lib.sh"
layer=$SRC/board/yocto/meta-corral
[ -d "$layer" ] || { fail "no layer in board/yocto/meta-corral"; exit 0; }
if [ -n "${OE_CORE_SRC:-}" ] && [ -f "$OE_CORE_SRC/meta/conf/layer.conf" ]; then
	/usr/bin/python3 "$SRC/tests/distro/layerlint.py" "$layer" "$OE_CORE_SRC"
else
	/usr/bin/python3 "$SRC/tests/distro/layerlint.py" "$layer"
	skip "the layer against oe-core (set OE_CORE_SRC= to an oe-core checkout)"
fi
