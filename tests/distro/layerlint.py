#!/usr/bin/python3
"""layerlint.py LAYER [OE_CORE]: the static checks of oe-core's
yocto-check-layer (scripts/lib/checklayer/cases/common.py: README,
SECURITY, LAYERSERIES_COMPAT, patches' Upstream-Status) and the recipe
rules of insane.bbclass that do not need bitbake, re-stated for
tests/unit/yocto_lint.sh. With OE_CORE, an oe-core checkout read as
data: its release is in LAYERSERIES_COMPAT, its defaultsetup.conf
requires our init-manager include by INIT_MANAGER, and the /sbin/init
alternatives of sysvinit and busybox rank below corral's. Prints
"PASS: ..." / "FAIL: ..." lines (tests/lib.sh's protocol)."""
import glob
import os
import re
import sys

layer = sys.argv[1]
oe = sys.argv[2] if len(sys.argv) > 2 else None


def check(ok, what):
    print("%s: %s" % ("PASS" if ok else "FAIL", what))


def read(path):
    with open(path) as f:
        return f.read()


def var(text, name):
    m = re.search(r'^%s\s*(\?\?=|\?=|=)\s*"([^"]*)"' % re.escape(name), text, re.M)
    return m.group(2) if m else None


readme = sorted(glob.glob(os.path.join(layer, "[Rr][Ee][Aa][Dd][Mm][Ee]*")))
data = read(readme[0]) if readme else ""
check(data != "", "README exists and is not empty")
check("readme" not in data.lower(), "README is self-contained (names no other README)")
for word in ("maintainer", "patch"):
    check(word in data.lower(), "README says '%s'" % word)
check(re.search(r"[^@\s]+@[^@\s]+", data), "README gives an email address")
sec = glob.glob(os.path.join(layer, "SECURITY*"))
check(sec and os.path.getsize(sec[0]) > 0, "SECURITY.md exists and is not empty")

conf = read(os.path.join(layer, "conf", "layer.conf"))
coll = re.search(r'^BBFILE_COLLECTIONS \+= "(\w+)"', conf, re.M).group(1)
compat = (var(conf, "LAYERSERIES_COMPAT_" + coll) or "").split()
check(set(compat) >= {"scarthgap", "wrynose"}, "LAYERSERIES_COMPAT_%s: scarthgap and wrynose" % coll)
check(var(conf, "BBFILE_PATTERN_" + coll) == "^${LAYERDIR}/", "BBFILE_PATTERN_%s" % coll)
check(var(conf, "LAYERDEPENDS_" + coll) == "core", "LAYERDEPENDS_%s = core" % coll)

for p in glob.glob(os.path.join(layer, "**", "*.patch"), recursive=True):
    check(re.search(r"^Upstream-Status: ", read(p), re.M), "%s: Upstream-Status" % p)
recipes = glob.glob(os.path.join(layer, "recipes-*", "*", "*.bb"))
check(recipes, "the layer has recipes")
prio = 0
for r in recipes:
    text, name = read(r), os.path.basename(r)
    for v in ("SUMMARY", "LICENSE", "LIC_FILES_CHKSUM", "SRC_URI"):
        check(var(text, v), "%s: %s set" % (name, v))
    check(not re.search(r'^S = "\$\{(WORKDIR|UNPACKDIR)\}/git"', text, re.M),
          "%s: no S = ${WORKDIR}/git (fatal in wrynose's insane.bbclass)" % name)
    check("${SRCPV}" not in text, "%s: no ${SRCPV} (gone from wrynose)" % name)
    if "ALTERNATIVE_LINK_NAME[init]" in text:
        prio = int(var(text, "ALTERNATIVE_PRIORITY[init]") or 0)
inc = os.path.join(layer, "conf", "distro", "include", "init-manager-corral.inc")
check(os.path.exists(inc) and var(read(inc), "VIRTUAL-RUNTIME_init_manager") == "corral",
      "init-manager-corral.inc sets VIRTUAL-RUNTIME_init_manager to corral")
check(prio > 50, "corral's /sbin/init alternative (%d) above sysvinit's and busybox's 50" % prio)

if oe:
    core = read(os.path.join(oe, "meta", "conf", "layer.conf"))
    release = var(core, "LAYERSERIES_CORENAMES")
    check(release in compat, "oe-core's release %s is in LAYERSERIES_COMPAT" % release)
    setup = read(os.path.join(oe, "meta", "conf", "distro", "defaultsetup.conf"))
    check("require conf/distro/include/init-manager-${INIT_MANAGER}.inc" in setup,
          "oe-core's defaultsetup.conf requires init-manager-${INIT_MANAGER}.inc")
    for pat, what in (("recipes-core/sysvinit/sysvinit_*.bb", "ALTERNATIVE_PRIORITY[init]"),
                      ("recipes-core/busybox/busybox.inc", "ALTERNATIVE_PRIORITY")):
        f = sorted(glob.glob(os.path.join(oe, "meta", pat)))[-1]
        theirs = int(var(read(f), what))
        check(theirs < prio, "%s's %s %d below corral's %d" % (os.path.basename(f), what, theirs, prio))
