#!/usr/bin/python3
"""Draw corral's boot timeline as an SVG, like `systemd-analyze plot`.

    timeline.py [INPUT...] [-o OUT.svg]

INPUT is `corral ctl timeline` output, or a whole QEMU console or serial
log holding it: the lines (README, "Boot timeline")

    timeline svc NAME daemon|oneshot SETUP EXEC READY EXIT AFTER
    timeline up UP

are found anywhere in a line (a kernel timestamp, a `corral: ` or a
serial prefix before them, a carriage return after them are ignored);
everything else is noise. When a log holds several dumps the last one
wins. Times are us after PID 1 started. Standard input without INPUT.

A first bar is PID 1's own boot (mounts, modules, until the first
service's start began). One bar per service: sandbox set-up (SETUP to EXEC), starting (EXEC to
READY), then ready to the end of the chart; a oneshot runs from EXEC to
its EXIT. The up moment is a vertical line. The critical path is the
chain of `after` dependencies that held up the service that was ready
last: from it, each step goes to the dependency that was done last
(ready, or exited for a oneshot), as systemd-analyze critical-chain
does. Exit status: 0, 1 when the input holds no timeline, 2 on usage.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import svg as S  # noqa: E402

T = r"(\d+|-)"
SVC = re.compile(r"timeline svc (\S+) (daemon|oneshot) " + " ".join([T] * 4)
                 + r" (\S+)(?=\s|$)")
UP = re.compile(r"timeline up " + T + r"(?=\s|$)")

COLOURS = {"setup": "#f0a030", "starting": "#f5d76e", "ready": "#7cc47c",
           "oneshot": "#6fa8dc"}
BOOT = "#bbbbbb"


def num(s):
    return None if s == "-" else int(s)


def parse(text):
    """(services, up): services a list of dicts in table order (name,
    oneshot, setup, exec, ready, exit, after), times in us or None; up in
    us or None. A `timeline svc` line for a name already seen starts a
    new dump; so does a `timeline up` line once one was read."""
    svcs, up, done = {}, None, False
    for line in text.splitlines():
        m = SVC.search(line)
        if m:
            if done or m.group(1) in svcs:
                svcs, up, done = {}, None, False
            name = m.group(1)
            svcs[name] = {
                "name": name, "oneshot": m.group(2) == "oneshot",
                "setup": num(m.group(3)), "exec": num(m.group(4)),
                "ready": num(m.group(5)), "exit": num(m.group(6)),
                "after": [] if m.group(7) == "-" else m.group(7).split(",")}
            continue
        m = UP.search(line)
        if m and svcs:
            up, done = num(m.group(1)), True
    return list(svcs.values()), up


def done_at(s):
    """When a dependent may start after s: ready, or a oneshot's exit."""
    return s["exit"] if s["oneshot"] else s["ready"]


def critical_path(svcs):
    """Names from the root to the service done last, each the latest
    done of its predecessor's `after` services."""
    by = {s["name"]: s for s in svcs}
    ends = [s for s in svcs if done_at(s) is not None]
    if not ends:
        return []
    cur = max(ends, key=lambda s: (done_at(s), -svcs.index(s)))
    path = [cur["name"]]
    while True:
        deps = [by[d] for d in cur["after"]
                if d in by and done_at(by[d]) is not None]
        if not deps:
            break
        cur = max(deps, key=lambda s: done_at(s))
        if cur["name"] in path:  # a cycle cannot come from svcc; be safe
            break
        path.append(cur["name"])
    return path[::-1]


def segments(s, end):
    """(start_us, end_us, kind) pieces of s's bar."""
    out, t0 = [], s["setup"]
    if t0 is None:
        return out
    ex = s["exec"]
    stop = s["exit"] if s["exit"] is not None else end
    out.append((t0, ex if ex is not None else stop, "setup"))
    if ex is None:
        return out
    if s["oneshot"]:
        out.append((ex, stop, "oneshot"))
    elif s["ready"] is None:
        out.append((ex, stop, "starting"))
    else:
        out.append((ex, s["ready"], "starting"))
        out.append((s["ready"], stop, "ready"))
    return out


def legend(g, x, y):
    """The colour key, wrapped to the chart's width; returns the last y."""
    x0 = x
    for kind, lab in (("setup", "sandbox set-up (start to exec)"),
                      ("starting", "starting (exec to ready)"),
                      ("ready", "ready / running"),
                      ("oneshot", "oneshot running (exec to exit)"),
                      ("boot", "PID 1 boot (to the first start)")):
        if x + 20 + S.text_w(lab, 12) > g.w - 10:
            x, y = x0, y + 20
        g.rect(x, y - 10, 14, 12, COLOURS.get(kind, BOOT))
        g.text(x + 20, y, lab, size=12)
        x += 40 + S.text_w(lab, 12)
    return y


def plot(svcs, up, title="corral boot timeline"):
    path = critical_path(svcs)
    times = [t for s in svcs for t in (s["setup"], s["exec"], s["ready"],
                                      s["exit"]) if t is not None]
    end = max(times + [up or 0, 1]) * 1.08 / 1000  # ms
    lab_w = max([S.text_w(s["name"] + " (oneshot)") for s in svcs] + [80]) + 24
    row, top, plot_w = 24, 64, 820
    starts = [s["setup"] for s in svcs if s["setup"] is not None]
    rows = len(svcs) + bool(starts)
    width = int(lab_w + plot_w + 40)
    height = int(top + row * rows + 130)
    g = S.Svg(width, height)
    g.text(10, 22, title, size=15, font_weight="bold")
    sub = "%d services; up at %s ms" % (len(svcs), S.fmt(round(up / 1000, 1))
                                        ) if up else "%d services; not up" % len(svcs)
    if path:
        sub += "; critical path (red outline): " + " > ".join(path)
    g.text(10, 42, sub, size=12)
    x0, y_axis = lab_w, top + row * rows
    scale = S.xaxis(g, x0, x0 + plot_w, y_axis, end,
                    "time since PID 1 start (ms)", grid_top=top - 4)
    if starts:  # PID 1's own boot: mounts, modules... until the first start
        g.text(x0 - 8, top + row * 0.65, "PID 1 boot", size=12, anchor="end",
               fill="#555")
        g.rect(x0, top + 4, min(starts) / 1000 * scale, row - 8, BOOT)
    top0, top = top, top + row * bool(starts)
    for k, s in enumerate(svcs):
        y = top + k * row
        crit = s["name"] in path
        lab = s["name"] + (" (oneshot)" if s["oneshot"] else "")
        if s["setup"] is None:
            lab += " (not started)"
        g.text(x0 - 8, y + row * 0.65, lab, size=12, anchor="end",
               font_weight="bold" if crit else "normal",
               fill="#b00" if crit else ("#888" if s["setup"] is None
                                          else "#000"))
        for a, b, kind in segments(s, end * 1000):
            g.rect(x0 + a / 1000 * scale, y + 4, (b - a) / 1000 * scale,
                   row - 8, COLOURS[kind])
        if crit and s["setup"] is not None:
            a = s["setup"] / 1000 * scale
            b = (done_at(s) or s["setup"]) / 1000 * scale
            g.rect(x0 + a - 1, y + 2, b - a + 2, row - 4, "none",
                   stroke="#c00", stroke_width=2)
    if up:
        x = x0 + up / 1000 * scale
        g.line(x, top0 - 8, x, y_axis, stroke="#c00", stroke_width=2)
        g.text(x + 4, top0 - 10, "up", size=12, fill="#c00", font_weight="bold")
    y = legend(g, 10, y_axis + 66)
    g.text(10, y + 22, "times: corral ctl timeline, CLOCK_MONOTONIC us "
           "after PID 1 start, stamped by PID 1 as it handled each event",
           size=11, fill="#444")
    return g.render()


def main(argv):
    out, ins, title = None, [], "corral boot timeline"
    it = iter(argv)
    for a in it:
        if a == "-o":
            out = next(it, None)
        elif a == "-t":
            title = next(it, None)
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            ins.append(a)
    if (out is None and "-o" in argv) or (title is None):
        print("timeline.py: -o and -t need a value", file=sys.stderr)
        return 2
    text = ""
    try:
        for f in ins or ["-"]:
            if f == "-":
                text += sys.stdin.read()
            else:
                with open(f, errors="replace") as fh:
                    text += fh.read()
    except OSError as e:
        print("timeline.py: %s: %s" % (e.filename, e.strerror), file=sys.stderr)
        return 1
    svcs, up = parse(text)
    if not svcs:
        print("timeline.py: no `timeline svc` lines in %s"
              % (", ".join(ins) or "stdin"), file=sys.stderr)
        return 1
    doc = plot(svcs, up, title)
    if out:
        with open(out, "w") as fh:
            fh.write(doc)
    else:
        sys.stdout.write(doc)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
