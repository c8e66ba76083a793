#!/usr/bin/python3
"""dhcp-lease.py RELAY SERVER MAC: take a DHCP lease from SERVER as a
relay agent at RELAY would (RFC 2131 giaddr: unicast both ways, so it
works across routers, where a client's broadcast would not reach the
server), and print the address leased. Used by tests/boot/daemons.sh to
give the guest's dnsmasq a lease to keep on its persistent disk.
Exit status 1 when no lease came within the time allowed."""
import random
import socket
import struct
import sys

relay, server, mac = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3].replace(":", ""))
xid = random.getrandbits(32)


def packet(kind, options=b""):
    hdr = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 1, xid, 0, 0,
                      bytes(4), bytes(4), bytes(4), socket.inet_aton(relay),
                      mac.ljust(16, b"\0"), b"", b"")
    return hdr + b"\x63\x82\x53\x63" + bytes([53, 1, kind]) + options + b"\xff"


def options(p):
    opts, i = {}, 240
    while i < len(p) and p[i] != 255:
        if p[i] == 0:
            i += 1
            continue
        opts[p[i]] = p[i + 2:i + 2 + p[i + 1]]
        i += 2 + p[i + 1]
    return opts


def ask(sock, kind, want, extra=b""):
    for _ in range(5):
        sock.sendto(packet(kind, extra), (server, 67))
        try:
            while True:
                p, _ = sock.recvfrom(2048)
                if len(p) > 240 and struct.unpack("!I", p[4:8])[0] == xid and \
                        options(p).get(53) == bytes([want]):
                    return p
        except socket.timeout:
            pass
    sys.exit("dhcp-lease.py: no answer from %s" % server)


sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((relay, 67))  # a server answers a relay on port 67
sock.settimeout(3)
offer = ask(sock, 1, 2)
addr, sid = offer[16:20], options(offer)[54]
ack = ask(sock, 3, 5, bytes([50, 4]) + addr + bytes([54, 4]) + sid)
print(socket.inet_ntoa(ack[16:20]))
