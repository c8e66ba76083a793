#!/usr/bin/python3
"""bbemu.py RECIPE VAR=VALUE...: print a shell script that runs the
recipe's do_configure, do_compile and do_install the way bitbake does,
for tests/unit/yocto_recipe.sh (bitbake is not packaged in Debian).

Only what corral_git.bb uses is understood: VAR = "...", VAR ?= "..."
with backslash continuations, VAR[flag] = "...", ${VAR} and ${@python}
expansion (d.getVar, bb.utils.contains), shell do_*() functions, and
oe_runmake (make with EXTRA_OEMAKE, as base.bbclass runs it). Bitbake's
exported variables (CC, CFLAGS, LDFLAGS...) come from VAR=VALUE
arguments, which win over the recipe as local.conf would not, and are
exported to the tasks as bitbake exports them. Assignments with an
override (VAR:${PN}) are kept by their full name, unexpanded."""
import re
import shlex
import sys

EXPORTED = ["CC", "CFLAGS", "LDFLAGS", "CPPFLAGS", "STRIP", "BUILD_CC", "SOURCE_DATE_EPOCH"]


def parse(path):
    vars_, funcs, lines = {}, {}, open(path).read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        m = re.match(r"^(do_\w+)\(\)\s*\{$", line)
        if m:
            body = []
            while lines[i] != "}":
                body.append(lines[i])
                i += 1
            i += 1
            funcs[m.group(1)] = "\n".join(body)
            continue
        while line.endswith("\\"):
            line = line[:-1] + lines[i]
            i += 1
        m = re.match(r'^([\w:${}\[\]-]+)\s*(\?=|=)\s*"(.*)"\s*$', line)
        if m:
            name, op, value = m.groups()
            if op == "=" or name not in vars_:
                vars_[name] = value
    return vars_, funcs


class Data:
    def __init__(self, vars_):
        self.vars = vars_

    def getVar(self, name):
        return self.expand(self.vars[name]) if name in self.vars else None

    def python(self, s):
        """${@expr}: evaluated, braces inside expr matched."""
        i = s.find("${@")
        while i >= 0:
            depth, j = 1, i + 3
            while depth:
                depth += {"{": 1, "}": -1}.get(s[j], 0)
                j += 1
            value = str(eval(s[i + 3:j - 1], {"d": self, "bb": BB}))
            s = s[:i] + value + s[j:]
            i = s.find("${@")
        return s

    def expand(self, s):
        for _ in range(20):
            new = re.sub(r"\$\{(\w+)\}", lambda m: self.vars.get(m.group(1), m.group(0)), s)
            new = self.python(new)
            if new == s:
                return s
            s = new
        return s


class BB:
    class utils:
        @staticmethod
        def contains(var, item, t, f, d):
            return t if item in (d.getVar(var) or "").split() else f


def main():
    recipe, given = sys.argv[1], dict(a.split("=", 1) for a in sys.argv[2:])
    vars_, funcs = parse(recipe)
    vars_.update(given)
    d = Data(vars_)
    out = ["set -e"]
    out += ["export %s=%s" % (v, shlex.quote(d.getVar(v))) for v in EXPORTED if v in given]
    out.append("oe_runmake() { make -j2 %s \"$@\"; }" % d.getVar("EXTRA_OEMAKE"))
    for task in ("do_configure", "do_compile", "do_install"):
        out.append("cd %s" % shlex.quote(d.getVar("B")))
        out.append(d.expand(funcs[task]))
    print("\n".join(out))


main()
