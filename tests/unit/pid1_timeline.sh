#!/bin/bash
# `corral ctl timeline` (README "Boot timeline"): one line per service in
# table order, then the up line, in the documented fixed format; times
# in us after PID 1 started, ordered setup <= exec <= ready, a oneshot's
# exit after its exec, every `after` dependency ready (a oneshot:
# exited) before its dependent's setup began, and the up moment after
# every ready; `-` for what did not happen. The up line's own T (ms)
# agrees with the timeline's up moment.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
pid1_build timeline timeline.services || exit 0
pid1_tree "$T/root"
s="$T/root/srv/web"
mkdir -p "$s/bin" "$s/proc" "$s/dev" "$s/tmp"
cp /bin/busybox "$s/bin/" && ln -s busybox "$s/bin/sleep"
pid1_start "$T/root"
check_wait "boot: up line" '^corral: up: 3 services in [0-9]+ ms, 1 not started$'
pid1_ctl timeline >"$T/tl"
check_eq "ctl timeline exits 0" 0 "$?"
check_eq "one line per service, in table order, then up" \
	"prep db web free never gone up" \
	"$(awk '{ print $1 == "timeline" ? ($2 == "svc" ? $3 : $2) : "BAD:" $0 }' "$T/tl" | paste -sd' ')"
t='([0-9]+|-)'
check_eq "every line in the fixed format" 0 \
	"$(grep -cvE "^timeline (svc [a-z]+ (daemon|oneshot) $t $t $t $t ([a-z,]+|-)|up $t)\$" "$T/tl")"
check_grep "AFTER column: the dependencies" '^timeline svc web daemon [0-9]+ [0-9]+ [0-9]+ - db,prep$' "$T/tl"
check_grep "a oneshot: no ready, an exit" '^timeline svc prep oneshot [0-9]+ [0-9]+ - [0-9]+ -$' "$T/tl"
check_grep "a service that never started: all -" '^timeline svc never daemon - - - - gone$' "$T/tl"
check_grep "a failed oneshot: exit stamped" '^timeline svc gone oneshot [0-9]+ [0-9]+ - [0-9]+ -$' "$T/tl"
# The orderings, each checked on its own line so a failure names it.
awk '
function v(x) { return x == "-" ? -1 : x + 0 }
function chk(n, what, ok, a, b) { print n "|" what "|" (ok ? "ok" : "BAD " a " " b) }
$2 == "svc" { n = $3; set[n] = v($5); ex[n] = v($6); rd[n] = v($7); xt[n] = v($8)
	one[n] = $4 == "oneshot"; dep[n] = $9 }
$2 == "up" { up = v($3) }
END {
	for (n in set) {
		if (set[n] < 0) continue
		chk(n, "setup <= exec", set[n] <= ex[n], set[n], ex[n])
		if (one[n])
			chk(n, "exec <= exit", ex[n] <= xt[n], ex[n], xt[n])
		else {
			chk(n, "exec <= ready", ex[n] <= rd[n], ex[n], rd[n])
			chk(n, "ready <= up", rd[n] >= 0 && rd[n] <= up, rd[n], up)
		}
		k = split(dep[n] == "-" ? "" : dep[n], d, ",")
		for (j = 1; j <= k; j++) {
			t = one[d[j]] ? xt[d[j]] : rd[d[j]]
			chk(n, "after " d[j] " done before setup", t >= 0 && t <= set[n], t, set[n])
		}
	}
}' "$T/tl" | sort >"$T/ord"
check_eq "orderings checked" 16 "$(wc -l <"$T/ord")"
while IFS="|" read -r n what res; do
	check_eq "$n: $what" ok "$res"
done <"$T/ord"
# Real delays show: prep sleeps 0.1 s, db 0.2 s before it is ready.
prep=$(awk '$3 == "prep" { print $8 - $6 }' "$T/tl")
db=$(awk '$3 == "db" { print $7 - $6 }' "$T/tl")
check_eq "prep's exit about 0.1 s after its exec" 1 "$(awk -v d="$prep" 'BEGIN { print (d >= 90000 && d < 2000000) }')"
check_eq "db's ready about 0.2 s after its exec" 1 "$(awk -v d="$db" 'BEGIN { print (d >= 190000 && d < 2000000) }')"
own=$(sed -nE 's/^corral: up: .* in ([0-9]+) ms.*/\1/p' "$T/log")
up=$(awk '$2 == "up" { print $3 }' "$T/tl")
check_eq "the up moment is the up line's T" 1 "$(awk -v u="$up" -v o="$own" 'BEGIN { d = u / 1000 - o; print (d > -2 && d < 2) }')"
pid1_ctl timeline x >/dev/null 2>"$T/err"
check_eq "ctl timeline NAME: usage error" 2 "$?"
# A restart later does not move the boot's stamps.
sed -n 's/^timeline svc free //p' "$T/tl" >"$T/free1"
pid1_ctl restart free
pid1_wait_count '^corral: free: started' 2
sleep 0.2
check_eq "a restart keeps the boot's setup, exec and ready stamps" \
	"$(cut -d' ' -f1-4 "$T/free1")" "$(pid1_ctl timeline | sed -n 's/^timeline svc free //p' | cut -d' ' -f1-4)"
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
