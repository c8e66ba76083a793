#!/bin/bash
# `user root` with `caps setuid setgid` (SPEC 8): a classic daemon drops
# its own privileges as dnsmasq -u and chronyd -u do (tests/sandbox/
# dropuid.c): PR_SET_KEEPCAPS, setgroups, setgid, setuid to nobody,
# capset keeping net_bind_service. Locked securebits made that fail
# (dnsmasq: "setting capabilities failed", chronyd: "prctl() failed"),
# and a plain setuid kept every capability. The reaper still passes
# signals on to the service under its new uid. Then real dnsmasq -u,
# when installed, answering a query on its veth.
. "$SRC/tests/lib.sh"
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "privilege drop"
D=$TESTBIN/bin/dropuid
[ -x "$D" ] || { fail "dropuid not built"; exit 0; }
scratch
r=$T/root
sbx_root "$r"
cp "$D" "$r/bin/dropuid"
caps=setuid,setgid,net_bind_service
root=(--root "$r" --user 0:0 --caps "$caps")

# term PID WHAT STATUS: SIGTERM to a corral run, which must end within
# 3 s with STATUS.
term() {
	kill -TERM "$1"
	for _ in $(seq 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
	if kill -0 "$1" 2>/dev/null; then
		fail "$2 (still running after 3 s)"
		kill -KILL "$1"
		wait "$1"
		return
	fi
	wait "$1"
	check_eq "$2" "$3" "$?"
}

run_sbx "$T/keep" "${root[@]}" -- /bin/dropuid keep
check_eq "keep: exit 0" 0 "$RC"
check_eq "keep: every step of the drop works, no way back to uid 0" \
	"keepcaps ok|setgroups ok|setgid ok|setuid ok|capset ok|ids 65534 65534 65534 65534 groups 0|caps eff=400 perm=400 inh=0|socket ok|bind80 ok|setuid0 Operation not permitted" \
	"$(paste -sd '|' "$T/keep")"

run_sbx "$T/plain" "${root[@]}" -- /bin/dropuid plain
check_grep "plain setuid: the classic fixup clears every capability" '^caps eff=0 perm=0 ' "$T/plain"
check_grep "plain setuid: port 80 refused afterwards" '^bind80 Permission denied$' "$T/plain"
check_grep "plain setuid: no way back to uid 0" '^setuid0 Operation not permitted$' "$T/plain"

# NOROOT and the fixup's bit locked (0x2 0x8), NOROOT set (0x1):
# KEEP_CAPS (0x10) settable, NO_SETUID_FIXUP (0x4) off.
run_sbx "$T/bits" "${root[@]}" -- /bin/dropuid bits
check_eq "uid 0: securebits noroot, noroot_locked, no_setuid_fixup_locked" "securebits b" "$(cat "$T/bits")"
run_sbx "$T/bits" --root "$r" --user 1000:1000 --caps net_bind_service -- /bin/dropuid bits
check_eq "other uids: every bit set and locked as before" "securebits 2f" "$(cat "$T/bits")"
run_sbx "$T/nk" --root "$r" --user 1000:1000 --caps setuid,setgid -- /bin/dropuid keep
check_eq "other uids: KEEP_CAPS stays locked" "keepcaps Operation not permitted" "$(head -n 1 "$T/nk")"

# SIGTERM to corral run reaches the service under its new uid (the
# reaper keeps CAP_KILL for a service that keeps setuid).
"$CORRAL" run "${root[@]}" -- /bin/dropuid plain wait >"$T/w" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q waiting "$T/w" && break; sleep 0.05; done
term "$pid" "SIGTERM reaches the service after its setuid: 128+15" 143

# Real dnsmasq -u nobody, its ELF closure copied as mkroot.sh does.
if ! [ -x /usr/sbin/dnsmasq ] || ! command -v dig >/dev/null; then
	skip "dnsmasq -u (apt-get install dnsmasq-base bind9-dnsutils)"
	exit 0
fi
printf '%s\n' "svc	dns	/srv/dns	test.services	1" "runas	dns	0	0" \
	"exec	dns	/usr/sbin/dnsmasq" "file	dns	/usr/sbin/dnsmasq" >"$T/manifest"
if ! ROOTFS=$T/img MANIFEST=$T/manifest CORRAL=$CORRAL ELFDEPS=$O/host/elfdeps \
	TOYBOX='' APPLETS='' bash "$SRC/rootfs-skel/mkroot.sh" >"$T/mk" 2>&1; then
	fail "dnsmasq subtree: $(cat "$T/mk")"
	exit 0
fi
"$CORRAL" run --root "$T/img/srv/dns" --user root \
	--caps setuid,setgid,net_bind_service --net veth:10.99.70.2/24:gw:10.99.70.1 -- \
	/usr/sbin/dnsmasq -k -u nobody -g nogroup -C /dev/null --pid-file= \
	--no-resolv --no-hosts --listen-address=10.99.70.2 --bind-interfaces \
	--address=/test.corral/10.1.2.3 --log-facility=- >"$T/dns" 2>&1 &
pid=$!
ans=
for _ in $(seq 40); do
	ans=$(dig +short +time=1 +tries=1 @10.99.70.2 test.corral 2>/dev/null) && [ -n "$ans" ] && break
	sleep 0.1
done
check_eq "dnsmasq -u nobody answers on its veth" 10.1.2.3 "$ans"
d=$(pgrep -P "$(pgrep -P "$pid" || echo 0)" dnsmasq)
check_eq "dnsmasq runs as nobody, no capability left" "65534 0000000000000000" \
	"$(awk '/^Uid:/ { u = $2 } /^CapEff:/ { c = $2 } END { print u, c }' "/proc/$d/status" 2>/dev/null)"
term "$pid" "dnsmasq stops on SIGTERM, passed on by the reaper: exits 0" 0
check_eq "no capability error" "" "$(grep -i 'capabilit\|FAILED' "$T/dns")"
