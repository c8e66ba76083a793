"""Small SVG helpers for the benchmark and timeline charts (host tool,
python3 standard library only).

The charts are plain SVG 1.1 with text in a generic sans-serif font, so
rsvg-convert, browsers and inkscape render them alike. Text widths are
estimated (CHAR_W per character at FONT px) to lay out labels without a
font library; the estimate errs wide so labels never overlap.
"""
from xml.sax.saxutils import escape

FONT = 13
CHAR_W = 0.62 * FONT  # generous average advance of a sans-serif glyph


def text_w(s, size=FONT):
    return len(str(s)) * 0.62 * size


class Svg:
    """An SVG document built from elements in drawing order."""

    def __init__(self, width, height):
        self.w, self.h = width, height
        self.items = []

    def add(self, tag, text=None, **attrs):
        a = " ".join('%s="%s"' % (k.rstrip("_").replace("_", "-"),
                                  escape(str(v), {'"': "&quot;"}))
                     for k, v in attrs.items())
        if text is None:
            self.items.append("<%s %s/>" % (tag, a))
        else:
            self.items.append("<%s %s>%s</%s>" % (tag, a, escape(str(text)),
                                                  tag))

    def rect(self, x, y, w, h, fill, **kw):
        self.add("rect", x=r1(x), y=r1(y), width=r1(max(w, 0)),
                 height=r1(h), fill=fill, **kw)

    def line(self, x1, y1, x2, y2, stroke="#000", **kw):
        self.add("line", x1=r1(x1), y1=r1(y1), x2=r1(x2), y2=r1(y2),
                 stroke=stroke, **kw)

    def text(self, x, y, s, size=FONT, anchor="start", **kw):
        self.add("text", s, x=r1(x), y=r1(y), font_size=size,
                 text_anchor=anchor, **kw)

    def render(self):
        head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
                'width="%d" height="%d" viewBox="0 0 %d %d" '
                'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">\n'
                % (self.w, self.h, self.w, self.h))
        body = '<rect x="0" y="0" width="%d" height="%d" fill="#fff"/>\n' % (
            self.w, self.h)
        return head + body + "\n".join(self.items) + "\n</svg>\n"


def r1(v):
    return round(float(v), 1)


def nice_step(span, ticks=8):
    """A 1-2-5 step giving about `ticks` ticks over span."""
    if span <= 0:
        return 1
    raw = span / ticks
    mag = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    while mag > raw:
        mag /= 10
    for m in (1, 2, 5, 10):
        if mag * m >= raw:
            return mag * m
    return mag * 10


def fmt(v):
    """A number as short as it can be written exactly enough."""
    if v == int(v):
        return str(int(v))
    return ("%.2f" % v).rstrip("0").rstrip(".")


def xaxis(svg, x0, x1, y, vmax, label, vmin=0, grid_top=None):
    """A horizontal axis from vmin to vmax drawn between x0 and x1 at y,
    ticks labelled, `label` centred below; grid lines up to grid_top."""
    step = nice_step(vmax - vmin)
    scale = (x1 - x0) / (vmax - vmin or 1)
    svg.line(x0, y, x1, y, stroke="#333")
    v = vmin
    while v <= vmax + step * 1e-9:
        x = x0 + (v - vmin) * scale
        if grid_top is not None:
            svg.line(x, grid_top, x, y, stroke="#ddd")
        svg.line(x, y, x, y + 5, stroke="#333")
        svg.text(x, y + 18, fmt(v), size=11, anchor="middle")
        v += step
    svg.text((x0 + x1) / 2, y + 38, label, anchor="middle")
    return scale


GOAL_COLOURS = ("#c00", "#e07000", "#7a3db8")
GOAL_DASH = ("6,4", "2,3", "9,3,2,3")


def hbars(title, rows, unit, note=None, goals=()):
    """A horizontal bar chart: rows of (label, value, colour[, text]);
    goals: (value, label) drawn as vertical lines, each its own colour
    and dash, keyed below the axis. Returns the SVG text."""
    lab_w = max([text_w(r[0]) for r in rows] + [60]) + 20
    vmax = max([r[1] for r in rows] + [g[0] for g in goals] + [1e-9])
    val_w = max(text_w(r[3] if len(r) > 3 else fmt(r[1]), 12) for r in rows) + 16
    bar_h, gap, top = 22, 10, 50
    plot_w = 560
    note_lines = note.split("\n") if note else []
    width = int(max(lab_w + plot_w + val_w + 20,
                    max([text_w(n, 11) + 30 for n in note_lines] + [0]),
                    text_w(title, 15) + 30))
    y_axis = top + len(rows) * (bar_h + gap)
    height = int(y_axis + 60 + 18 * len(goals) + 18 * len(note_lines))
    svg = Svg(width, height)
    svg.text(10, 24, title, size=15, font_weight="bold")
    x0 = lab_w
    scale = xaxis(svg, x0, x0 + plot_w, y_axis, vmax * 1.05, unit,
                  grid_top=top - 6)
    for k, r in enumerate(rows):
        y = top + k * (bar_h + gap)
        svg.text(x0 - 8, y + bar_h * 0.7, r[0], anchor="end")
        svg.rect(x0, y, r[1] * scale, bar_h, r[2])
    for k, (v, lab) in enumerate(goals):  # under the value labels
        x = x0 + v * scale
        c, d = GOAL_COLOURS[k % 3], GOAL_DASH[k % 3]
        svg.line(x, top - 6, x, y_axis, stroke=c, stroke_dasharray=d,
                 stroke_width=2)
        yk = y_axis + 58 + 18 * k
        svg.line(10, yk - 4, 40, yk - 4, stroke=c, stroke_dasharray=d,
                 stroke_width=2)
        svg.text(46, yk, lab, size=11, fill=c)
    for k, r in enumerate(rows):  # on white, over the goal lines
        y = top + k * (bar_h + gap)
        t = r[3] if len(r) > 3 else fmt(r[1])
        svg.rect(x0 + r[1] * scale + 3, y - 2, text_w(t, 12) + 4, bar_h + 4,
                 "#fff")
        svg.text(x0 + r[1] * scale + 6, y + bar_h * 0.7, t, size=12)
    yn = y_axis + 58 + 18 * len(goals)
    for k, ln in enumerate(note_lines):
        svg.text(10, yn + 18 * k, ln, size=11, fill="#444")
    return svg.render()
