#!/bin/bash
# Failed dependencies (SPEC 8): a oneshot that exits non-zero, one whose
# sandbox cannot be set up, and a service that gives up after its crash
# loop each leave their dependents waiting with one line each; `ctl
# start` of such a dependent says why and exits 1; once nothing can move
# the up line counts what did not start. Also the LAST column of `ctl
# status` and corral's own lines in `ctl log`.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
pid1_setup
pid1_build deps deps.services || exit 0
pid1_tree "$T/root"
pid1_start "$T/root"
check_wait "nothing can move: the up line says how many did not start" \
	'^corral: up: 1 services in [0-9]+ ms, 5 not started$'
sleep 0.3 # more waiting lines, or a second up line, would show by now
for w in web:setup client:flaky behind:jail; do
	check_eq "${w%:*} waits for ${w#*:}: said once" 1 \
		"$(pid1_count "^corral: ${w%:*}: waiting for ${w#*:}, which failed\$")"
done
check_eq "app waits for web, which did not fail: no line" 0 "$(pid1_count '^corral: app: waiting')"
check_eq "one up line" 1 "$(pid1_count '^corral: up:')"
check_eq "the dependents never started" 0 "$(pid1_count '^corral: (web|app|client|behind): started')"

st=$(pid1_ctl status)
check_grep "LAST: exit status of a failed oneshot" '^setup exited - 0 - - 2$' <(echo "$st")
check_grep "LAST: sandbox" '^jail exited - 0 - - sandbox$' <(echo "$st")
check_grep "LAST: a signal" '^killed exited - 0 - - sig9$' <(echo "$st")
check_grep "LAST: crash loop's last exit" '^flaky failed - 1 - - 1$' <(echo "$st")
check_grep "LAST: none yet" '^web waiting - 0 - - -$' <(echo "$st")
check_grep "LAST: running, none yet" '^ok ready [0-9]+ 0 [0-9]+s [0-9K-]+ -$' <(echo "$st")

err=$(pid1_ctl start web 2>&1)
check_eq "ctl start behind a failed dependency: exit 1" 1 "$?"
check_eq "ctl start says why" "corral ctl: waiting for setup, which failed" "$err"
check_grep "ctl start: still waiting" '^web waiting ' <(pid1_ctl status web)
pid1_ctl start app 2>/dev/null
check_eq "ctl start behind a waiting dependency: accepted" 0 "$?"

log=$(pid1_ctl log jail)
check_grep "ctl log: the sandbox error of a service that never ran" \
	'^corral: jail: sandbox: root /srv/no-such-root: No such file or directory$' <(echo "$log")
check_grep "ctl log: its exit" '^corral: jail: exited status 125$' <(echo "$log")
check_eq "ctl log: corral's lines and the output, in order" \
	"corral: setup: started pid P|setting up|corral: setup: exited status 2" \
	"$(pid1_ctl log setup | sed 's/pid [0-9]*$/pid P/' | paste -sd'|')"
check_eq "ctl log: the waiting line" "corral: web: waiting for setup, which failed" "$(pid1_ctl log web)"
check_grep "ctl log: the crash loop's end" '^corral: flaky: failed$' <(pid1_ctl log flaky)
pid1_stop TERM
check_eq "shutdown" 129 "$RC"
