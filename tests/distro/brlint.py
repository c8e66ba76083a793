#!/usr/bin/python3
"""brlint.py FILE...: the mechanical rules of Buildroot's
utils/check-package (2026.02, utils/checkpackagelib/), re-stated for
tests/unit/br_lint.sh, which cannot run a fetched Buildroot. Prints one
"FILE:LINE: message" per warning, as check-package does, and exits 1 if
there is any. Files are typed by name as `check-package -b` types them
for a BR2_EXTERNAL tree: Config.*, configs/*_defconfig, *.hash, *.mk
(but a tree's external.mk), and scripts by their #! line."""
import os
import re
import sys

warnings = []


def warn(f, n, msg):
    warnings.append("%s:%d: %s" % (f, n, msg))


def common(f, lines):
    for n, t in enumerate(lines, 1):
        if t.rstrip("\n") != t.rstrip("\n").rstrip():
            warn(f, n, "line contains trailing whitespace")
        if any(ord(c) > 127 for c in t):
            warn(f, n, "line contains UTF-8 characters")
        if n > 1 and t.strip() == "" == lines[n - 2].strip():
            warn(f, n, "consecutive empty lines")
    if lines and lines[-1].strip() == "":
        warn(f, len(lines), "empty line at end of file")
    if lines and not lines[-1].endswith("\n"):
        warn(f, len(lines), "missing newline at end of file")


COND = ("ifdef", "ifeq", "ifndef", "ifneq", "else", "elif", "endif")


def lint_mk(f, lines):
    pkg = os.path.basename(f)[:-3].upper().replace("-", "_")
    header = ["#" * 80, "#", None, "#", "#" * 80, ""]
    for n, want in enumerate(header, 1):
        if want is not None and (n > len(lines) or lines[n - 1].rstrip() != want):
            warn(f, n, "header line %d should be %r" % (n, want))
    define = backslash = target = False
    for n, t in enumerate(lines, 1):
        t = t.rstrip("\n")
        if re.match(r"^\s*define\s", t):
            define = True
            continue
        if re.match(r"^\s*endef\s*$", t):
            define = False
            continue
        tabs = (define or backslash or target) and not (
            not backslash and re.match(r"^\s*(%s)\s" % "|".join(COND), t))
        if backslash and t.strip() == "":
            warn(f, n - 1, "remove trailing backslash")
        backslash = bool(re.match(r"^[^#].*\\$", t))
        if re.match(r"^.*(  |\t ?)\\$", t):
            warn(f, n, "use only one space before backslash")
        if re.match(r"^[^#].*[^$]\$\{\w+\}", t):
            warn(f, n, "use $() to delimit variables, not ${}")
        if re.match(r"^\s*(else\s+|)(ifdef|ifndef)\s", t):
            warn(f, n, "use ifeq/ifneq ($(SYMBOL),y), not ifdef/ifndef")
        if re.match(r"^[^#].*\$\(HOST_DIR\)/usr", t):
            warn(f, n, "install files to $(HOST_DIR)/ instead of $(HOST_DIR)/usr/")
        if re.search(r"_(INSTALL_IMAGES\s*=\s*NO|REDISTRIBUTE\s*=\s*YES|"
                     r"INSTALL_STAGING\s*=\s*NO|INSTALL_TARGET\s*=\s*YES)", t):
            warn(f, n, "useless default value")
        m = re.match(r"^(define\s+)?([A-Z0-9_]+_[A-Z0-9_]+)", t)
        if m and not re.search(r"(HOST_|ROOTFS_)?%s_[A-Z0-9_]+" % pkg, m.group(2)) \
                and m.group(2) != "TARGET_FINALIZE_HOOKS":
            warn(f, n, "possible typo, variable not properly prefixed: %s -> *%s_XXXX*"
                 % (m.group(2), pkg))
        if re.match(r"^[^# \t]+:\s", t):
            target = True
            continue
        if t.strip() == "":
            target = False
            continue
        if define and re.match(r"^\s*#", t):
            continue
        if tabs and not t.startswith("\t"):
            warn(f, n, "expected indent with tabs")
        elif not tabs and t.startswith("\t"):
            warn(f, n, "unexpected indent with tabs")


NOT_INDENTED = ("choice", "comment", "config", "endchoice", "endif", "endmenu",
                "if", "menu", "menuconfig", "source")
INDENTED = ("bool", "default", "depends", "help", "prompt", "select", "string")
ORDER = {"bool": 1, "prompt": 1, "string": 1, "default": 2, "depends": 3,
         "select": 4, "help": 5}


def lint_config(f, lines):
    state, help_text, first = 0, False, False
    for n, t in enumerate(lines, 1):
        t = t.rstrip("\n")
        if t.strip() == "" or t.strip().startswith("#"):
            continue
        word = t.split()[0]
        if t.strip() == "help":
            help_text, first = True, True
        elif help_text and t.startswith("\t  "):
            ok = re.match(r"^\t  \S.{,61}$" if first else r"^\t  .{,62}$", t)
            if not ok and not re.match(r"^(http|https|git)://\S*$", t.strip()):
                warn(f, n, "help text: <tab><2 spaces><62 chars>")
            first = False
            continue
        else:
            help_text = False
        if word in NOT_INDENTED:
            state = 0
            if t != t.lstrip():
                warn(f, n, "should not be indented")
            continue
        if word in INDENTED and not t.startswith("\t" + word):
            warn(f, n, "should be indented with one tab")
        if re.match(r"^\tdefault n$", t.split("#")[0].rstrip()):
            warn(f, n, "boolean symbols default to 'n', so 'default n' is redundant")
        if word in ORDER:
            if state > ORDER[word]:
                warn(f, n, "attributes order: type, default, depends on, select, help")
            state = ORDER[word]


def lint_hash(f, lines):
    sizes = {"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}
    for n, t in enumerate(lines, 1):
        if t.strip() == "" or t.startswith("#"):
            continue
        fields = t.split()
        if len(fields) != 3:
            warn(f, n, "expected three fields")
        elif fields[0] not in sizes:
            warn(f, n, "unexpected type of hash")
        elif not re.match("^[0-9a-fA-F]{%d}$" % sizes[fields[0]], fields[1]):
            warn(f, n, "hash size does not match type")
        elif not t.startswith("%s  %s  %s" % tuple(fields)):
            warn(f, n, "separation does not match expectation")


def lint_defconfig(f, lines):
    if "BR2_DOWNLOAD_FORCE_CHECK_HASHES=y\n" not in lines:
        warn(f, 0, "missing BR2_DOWNLOAD_FORCE_CHECK_HASHES")


def lint(f):
    lines = open(f, encoding="utf-8", errors="replace").readlines()
    name = os.path.basename(f)
    script = bool(lines) and lines[0].startswith("#!") and re.search(r"\b(sh|bash)\b", lines[0])
    if re.search(r"Config\.\S*$", name):
        kind = lint_config
    elif re.search(r"(^|/)configs/[^/]+_defconfig$", f):
        kind = lint_defconfig
    elif name.endswith(".hash"):
        kind = lint_hash
    elif name.endswith(".mk") and not (name == "external.mk" and
                                       os.path.exists(f[:-2] + "desc")):
        kind = lint_mk
    elif script:
        kind = None
    else:
        return
    common(f, lines)
    if kind:
        kind(f, lines)
    executable = os.access(f, os.X_OK)
    if executable != bool(script):
        warn(f, 0, "%s executable" % ("should not be" if executable else "should be"))


for path in sys.argv[1:]:
    lint(path)
for w in warnings:
    print(w)
print("%d warnings generated" % len(warnings))
sys.exit(1 if warnings else 0)
