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
ext = os.path.normpath(os.path.join(here, "..", "..", "board", "buildroot"))
os.environ["CONFIG_"] = ""  # Buildroot writes BR2_X=y, no CONFIG_ prefix
os.environ["BR2_EXTERNAL_CORRAL_PATH"] = ext


def buildroot(src, work, defconfig):
    """--buildroot SRC WORK DEFCONFIG: load a Buildroot checkout's own
    Config.in (read as data, by Debian's kconfiglib: nothing of the
    checkout runs) with this external tree, as support/scripts/
    br2-external would list it, then DEFCONFIG; every symbol it sets must
    exist and keep its value."""
    gen = {
        "paths": 'config BR2_EXTERNAL_NAMES\n\tstring\n\tdefault "CORRAL"\n'
                 'config BR2_EXTERNAL_CORRAL_PATH\n\tstring\n\tdefault "%s"\n' % ext,
        "menus": 'menu "External options"\nsource "%s/Config.in"\nendmenu\n' % ext,
        "init": 'source "%s/provides/init.in"\n' % ext,
    }
    for name in ("paths", "menus", "init", "toolchains", "jpeg", "openssl",
                 "skeleton", "linux"):
        with open(os.path.join(work, ".br2-external.in." + name), "w") as f:
            f.write(gen.get(name, ""))
    os.environ.update(BR2_BASE_DIR=work, BASE_DIR=work, BR2_VERSION="2026.02",
                      BR2_VERSION_FULL="2026.02", HOSTARCH="x86_64",
                      HOST_GCC_VERSION="12", BR2_DEFCONFIG=defconfig)
    os.chdir(src)
    kconf = kconfiglib.Kconfig("Config.in", warn_to_stderr=False)
    kconf.warn_assign_undef = True
    kconf.load_config(defconfig)
    bad = [w for w in kconf.warnings if "BR2_EXTERNAL" in w or defconfig in w]
    for line in open(defconfig):
        if line.startswith("BR2_") and "=" in line:
            name, value = line.strip().split("=", 1)
            sym = kconf.syms.get(name)
            if sym and sym.str_value != value.strip('"') and not value.startswith('"$('):
                bad.append("%s=%s did not stick (is %r)" % (name, value, sym.str_value))
    for name in ("BR2_INIT_CORRAL", "BR2_PACKAGE_CORRAL", "BR2_PACKAGE_SKELETON_INIT_NONE"):
        if kconf.syms[name].str_value != "y":
            bad.append(name + " is not y")
    return bad


if sys.argv[1] == "--buildroot":
    bad = buildroot(*sys.argv[2:5])
    for b in bad:
        print("brconfig: " + b, file=sys.stderr)
    sys.exit(1 if bad else 0)
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
