#!/bin/bash
# Hostile control requests: random bytes and lengths, NULs, over-long
# and truncated requests, near-miss commands and names, clients that
# connect and say nothing (more than PID 1 has slots), and the wrong
# socket type. Every answer must be an error reply; afterwards PID 1
# still answers, the service still runs, and nothing shut down.
# FUZZ_ROUNDS (default 2000) sets the number of random requests.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup python3
pid1_build one one.services || exit 0
pid1_tree "$T/root"
pid1_start "$T/root"
pid1_wait '^corral: up: 1 services' || fail "no up line"
before=$(pid1_ctl status web | cut -d' ' -f1-3)

python3 - "$SOCK" "${FUZZ_ROUNDS:-2000}" >"$T/fuzz" 2>&1 <<'PY'
import os, random, socket, sys, time
path, rounds = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1)  # reproducible
bad = asked = 0

def ask(data, expect=b"E"):
    global bad, asked
    asked += 1
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.settimeout(5)
    s.connect(path)
    try:
        if data is not None:
            s.send(data)
        r = s.recv(8192)
    except (BrokenPipeError, ConnectionResetError):
        r = b""
    s.close()
    if not r.startswith(expect):
        bad += 1
        print("unexpected answer to %r: %r" % (data[:40] if data else data, r[:60]))

crafted = [b"", b"\0", b"status\0", b"status ", b"status  web", b" status",
           b"status web ", b"stop", b"start", b"log", b"reboot now",
           b"halt web", b"poweroff x", b"STATUS", b"stat", b"statusweb",
           b"stop nosuch", b"log " + b"w" * 120, b"x" * 128, b"y" * 129,
           b"z" * 5000, b"start \0web", b"start web\0", b"log web\n",
           b"status ../web", b"status %s%n%x", bytes(range(256))]
for c in crafted:
    if c == b"":  # a zero-length message is not a request
        continue
    ask(c)
for _ in range(rounds):
    n = rnd.choice([1, 2, 5, 7, 16, 100, 128, 129, 300])
    data = bytes(rnd.randrange(256) for _ in range(n))
    if rnd.random() < 0.3:  # near misses: a real command, garbage after
        data = rnd.choice([b"status ", b"stop ", b"log "]) + data
    if data.split(b" ")[0] in (b"reboot", b"halt", b"poweroff"):
        continue
    ask(data)
# Silent clients: more than the slots; each is dropped after a second,
# and the ones beyond the slots are told the init is busy.
idle = []
for _ in range(8):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect(path)
    idle.append(s)
time.sleep(1.5)
for s in idle:
    s.settimeout(1)
    try:
        s.recv(100)
    except OSError:
        pass
    s.close()
# The wrong socket type is refused by the kernel.
try:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    print("stream connect accepted")
    bad += 1
except OSError:
    pass
ask(b"status web", b"D")
print("asked:", asked)
print("bad answers:", bad)
PY
asked=$(sed -n 's/^asked: //p' "$T/fuzz")
if [ "${asked:-0}" -ge "${FUZZ_ROUNDS:-2000}" ]; then
	pass "$asked requests sent"
else
	fail "only '$asked' requests sent: $(tail -n 3 "$T/fuzz" | tr '\n' ' ')"
fi
check_grep "every garbage request got an error reply" '^bad answers: 0$' "$T/fuzz"
grep -v '^\(bad answers\|asked\)' "$T/fuzz" | head -n 5
check_eq "PID 1 alive" 0 "$(kill -0 "$PID1" 2>/dev/null; echo $?)"
check_eq "service untouched (same pid)" "$before" "$(pid1_ctl status web | cut -d' ' -f1-3)"
check_eq "no shutdown from garbage" 0 "$(pid1_count shutdown)"
pid1_stop TERM
check_eq "clean shutdown after the fuzzing" 129 "$RC"
