#!/bin/bash
# `corral table` prints the compiled-in table as a services file; svcc of
# that output must give the same table (file/line aside). init/table*.c are
# plain C over lib/out.c, so it is also built for the host here and run
# against tables compiled from test files; the real $CORRAL is checked
# against the same printer when it has been built.
. "$SRC/tests/lib.sh"
scratch
HOSTCC=${HOSTCC:-cc}
use_svcc
cat >"$T/main.c" <<'EOF'
int table_main(int argc, char **argv);
int main(int argc, char **argv) { return table_main(argc, argv); }
EOF

# printer NAME TABLE.c: a host `corral table` for that table
printer() {
	$HOSTCC -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Werror \
		-I"$SRC/lib" -I"$SRC/init" -I"$SRC" -o "$T/$1" "$SRC/init/table.c" \
		"$SRC/init/table_out.c" "$SRC/init/table_fn.c" "$SRC/lib/out.c" \
		"$SRC/lib/names.c" "$T/main.c" "$2"
}

# The table without what depends on the file's layout.
strip() { grep -v -e '^/\*' -e '\.file = ' -e '\.line = ' "$1"; }

# trip NAME [SVCC ARGS] < services: compile, print, recompile, compare
trip() {
	local n=$1
	shift
	cat >"$T/$n.services"
	if ! "$SVCC" "$@" -o "$T/$n.c" -m "$T/$n.man" "$T/$n.services" 2>"$T/err" ||
		! printer "$n" "$T/$n.c" 2>>"$T/err"; then
		fail "$n: build: $(head -5 "$T/err")"
		return
	fi
	"$T/$n" >"$T/$n.out" || { fail "$n: printer exited $?"; return; }
	if ! "$SVCC" "$@" -o "$T/$n.2.c" -m "$T/$n.2.man" "$T/$n.out" 2>"$T/err"; then
		fail "$n: svcc rejects the printed table: $(cat "$T/err")"
		return
	fi
	if diff -u <(strip "$T/$n.c") <(strip "$T/$n.2.c") >"$T/diff"; then
		pass "$n: round trip gives the same table"
	else
		fail "$n: round trip differs: $(head -20 "$T/diff")"
	fi
	printer "$n.2" "$T/$n.2.c" && "$T/$n.2" >"$T/$n.2.out"
	if diff <(grep -v '^#' "$T/$n.out") <(grep -v '^#' "$T/$n.2.out") >/dev/null; then
		pass "$n: printing is stable"
	else
		fail "$n: printing the reparsed table differs"
	fi
}

mkdir -p "$T/root/usr/bin" "$T/root/www"
touch "$T/root/usr/bin/httpd"
printf 'www:x:80:81::/:/bin/false\n' >"$T/passwd"
echo conf >"$T/web.conf" # files SRC:DST: next to the services file
printf 'www:x:81:\nwheel:x:10:www\n' >"$T/group"

trip all --sysroot "$T/root" --passwd "$T/passwd" --group "$T/group" <<'EOF'
hostname router
module veth nf_nat
mount /dev/vda /var/lib/corral ext4 noatime,nodev,errors=remount-ro,rw
mount tmpfs "/mnt/a b" tmpfs ro,nosuid,noexec,sync,dirsync,nosymfollow,nodiratime,relatime,strictatime,lazytime,silent,size=1M
mount /srv/data /data none bind,rec
mount proc /mnt/proc proc
bridge br-lan 192.168.50.1/24 ports eth1 "eth2.5"
bridge br0
bridge br1 ports eth3
bridge br2 10.1.0.1/16
service web /usr/bin/httpd -f "a b" 'q' "x\"y" \\z "" "#h" "tab\there" "nl\nx" "?\?=" a#b
    root /srv/www-root
    isolate mount pid net uts ipc cgroup user time
    user www:www,wheel,100
    caps net_bind_service sys_admin checkpoint_restore chown
    seccomp none
    memory 16M
    pids 32
    cpus 0-1,3
    cpu 150%
    net veth 10.0.0.2/24 gw 10.0.0.1
    state /var/db
    tmpfs /tmp 4M
    tmpfs /run
    bind /dev/log /dev/log rw
    bind "/etc/my ssl" /etc/ssl
    env A=1 "B=two words"
    env EMPTY=
    hostname webhost
    rlimit nofile 1024 4096
    rlimit core unlimited
    rlimit stack 8M infinity
    files /usr/bin/httpd /www
    files web.conf:/etc/web.conf
    applets sh ls cat
    after db
    ready fd 3
    restart on-failure
    backoff 250ms 2m
    crashloop 3 in 90s
    critical
    stop-timeout 1h
    console
service db /bin/db
    user 1000
    net host
    pids max
    memory 1048577
    readonly no
    backoff 1500ms 61s
service mq /usr/sbin/mosquitto
    ready notify
    log none
service mq2 /usr/sbin/mosquitto
    env NOTIFY_SOCKET=/dev/notify
    ready notify
service nm /sbin/nm
    isolate none
    log none
    user root:root
    caps net_admin net_raw
    memory 1G
service once /bin/true
    oneshot
    restart on-failure
    after nm db
    isolate mount pid uts
    seccomp allow vsock uevent ptrace io_uring_setup
service ntp /bin/ntp
    caps sys_time net_bind_service
    seccomp allow clock
service ntp2 /bin/ntp
    caps sys_time sys_boot
    seccomp allow clock_settime clock_adjtime settimeofday adjtimex reboot kexec_load kexec_file_load
service ntp3 /bin/ntp
    caps sys_time
    seccomp none
service shot /bin/true
    oneshot
    isolate mount
    net host
service lan /bin/lan
    net bridge br-lan 192.168.50.2/24 gw 192.168.50.1
service lan2 /bin/lan
    net bridge br0 10.2.0.2/24
service wan /bin/wan
    net dev eth0
service wan2 /bin/wan
    net dev eth4 10.3.0.2/24 gw 10.3.0.1
service wan3 /bin/wan
    net dev eth5 10.4.0.2/8
EOF
# ready notify, log none (once: isolate none has no /dev/log to leave out)
check_grep "ready notify printed" '^    ready notify$' "$T/all.out"
check_eq "log none printed where it says something" 1 "$(grep -c '^    log none$' "$T/all.out")"

board=${BOARD_DIR:-$SRC/board/qemu-x86_64}
if [ -f "$board/services" ]; then
	args=()
	[ -f "$board/passwd" ] && args+=(--passwd "$board/passwd")
	[ -f "$board/group" ] && args+=(--group "$board/group")
	trip board "${args[@]}" <"$board/services"
else
	skip "board services round trip (no $board/services)"
fi

# The real binary prints exactly what the host build of table.c prints.
if [ -x "${CORRAL:-}" ] && [ -f "$O/gen/table.c" ]; then
	printer gen "$O/gen/table.c" && "$T/gen" >"$T/gen.out"
	"$CORRAL" table >"$T/corral.out" 2>"$T/err"
	rc=$?
	check_eq "corral table exits 0" 0 "$rc"
	if cmp -s "$T/gen.out" "$T/corral.out"; then
		pass "corral table prints the compiled-in table"
	else
		fail "corral table output differs: $(diff "$T/gen.out" "$T/corral.out" | head -10)"
	fi
else
	skip "corral table on the real binary (no \$CORRAL or \$O/gen/table.c yet)"
fi
