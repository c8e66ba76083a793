#!/bin/sh
# The console service (board services): a root shell on the serial
# console, as a device's serial header gives one. It waits for the boot
# to be up, and a second more for PID 1's lines queued for the (slow,
# emulated) serial line to drain, so the banner comes after them and not
# within a line. Then the shell starts once Enter is pressed, as busybox
# init's `askfirst` does: a prompt sitting on the console would run
# into the lines PID 1 logs there later (the boot tests read them).
# When the shell exits, corral starts this afresh.
until corral ctl timeline | grep -q '^timeline up '; do sleep 0.2; done
sleep 1
cat /etc/banner
head -n 1 >/dev/null
exec sh
