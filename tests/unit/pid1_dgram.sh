#!/bin/bash
# The jail's datagram sockets: /dev/log takes what glibc's syslog(3)
# (busybox logger), musl's (dgsend -s) and raw sends write, each message
# logged as the service's own lines without its <PRI> and RFC 3164
# header, split at newlines, control characters as spaces, cut at a NUL
# and at the buffer; a new socket at each restart, drained before the
# exit line; `ready notify` is ready at READY=1 (its dependent starts
# after), and stays `running` on near misses; `log none` has no /dev/log;
# a flood goes through the service's rate limit, every message counted.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
[ -x "$TESTBIN/bin/dgsend" ] || { skip "no $TESTBIN/bin/dgsend (make test-bins)"; exit 0; }
pid1_build dgram dgram.services || exit 0
pid1_tree "$T/root"
j="$T/root/srv/jail"
mkdir -p "$j/bin" "$j/proc" "$j/dev" "$j/tmp"
cp /bin/busybox "$TESTBIN/bin/dgsend" "$j/bin/"
for a in sh sleep echo logger seq; do ln -s busybox "$j/bin/$a"; done
cat >"$j/bin/sl.sh" <<'SH'
[ -S /dev/log ] && echo "has /dev/log (socket)"
[ -e /dev/notify ] || echo "no /dev/notify"
logger -t gl 'glibc style'
dgsend -s ml 'musl style'
dgsend -s '' 'no ident'
dgsend /dev/log 'plain text' '<13>pri only' '<abc>x' \
	'<13>Dec  3 16:00:00 myhost tag: with host' \
	'<13>Dec  3 16:00:00 hello world' \
	'<30>Dec  3 16:00:00 nl[7]: one\ntwo\n\n' \
	'ctl\e[31mred\tx' 'before\0after' '@3000' \
	'<13>Dec  3 16:00:00 last: done'
exec sleep 1000
SH

pid1_start "$T/root"
check_wait "syslog: the last message" '^sl: last: done$'
while read -r what ere; do
	check_grep "syslog: $what" "$ere" "$T/log"
done <<'EOF2'
a_socket_in_the_jail ^sl: has /dev/log \(socket\)$
no_notify_socket_without_ready_notify ^sl: no /dev/notify$
glibc_syslog(3) ^sl: gl: glibc style$
musl_syslog(3)_with_LOG_PID ^sl: ml\[[0-9]+\]: musl style$
musl_syslog(3)_without_openlog ^sl: no ident$
no_header ^sl: plain text$
only_<PRI> ^sl: pri only$
not_a_<PRI> ^sl: <abc>x$
a_hostname_left_out ^sl: tag: with host$
no_tag:_no_hostname_taken ^sl: hello world$
embedded_newline ^sl: nl\[7\]: one$
...the_next_line ^sl: two$
control_characters_as_spaces ^sl: ctl \[31mred x$
a_NUL_ends_the_message ^sl: before$
oversize:_cut_at_the_line_size ^sl: a{507}$
EOF2
check_eq "syslog: empty lines and what follows a NUL left out" 0 "$(grep -cE '^sl: ?$|after' "$T/log")"
n=$(grep -c '^sl: ' "$T/log")
check_eq "syslog: one line each (and two for the newline)" 16 "$n"
check_grep "ctl log: syslog lines in the ring" '^gl: glibc style$' <(pid1_ctl log sl)

check_wait "restart: given up after 3 runs" '^corral: rs: failed$'
seq=$(grep -E '^(corral: )?rs: ' "$T/log" | sed -E 's/pid [0-9]+/pid P/' | tr '\n' '|')
exp="corral: rs: started pid P|rs: rs: again|corral: rs: exited status 1|"
check_eq "restart: a new /dev/log each run, drained before the exit line" \
	"$exp$exp$exp" "${seq%corral: rs: failed|}"

check_wait "ready notify: NOTIFY_SOCKET set" '^nt: sending /dev/notify$'
check_wait "ready notify: the dependent starts" '^corral: dep: started pid'
check_order "ready notify: the dependent starts only after READY=1" \
	'^nt: sending' '^corral: dep: started'
check_grep "ready notify: ready in status" '^nt ready ' <(pid1_ctl status nt)
check_wait "ready notify: near misses sent" '^silent: sent$'
sleep 0.5
check_grep "ready notify: no READY=1 line, still running" '^silent running ' <(pid1_ctl status silent)
check_wait "log none: no /dev/log" '^nolog: no /dev/log$'
check_wait "flood: 1000 messages sent" '^fl: flooded$'
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
n=$(pid1_count '^fl: [0-9]+$')
d=$(awk '/^corral: fl: dropped [0-9]+ log lines$/ { d += $4 } END { print d + 0 }' "$T/log")
rate=$(sed -n 's/^#define CFG_LOG_RATE //p' "$O/gen/config.h")
if [ "$n" -ge "$rate" ] && [ "$((n + d))" = 1000 ]; then
	pass "flood: $n logged, $d dropped and counted by the rate limit"
else
	fail "flood: $n logged and $d dropped of 1000 (rate $rate/s)"
fi
