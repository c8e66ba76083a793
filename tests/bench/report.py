#!/usr/bin/python3
"""make bench's report: DIR/report.md and its SVG charts (PNG beside
each when rsvg-convert is there), from the figures the benchmarks left
in DIR (tests/bench/*.sh write NAME.data, their output NAME.log):

    report.py DIR [TIMELINE.svg]

sandbox.data  meta ...; launch NAME MEDIAN P10 P90 TOTAL (us); cold ...
pid1.data     meta ...; pid1 none|jail|bb ALL-UP-MS RSS-KIB OWN-UP-MS
boot.data     meta ...; boot BOARD CORRAL-MS OWN-UP-MS BUSYBOX-MS
size.data     corral BOARD ARCH BYTES BUDGET LINKING;
              anchor NAME BYTES LINKING LIB-BYTES FILES ROLE...

A missing file is reported as such in its section, never invented.
Goals (developers' guide): corral run <= 0.40 of bwrap --unshare-all
and <= 1.5 x the namespace floor; PID 1 RSS <= 128 KiB with 20
services; boot no slower than busybox init. Exit status 0, or 1 when
no benchmark left figures. Standard library only.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import svg as S  # noqa: E402

CORRAL, OTHER, FLOOR, GOAL = "#d9534f", "#7a9cc6", "#9e9e9e", "#c00"
NOISE = ("Absolute times come from a shared 2-core VM with other jobs "
         "running: they move by 10-20% between runs. The ratios, measured "
         "side by side in one run with the contenders taking turns, are "
         "the result.")
LAUNCHERS = {
    "plain": "plain fork+exec", "floor": "nsfloor (kernel floor)",
    "corral": "corral run", "bwrap": "bwrap --unshare-all",
    "unshare": "unshare + chroot", "crun": "crun run"}


def read(d, name):
    """{kind: [fields...]} rows of DIR/NAME.data, None when absent."""
    try:
        with open(os.path.join(d, name + ".data")) as f:
            rows = [ln.split() for ln in f if ln.strip()]
    except OSError:
        return None
    return rows


def meta(rows):
    m = next((r[1:] for r in rows if r[0] == "meta"), [])
    return dict(zip(m[::2], m[1::2]))


def log_lines(d, name, kinds=("SKIP:", "FAIL:")):
    try:
        with open(os.path.join(d, name + ".log"), errors="replace") as f:
            return [ln.rstrip() for ln in f if ln.split(" ", 1)[0] in kinds]
    except OSError:
        return []


def ms(us):
    return float(us) / 1000


def verdict(ok):
    return "**met**" if ok else "**not met**"


class Report:
    def __init__(self, d):
        self.d, self.md, self.charts = d, [], []

    def chart(self, name, doc, alt):
        with open(os.path.join(self.d, name + ".svg"), "w") as f:
            f.write(doc)
        self.charts.append(name)
        self.md.append("![%s](%s.svg)\n" % (alt, name))

    def missing(self, name, what):
        self.md.append("Not measured: `%s.data` is missing (%s). %s\n" % (
            name, what, " ".join("`%s`" % x for x in log_lines(self.d, name))))

    def notes(self, name):
        for ln in log_lines(self.d, name):
            self.md.append("- %s" % ln)
        self.md.append("")

    # -- sandbox launch latency ------------------------------------------
    def sandbox(self):
        self.md.append("## Sandboxed launch latency\n")
        rows = read(self.d, "sandbox")
        if rows is None:
            return self.missing("sandbox", "tests/bench/sandbox.sh")
        m = meta(rows)
        L = {r[1]: [float(x) for x in r[2:6]] for r in rows if r[0] == "launch"}
        cold = next((r for r in rows if r[0] == "cold"), None)
        self.md.append(
            "How: `tests/bench/sandbox.sh`. Each launcher starts the same "
            "static payload that exits 0, in a minimal root, %s rounds of %s "
            "launches back to back (`tests/sandbox/launch.c`: fork, exec, "
            "wait: the whole process, sandbox set-up and teardown included), "
            "the launchers taking turns each round. corral run has its full "
            "default isolation and a 64 MiB memory cap; nsfloor is one clone "
            "with corral's default namespaces and the exec, nothing else: no "
            "sandbox can launch faster here. Kernel %s, %s CPUs. %s\n"
            % (m.get("rounds", "?"), m.get("batch", "?"), m.get("kernel", "?"),
               m.get("cpus", "?"), NOISE))
        self.md.append("| launcher | median | p10 | p90 | %s back to back "
                       "(median) | corral / it |" % m.get("batch", "20"))
        self.md.append("|---|---:|---:|---:|---:|---:|")
        c = L.get("corral", [0])[0]
        for k, v in L.items():
            self.md.append("| %s | %.2f ms | %.2f ms | %.2f ms | %.1f ms | %s |"
                           % (LAUNCHERS.get(k, k), ms(v[0]), ms(v[1]), ms(v[2]),
                              ms(v[3]), "%.2f" % (c / v[0]) if k != "corral" else "-"))
        if cold:
            self.md.append("| corral run, cold (%s ms apart) | %.2f ms | %.2f ms "
                           "| %.2f ms | - | - |" % (m.get("gap_ms", "?"),
                                                   ms(cold[2]), ms(cold[3]), ms(cold[4])))
        self.md.append("")
        goals = []
        if "bwrap" in L and c:
            r = c / L["bwrap"][0]
            self.md.append("- corral run / bwrap --unshare-all: **%.2f** (goal <= 0.40: %s)"
                           % (r, verdict(r <= 0.40)))
            goals.append((ms(L["bwrap"][0]) * 0.40, "goal for corral run: <= 0.40 x bwrap "
                          "= %.2f ms" % (ms(L["bwrap"][0]) * 0.40)))
        if "floor" in L and c:
            r = c / L["floor"][0]
            self.md.append("- corral run / nsfloor: **%.2f** (goal <= 1.5: %s); "
                           "corral spends %.2f ms per launch above the floor"
                           % (r, verdict(r <= 1.5), ms(c - L["floor"][0])))
            goals.append((ms(L["floor"][0]) * 1.5, "goal for corral run: <= 1.5 x nsfloor "
                          "= %.2f ms" % (ms(L["floor"][0]) * 1.5)))
        self.md.append("")
        col = {"corral": CORRAL, "floor": FLOOR, "plain": FLOOR}
        bars = [(LAUNCHERS.get(k, k), ms(v[0]), col.get(k, OTHER),
                 "%.2f ms (p90 %.2f)" % (ms(v[0]), ms(v[2])))
                for k, v in sorted(L.items(), key=lambda kv: kv[1][0])]
        self.chart("launch", S.hbars(
            "Sandboxed launch latency: median per launch (p90 in brackets)",
            bars, "milliseconds per launch (lower is better)",
            "%s x %s launches each, side by side; shared 2-core VM: absolute "
            "times are noisy, the ratios are the result" % (
                m.get("rounds", "?"), m.get("batch", "?")), goals),
            "launch latency per launcher")
        bars = [(LAUNCHERS.get(k, k), ms(v[3]), col.get(k, OTHER),
                 "%.1f ms" % ms(v[3]))
                for k, v in sorted(L.items(), key=lambda kv: kv[1][3])]
        self.chart("batch", S.hbars(
            "%s launches back to back: total time (median of %s rounds)" % (
                m.get("batch", "20"), m.get("rounds", "?")),
            bars, "milliseconds for %s launches (lower is better)" % m.get("batch", "20"),
            "fork, exec, sandbox, payload, teardown, wait, one after another; "
            "shared 2-core VM: noisy"),
            "20 launches back to back")
        self.notes("sandbox")

    # -- PID 1: 20 services ------------------------------------------------
    def pid1(self):
        self.md.append("## PID 1: start to up with 20 services, and its RSS\n")
        rows = read(self.d, "pid1")
        if rows is None:
            return self.missing("pid1", "tests/bench/pid1.sh")
        m = meta(rows)
        P = {r[1]: r[2:] for r in rows if r[0] == "pid1"}
        names = {"none": "corral, isolate none", "jail": "corral, default jail + 16M",
                 "bb": "busybox init (inittab)"}
        self.md.append(
            "How: `tests/bench/pid1.sh`. Each init boots as PID 1 of a new PID "
            "namespace (`unshare --pid --mount --fork chroot`) with %s services "
            "(`sleep`); the time runs from starting unshare until all %s run, "
            "polled every 1 ms from outside, the same way for every init; "
            "medians of %s runs each. corral's own `up:` time (from PID 1's "
            "start) alongside. RSS is PID 1's VmRSS once they are up. %s\n"
            % (m.get("services", "20"), m.get("services", "20"),
               m.get("runs", "?"), NOISE))
        self.md.append("| init | all up | own `up:` | PID 1 RSS |")
        self.md.append("|---|---:|---:|---:|")
        for k in ("none", "jail", "bb"):
            if k in P:
                self.md.append("| %s | %s ms | %s | %s KiB |" % (
                    names[k], P[k][0], P[k][2] + " ms" if P[k][2] != "-" else "-",
                    P[k][1]))
        self.md.append("")
        try:
            b = float(P["bb"][0])
            for k in ("none", "jail"):
                self.md.append("- %s / busybox init, all up: **%.2f**"
                               % (names[k], float(P[k][0]) / b))
            rss = int(P["none"][1])
            self.md.append("- corral PID 1 RSS with %s services: **%d KiB** "
                           "(goal <= 128 KiB: %s)" % (m.get("services", "20"),
                                                       rss, verdict(rss <= 128)))
        except (KeyError, ValueError, ZeroDivisionError):
            self.md.append("- ratios: figures incomplete")
        self.md.append("")
        cols = {"none": CORRAL, "jail": CORRAL, "bb": OTHER}
        bars = [(names[k], float(P[k][0]), cols[k], "%s ms" % P[k][0])
                for k in ("none", "jail", "bb") if k in P and P[k][0] != "-"]
        self.chart("pid1-up", S.hbars(
            "PID 1 with %s services: start until all run (median of %s)"
            % (m.get("services", "20"), m.get("runs", "?")),
            bars, "milliseconds (lower is better)",
            "polled from outside every 1 ms, the same for every init; shared "
            "2-core VM: noisy"), "start to up for 20 services")
        bars = [(names[k], float(P[k][1]), cols[k], "%s KiB" % P[k][1])
                for k in ("none", "jail", "bb") if k in P and P[k][1] != "-"]
        self.chart("pid1-rss", S.hbars(
            "PID 1 resident memory with %s services running" % m.get("services", "20"),
            bars, "VmRSS of PID 1 (KiB, lower is better)",
            "read from /proc/PID/status once all services run", [(128, "goal for corral: <= 128 KiB")]),
            "PID 1 RSS")
        self.notes("pid1")

    # -- QEMU boot ---------------------------------------------------------
    def boot(self):
        self.md.append("## Boot under QEMU: corral against busybox init\n")
        rows = read(self.d, "boot")
        if rows is None:
            return self.missing("boot", "tests/bench/boot.sh")
        m = meta(rows)
        B = [r[1:] for r in rows if r[0] == "boot"]
        self.md.append(
            "How: `tests/bench/boot.sh`. Each board whose toolchain, kernel and "
            "busybox-static exist here boots under QEMU (TCG: no KVM here), "
            "in turn: corral with %s services each behind the default jail "
            "(+ memory 8M, pids 16), and busybox init starting the same %s "
            "from an inittab, unsandboxed. `rdinit=/sbin/bootmark` stamps "
            "CLOCK_MONOTONIC and execs the init; each service stamps itself "
            "once it runs, so one guest clock times both from PID 1's exec to "
            "the last service running. Medians of %s boots each, interleaved. "
            "%s\n" % (m.get("services", "10"), m.get("services", "10"),
                      m.get("runs", "?"), NOISE))
        self.md.append("| board | corral | own `up:` | busybox init | ratio "
                       "(goal <= 1.00) |")
        self.md.append("|---|---:|---:|---:|---:|")
        bars = []
        for b, c, u, i in B:
            try:
                r = "%.2f: %s" % (float(c) / float(i), verdict(float(c) <= float(i)))
            except (ValueError, ZeroDivisionError):
                r = "-"
            self.md.append("| %s | %s ms | %s ms | %s ms | %s |" % (b, c, u, i, r))
            for who, v, colour in (("corral", c, CORRAL), ("busybox init", i, OTHER)):
                if v != "-":
                    bars.append(("%s: %s" % (b, who), float(v), colour, "%s ms" % v))
        self.md.append("")
        if bars:
            self.chart("boot", S.hbars(
                "Boot to %s services under QEMU (TCG), per board" % m.get("services", "10"),
                bars, "ms from PID 1's exec to the last service running (lower is better)",
                "median of %s interleaved boots; corral: every service jailed; "
                "busybox: none; TCG on a shared VM: noisy" % m.get("runs", "?")),
                "boot time per board")
        self.notes("boot")

    # -- sizes ---------------------------------------------------------------
    def size(self):
        self.md.append("## Static binary size per board, against the anchors\n")
        rows = read(self.d, "size")
        if rows is None:
            return self.missing("size", "tests/bench/size.sh")
        C = [r[1:] for r in rows if r[0] == "corral"]
        A = [r[1:] for r in rows if r[0] == "anchor"]
        self.md.append(
            "How: `tests/bench/size.sh`. corral: the stripped static binary "
            "(`make size`) for every board whose toolchain is here: init, "
            "supervisor, sandbox, `corral run`, `ctl` and `table` in one file. "
            "Anchors: Debian's packaged (stripped) binaries, installed by "
            "`make deps-check`; linking as file(1) reports it, and for a "
            "dynamic one the size of the shared libraries ldd resolves "
            "(which it needs on the device too). Sizes are exact, not noisy.\n")
        self.md.append("| binary | bytes | linking | + shared libraries |")
        self.md.append("|---|---:|---|---:|")
        bars = []
        for b, arch, n, budget, link in C:
            self.md.append("| corral, %s (budget %s) | %s | %s | - |" % (b, budget, n, link))
            bars.append(("corral %s (%s)" % (b, arch), int(n) / 1024, CORRAL,
                         "%.1f KiB, %s" % (int(n) / 1024, link)))
        for a in A:
            name, n, link, libs, files, role = a[0], a[1], a[2], a[3], a[4], " ".join(a[5:])
            self.md.append("| %s: %s (`%s`) | %s | %s | %s |" % (
                name, role, files.replace(",", "`, `"), n, link,
                "%s" % libs if link == "dynamic" else "-"))
            txt = "%.1f KiB, %s" % (int(n) / 1024, link)
            if link == "dynamic":
                txt += " (+%.0f KiB libs)" % (int(libs) / 1024)
            bars.append((name, int(n) / 1024, OTHER, txt))
        self.md.append("")
        self.chart("size", S.hbars(
            "Binary size: corral per board and the anchors from Debian",
            bars, "KiB on disk, stripped (lower is better)",
            "corral: one static binary (init, supervisor, sandbox, run, ctl); "
            "dynamic anchors also need the shared\nlibraries shown in brackets "
            "(not drawn); runit and s6 count their init and supervision "
            "programs together"), "binary sizes")
        self.notes("size")

    def timeline(self, svg):
        self.md.append("## Boot timeline of the default board\n")
        if not svg or not os.path.exists(svg):
            self.md.append("Not drawn: `make qemu-timeline` left no chart.\n")
            return
        shutil.copy(svg, os.path.join(self.d, "timeline.svg"))
        self.charts.append("timeline")
        self.md.append(
            "How: `make qemu-timeline` boots the default board under QEMU "
            "(TCG) with one extra oneshot that prints `corral ctl timeline` on "
            "the console once the board is up and powers off; "
            "`tests/bench/timeline.py` draws the lines (README, \"Boot "
            "timeline\"). Stamps are PID 1's CLOCK_MONOTONIC as it handled "
            "each event; TCG makes every step several times slower than on "
            "hardware.\n")
        self.md.append("![boot timeline](timeline.svg)\n")

    def write(self, head):
        with open(os.path.join(self.d, "report.md"), "w") as f:
            f.write("\n".join(head + self.md) + "\n")


def pngs(d, names):
    conv = shutil.which("rsvg-convert")
    if not conv:
        return "no rsvg-convert (librsvg2-bin): charts left as SVG only"
    for n in names:
        subprocess.run([conv, os.path.join(d, n + ".svg"), "-o",
                        os.path.join(d, n + ".png")], check=True)
    return "PNG beside each SVG"


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 2 if not argv else 0
    d = argv[0]
    r = Report(d)
    r.sandbox()
    r.pid1()
    r.boot()
    r.size()
    r.timeline(argv[1] if len(argv) > 1 else None)
    uname = os.uname()
    head = ["# corral benchmarks\n",
            "`make bench` on %s (%s %s, %d CPUs). %s\n" % (
                uname.nodename, uname.sysname, uname.release, os.cpu_count(),
                NOISE),
            "Charts: " + ", ".join("[%s](%s.svg)" % (c, c) for c in r.charts) + ".\n"]
    r.write(head)
    print("report.py: %s/report.md, %d charts (%s)" % (d, len(r.charts), pngs(d, r.charts)))
    return 0 if any(os.path.exists(os.path.join(d, n + ".data"))
                    for n in ("sandbox", "pid1", "boot", "size")) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
