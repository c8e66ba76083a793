"""Unit tests of tests/bench/timeline.py: parsing (noise, prefixes,
several dumps) and the critical path. Run by tests/unit/timeline_tool.sh."""
import contextlib
import io
import os
import sys
import unittest
import xml.dom.minidom

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timeline  # noqa: E402

DUMP = """timeline svc prep oneshot 439 3187 - 103905 -
timeline svc db daemon 104067 105293 306643 - prep
timeline svc web daemon 306651 309227 309227 - db,prep
timeline svc free daemon 753 3189 3191 - -
timeline svc never daemon - - - - gone
timeline svc gone oneshot 1003 3483 - 5819 -
timeline up 309235
"""


class Parse(unittest.TestCase):
    def test_plain(self):
        svcs, up = timeline.parse(DUMP)
        self.assertEqual([s["name"] for s in svcs],
                         ["prep", "db", "web", "free", "never", "gone"])
        self.assertEqual(up, 309235)
        web = svcs[2]
        self.assertEqual((web["setup"], web["exec"], web["ready"], web["exit"]),
                         (306651, 309227, 309227, None))
        self.assertEqual(web["after"], ["db", "prep"])
        self.assertTrue(svcs[0]["oneshot"])
        self.assertEqual(svcs[4]["setup"], None)

    def test_serial_noise(self):
        log = ("SeaBIOS (version 1.16)\r\n[    0.000000] Linux version 6.1\r\n"
               + "".join("[    2.%06d] %s\r\n" % (k, l) if k % 2 else
                         "ttyS0: corral: %s\r\n" % l
                         for k, l in enumerate(DUMP.splitlines()))
               + "corral: shutdown: poweroff\r\n[    3.1] reboot: Power down")
        self.assertEqual(timeline.parse(log), timeline.parse(DUMP))

    def test_broken_lines_ignored(self):
        svcs, up = timeline.parse("timeline svc a daemon 1 2 3\n"
                                  "timeline svc b daemon 1 2 x - -\n"
                                  "timeline svc c daemon 1 2 3 - -\n"
                                  "timeline up\n")
        self.assertEqual([s["name"] for s in svcs], ["c"])
        self.assertIsNone(up)

    def test_last_dump_wins(self):
        second = DUMP.replace("309235", "400001").replace(" 753 ", " 755 ")
        svcs, up = timeline.parse(DUMP + "noise\n" + second)
        self.assertEqual(up, 400001)
        self.assertEqual(len(svcs), 6)
        self.assertEqual(svcs[3]["setup"], 755)

    def test_not_up_yet(self):
        svcs, up = timeline.parse("timeline svc a daemon 1 - - - -\n"
                                  "timeline up -\n")
        self.assertEqual(len(svcs), 1)
        self.assertIsNone(up)


class Critical(unittest.TestCase):
    def test_chain(self):
        self.assertEqual(timeline.critical_path(timeline.parse(DUMP)[0]),
                         ["prep", "db", "web"])

    def test_latest_dependency_taken(self):
        t = ("timeline svc a daemon 1 2 50 - -\n"
             "timeline svc b daemon 1 2 90 - -\n"
             "timeline svc c oneshot 1 2 - 70 a\n"
             "timeline svc d daemon 95 96 100 - a,b,c\n"
             "timeline svc e daemon 1 2 60 - -\n"
             "timeline up 100\n")
        self.assertEqual(timeline.critical_path(timeline.parse(t)[0]), ["b", "d"])
        t = t.replace(" 70 a", " 99 a")
        self.assertEqual(timeline.critical_path(timeline.parse(t)[0]),
                         ["a", "c", "d"])

    def test_unstarted_dependency_skipped(self):
        t = ("timeline svc a daemon - - - - -\n"
             "timeline svc b daemon 1 2 9 - a\n")
        self.assertEqual(timeline.critical_path(timeline.parse(t)[0]), ["b"])

    def test_nothing_done(self):
        t = "timeline svc a daemon 1 - - - -\n"
        self.assertEqual(timeline.critical_path(timeline.parse(t)[0]), [])


class Plot(unittest.TestCase):
    def test_svg(self):
        doc = timeline.plot(*timeline.parse(DUMP))
        dom = xml.dom.minidom.parseString(doc)  # well-formed
        texts = [t.firstChild.data for t in dom.getElementsByTagName("text")]
        for want in ("prep (oneshot)", "never (not started)", "up",
                     "time since PID 1 start (ms)"):
            self.assertIn(want, texts)
        self.assertTrue(any("prep > db > web" in t for t in texts))
        # one bar segment per step: prep 2, db 3, web 3, free 3, gone 2
        bars = [r for r in dom.getElementsByTagName("rect")
                if r.getAttribute("fill") in timeline.COLOURS.values()]
        self.assertEqual(len(bars), 13 + 4)  # + the legend's four

    def test_no_input(self):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            self.assertEqual(timeline.main(["/dev/null", "-o", "/dev/null"]), 1)
        self.assertIn("no `timeline svc` lines in /dev/null", err.getvalue())


if __name__ == "__main__":
    unittest.main()
