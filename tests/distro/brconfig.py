#!/usr/bin/python3
"""brconfig.py OUT ARCH LIBC [SYM=VALUE...]: a Buildroot .config of the
symbols corral's external tree uses, through kconfiglib and the stub
tests/distro/Config.br: ARCH (x86_64, aarch64...) and LIBC (MUSL, GLIBC)
chosen, then each SYM=VALUE set in order (a choice member to y selects
it). Any Kconfig warning, or a value that does not stick (a symbol
whose dependencies are not met), is an error, exit 1. OUT '-' prints
nothing but still checks."""
import os
import sys

import kconfiglib

here = os.path.dirname(os.path.abspath(__file__))
os.environ["CONFIG_"] = ""  # Buildroot writes BR2_X=y, no CONFIG_ prefix
os.environ["BR2_EXTERNAL_CORRAL_PATH"] = os.path.join(
    here, "..", "..", "board", "buildroot")
out, arch, libc = sys.argv[1:4]
kconf = kconfiglib.Kconfig(os.path.join(here, "Config.br"), warn_to_stderr=False)
sets = ["BR2_" + arch + "=y", "BR2_TOOLCHAIN_USES_" + libc + "=y",
        "BR2_ROOTFS_SKELETON_DEFAULT=y"] + sys.argv[4:]
bad = list(kconf.warnings)
for s in sets:
    name, value = s.split("=", 1)
    sym = kconf.syms.get(name)
    if sym is None:
        bad.append("unknown symbol " + name)
        continue
    sym.set_value(value)
    if sym.str_value != value:
        bad.append("%s=%s did not stick (is %r)" % (name, value, sym.str_value))
for b in bad:
    print("brconfig: " + b, file=sys.stderr)
if bad:
    sys.exit(1)
if out != "-":
    kconf.write_config(out, header="")
