#!/bin/bash
# make qemu-timeline: boot the board (the default one unless BOARD=) in
# QEMU with its own services plus tests/bench/timeline.services, a
# oneshot that prints `corral ctl timeline` on the console once the
# board is up and powers off; draw the lines found in the serial log
# with tests/bench/timeline.py into $O/timeline.svg (and a PNG beside
# it when rsvg-convert is there). The image is built in $O/qemu-timeline
# so the board's own image stays as it was.
set -u
: "${SRC:?}" "${O:?}" "${BOARD_DIR:?}"
py=/usr/bin/python3
w=$O/qemu-timeline
svg=$O/timeline.svg
mkdir -p "$w"
cat "$BOARD_DIR/services" "$SRC/tests/bench/timeline.services" >"$w/services.new"
cmp -s "$w/services.new" "$w/services" || mv "$w/services.new" "$w/services"
rm -f "$w/services.new"
echo "qemu-timeline: building $BOARD_DIR with the timeline oneshot in $w/out"
if ! env -u CC make -C "$SRC" --no-print-directory NO_DEPS=1 BOARD="$BOARD_DIR" \
	SERVICES="$w/services" O="$w/out" all >"$w/build.log" 2>&1; then
	echo "qemu-timeline: build failed (log $w/build.log):" >&2
	tail -n 5 "$w/build.log" >&2
	exit 1
fi
log=$w/serial.log
echo "qemu-timeline: booting (TCG; serial log $log)"
# No port forward (the default board's WEB_PORT): `make qemu` may hold it.
WEB_PORT=${WEB_PORT:-none} "$w/out/run-qemu.sh" >"$log" 2>&1 </dev/null &
pid=$!
end=$((SECONDS + ${TIMELINE_TIMEOUT:-180}))
while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $end ]; do sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then
	kill "$pid"
	wait "$pid" 2>/dev/null
	echo "qemu-timeline: no poweroff within ${TIMELINE_TIMEOUT:-180} s; the guest said:" >&2
	tail -n 15 "$log" | tr -d '\r' >&2
	exit 1
fi
wait "$pid"
grep -a '^timeline ' "$log" | tr -d '\r' >"$O/timeline.txt"
if ! "$py" "$SRC/tests/bench/timeline.py" -t "corral boot timeline: ${BOARD_DIR##*/} under QEMU (TCG)" \
	"$log" -o "$svg"; then
	echo "qemu-timeline: the serial log $log has no timeline" >&2
	exit 1
fi
if command -v rsvg-convert >/dev/null; then
	rsvg-convert "$svg" -o "${svg%.svg}.png" || exit 1
fi
echo "qemu-timeline: $(grep -c '^timeline svc' "$O/timeline.txt") services; lines in $O/timeline.txt, chart $svg"
