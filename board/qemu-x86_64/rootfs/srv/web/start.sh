#!/bin/sh
# The web service (board services), run in its jail. Every start gives
# the jail a new veth, so a new MAC address for 10.0.2.16, while QEMU's
# user-mode network keeps the old one in its ARP table (it never ages
# out) and would send the forwarded connections to a MAC that is gone:
# after `corral ctl restart web` the page would be unreachable. One
# connection attempt to the gateway first makes the jail ask for
# 10.0.2.2's address, and QEMU learns the new MAC from that request.
# Refused or not, it is over in a second at most.
nc -w 1 10.0.2.2 9 </dev/null >/dev/null 2>&1
# toybox nc accepts connections and runs toybox httpd (inetd style) on
# each, serving this read-only subtree.
exec nc -p 8080 -L /bin/httpd /
