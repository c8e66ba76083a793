#!/bin/bash
# svcc error corpus: every bad services file must fail with exit status 1,
# print exactly one "FILE:LINE: message" line on stderr, and write no
# output. The messages are part of the interface (SPEC 4): change them
# here and in rootfs-skel/svcc together.
. "$SRC/tests/lib.sh"
scratch
use_svcc
mkdir -p "$T/root/bin" && touch "$T/root/bin/ok"

# e 'EXPECTED' [SVCC ARGS...] < services
e() {
	local want=$1 rc
	shift
	cat >"$T/services"
	rm -f "$T/out.c" "$T/man"
	(cd "$T" && "$SVCC" --sysroot "$T/root" "$@" -o out.c -m man \
		services) 2>"$T/err" >/dev/null
	rc=$?
	if [ "$rc" = 1 ] && [ "$(cat "$T/err")" = "$want" ] &&
		[ ! -e "$T/out.c" ] && [ ! -e "$T/man" ]; then
		pass "$want"
	else
		fail "$want (exit $rc, stderr '$(cat "$T/err")')"
	fi
}

# ---- lexer ----
e 'services:1: unterminated quote' <<'EOF'
service a /bin/a "oops
EOF
e 'services:2: unterminated quote' <<'EOF'
service a /bin/a
    env "A=1
EOF
# shellcheck disable=SC1003 # a backslash, then the end of the file
printf 'service a /bin/a \\' | e 'services:1: backslash at end of file'
printf 'service a /bin/a\n\0\n' | e 'services:1: file contains a NUL byte'

# ---- structure ----
e "services:2: option 'memory' outside a service" <<'EOF'
# comment
    memory 1M
EOF
e "services:3: option 'pids' outside a service" <<'EOF'
service a /bin/a
hostname h
    pids 3
EOF
e "services:1: unknown keyword 'servce' (did you mean 'service'?)" <<'EOF'
servce a /bin/a
EOF
e "services:1: unknown keyword 'frobnicate'" <<'EOF'
frobnicate
EOF
e "services:2: option 'memory' must be indented under a service" <<'EOF'
service a /bin/a
memory 1M
EOF
e "services:2: 'service' must not be indented" <<'EOF'
service a /bin/a
    service b /bin/b
EOF
e "services:2: unknown option 'memroy' (did you mean 'memory'?)" <<'EOF'
service a /bin/a
    memroy 16M
EOF
e "services:2: unknown option 'stoptimeout' (did you mean 'stop-timeout'?)" <<'EOF'
service a /bin/a
    stoptimeout 1s
EOF
e "services:2: unknown option 'xyzzy'" <<'EOF'
service a /bin/a
    xyzzy 1
EOF
e "services:1: 'service' takes at least 2 arguments, got 1" <<'EOF'
service a
EOF
e "services:1: 'hostname' takes 1 argument, got 0" <<'EOF'
hostname
EOF
e "services:1: 'hostname' takes 1 argument, got 2" <<'EOF'
hostname a b
EOF
e "services:2: 'oneshot' takes no arguments, got 1" <<'EOF'
service a /bin/a
    oneshot now
EOF
e "services:2: 'memory' takes 1 argument, got 0" <<'EOF'
service a /bin/a
    memory
EOF
e "services:2: 'bind' takes at least 2 arguments, got 1" <<'EOF'
service a /bin/a
    bind /a
EOF
e "services:2: 'bind' takes at most 3 arguments, got 4" <<'EOF'
service a /bin/a
    bind /a /b ro x
EOF
e "services:3: duplicate service 'a' (first on line 1)" <<'EOF'
service a /bin/a

service a /bin/b
EOF
e "services:3: duplicate option 'memory' (first on line 2)" <<'EOF'
service a /bin/a
    memory 1M
    memory 2M
EOF
e "services:2: duplicate 'hostname' (first on line 1)" <<'EOF'
hostname a
hostname b
EOF
e "services:2: duplicate module 'veth'" <<'EOF'
module veth tun
module veth
EOF
e "services:1: 'mount' takes at least 3 arguments, got 2" <<'EOF'
mount /dev/vda /data
EOF
e "services:1: 'mount' takes at most 4 arguments, got 5" <<'EOF'
mount /dev/vda /data ext4 ro noatime
EOF
e "services:1: bad value 'data' for 'mount' (must be absolute)" <<'EOF'
mount /dev/vda data ext4
EOF
e "services:1: bad file system type 'ext 4'" <<'EOF'
mount /dev/vda /data "ext 4"
EOF
e "services:1: bad value '' for 'mount' (an empty option)" <<'EOF'
mount /dev/vda /data ext4 ro,,noatime
EOF
e "services:3: duplicate mount on /data (first on line 1)" <<'EOF'
mount /dev/vda /data ext4
mount tmpfs /tmp tmpfs
mount /dev/vdb /data ext4
EOF
# ---- top-level bridges ----
e "services:1: 'bridge' takes at least 1 argument, got 0" <<'EOF'
bridge
EOF
e "services:1: bad value 'br lan' for 'bridge' (want an interface name: 1 to 15 letters, digits, '.', '_' or '-')" <<'EOF'
bridge "br lan"
EOF
e "services:1: bad value '192.168.1.1' for 'bridge' (want ADDR/PREFIX, e.g. 10.0.0.2/24)" <<'EOF'
bridge br0 192.168.1.1 ports eth1
EOF
e "services:1: expected 'ports IF...' after the address, got 'eth1'" <<'EOF'
bridge br0 192.168.1.1/24 eth1
EOF
e "services:1: bad value 'port' for 'bridge' (want ADDR/PREFIX, e.g. 10.0.0.2/24)" <<'EOF'
bridge br0 port eth1
EOF
e "services:1: 'ports' needs at least one interface" <<'EOF'
bridge br0 192.168.1.1/24 ports
EOF
e "services:1: bad value 'eth/1' for 'bridge' (want an interface name: 1 to 15 letters, digits, '.', '_' or '-')" <<'EOF'
bridge br0 ports eth0 eth/1
EOF
e "services:2: duplicate bridge 'br0' (first on line 1)" <<'EOF'
bridge br0
bridge br0 ports eth1
EOF
e "services:2: port 'eth1' is already on bridge 'br0' (line 1)" <<'EOF'
bridge br0 ports eth1
bridge br1 ports eth2 eth1
EOF
e "services:1: port 'eth1' is already on bridge 'br0' (line 1)" <<'EOF'
bridge br0 ports eth1 eth1
EOF
e "services:2: 'br0' is a bridge, not a port of 'br1'" <<'EOF'
bridge br0
bridge br1 ports br0
EOF
e "services:2: 'eth1' is a port of bridge 'br0' (line 1)" <<'EOF'
bridge br0 ports eth1
bridge eth1
EOF
e "services:3: 'net bridge br-lna': no such bridge (a top-level 'bridge br-lna' line makes one)" <<'EOF'
bridge br-lan 192.168.1.1/24
service a /bin/a
    net bridge br-lna 192.168.1.2/24
EOF
e "services:3: 'net dev eth1': eth1 is a port of bridge 'br-lan' (line 1)" <<'EOF'
bridge br-lan ports eth1
service a /bin/a
    net dev eth1
EOF
e "services:3: 'net dev br-lan': br-lan is the bridge 'br-lan' (line 1)" <<'EOF'
bridge br-lan ports eth1
service a /bin/a
    net dev br-lan
EOF
e "services:4: 'net dev eth0': already service 'a''s (line 2)" <<'EOF'
service a /bin/a
    net dev eth0
service b /bin/b
    net dev eth0 10.0.0.2/24
EOF
e "services:5: 'net veth': 'gateway-router-b' and 'gateway-router-a' (line 3) would share host interface 'c-gateway-route' (names must differ in their first 13 characters)" <<'EOF'
bridge br0
service gateway-router-a /bin/a
    net veth 10.0.0.2/24
service gateway-router-b /bin/b
    net bridge br0 10.0.1.2/24
EOF
e "services:3: too many services (max 2)" --max-services 2 <<'EOF'
service a /bin/a
service b /bin/b
service c /bin/c
EOF
e "services:1: bad service name 'a b'" <<'EOF'
service "a b" /bin/a
EOF
e "services:1: bad service name 'abcdefghijklmnopqrstuvwxyz123'" <<'EOF'
service abcdefghijklmnopqrstuvwxyz123 /bin/a
EOF
e "services:1: bad value 'bin/a' for 'service' (must be absolute)" <<'EOF'
service a bin/a
EOF
e "services:2: bad value '/srv/../etc' for 'root' (contains '..')" <<'EOF'
service a /bin/a
    root /srv/../etc
EOF
e "services:2: bad value '/srv/..' for 'root' (contains '..')" <<'EOF'
service a /bin/a
    root /srv/..
EOF
e "services:2: bad value '/a\\tb' for 'root' (contains a tab or newline)" <<'EOF'
service a /bin/a
    root "/a\tb"
EOF

# ---- values ----
# v 'EXPECTED MESSAGE' 'OPTION LINE': the option alone in a service.
v() {
	printf 'service a /bin/a\n    %s\n' "$2" | e "services:2: $1"
}
v "bad value '16X' for 'memory' (unit must be K, M or G)" 'memory 16X'
v "bad value '16KB' for 'memory' (unit must be K, M or G)" 'memory 16KB'
v "bad value 'lots' for 'memory' (not a number)" 'memory lots'
v "bad value '0' for 'memory' (use max for no limit)" 'memory 0'
v "bad value '0K' for 'memory' (use max for no limit)" 'memory 0K'
v "bad value '1' for 'memory' (below 1M, too small to start a process)" 'memory 1'
v "bad value '1023K' for 'memory' (below 1M, too small to start a process)" 'memory 1023K'
v "bad value '99999999999G' for 'memory' (too large)" 'memory 99999999999G'
v "bad value '99999999999999999999' for 'memory' (too large)" 'memory 99999999999999999999'
v "bad value '12a' for 'pids' (not a number)" 'pids 12a'
v "bad value '-1' for 'pids' (not a number)" 'pids -1'
v "bad value '4294967296' for 'pids' (too large)" 'pids 4294967296'
v "bad value '0' for 'pids' (use max for no limit)" 'pids 0'
v "bad value '100' for 'backoff' (needs a unit: ms, s, m or h)" 'backoff 100 30s'
v "bad value '30x' for 'backoff' (unit must be ms, s, m or h)" 'backoff 100ms 30x'
v "bad value 'soon' for 'stop-timeout' (not a number)" 'stop-timeout soon'
v "bad value '5000000h' for 'stop-timeout' (too large)" 'stop-timeout 5000000h'
v "backoff minimum '30s' is above maximum '100ms'" 'backoff 30s 100ms'
v "bad value '0ms' for 'backoff' (must be above 0)" 'backoff 0ms 1s'
v "bad value 'sometimes' for 'restart' (expected always, on-failure or never)" 'restart sometimes'
v "bad value 'maybe' for 'readonly' (expected yes or no)" 'readonly maybe'
v "bad value 'strict' for 'seccomp' (expected default, none or allow)" 'seccomp strict'
v "unknown seccomp group or system call 'vsok' (did you mean 'vsock'?)" 'seccomp allow vsok'
v "unknown seccomp group or system call 'adjtime' (did you mean 'adjtimex'?)" 'seccomp allow clock adjtime'
v "'clone3' is no seccomp group (vsock, alg, uevent, clock) nor a system call the default filter denies" 'seccomp allow clone3'
v "'read' is no seccomp group (vsock, alg, uevent, clock) nor a system call the default filter denies" 'seccomp allow read'
v "'seccomp' takes default, none, or allow NAME..." 'seccomp allow'
v "'seccomp' takes default, none, or allow NAME..." 'seccomp none vsock'
v "duplicate 'alg' in 'seccomp allow'" 'seccomp allow alg alg'
v "duplicate 'ptrace' in 'seccomp allow'" 'seccomp allow ptrace clock ptrace'
v "duplicate namespace 'pid'" 'isolate mount pid pid'
v "'isolate none' cannot be combined with namespaces" 'isolate none mount'
v "bad value 'pidd' for 'isolate' (expected mount, pid, net, uts, ipc, cgroup, user, time or none)" 'isolate mount pidd'
v "unknown capability 'net_bind_servic' (did you mean 'net_bind_service'?)" 'caps net_bind_servic'
v "unknown capability 'frob'" 'caps frob'
v "duplicate capability 'chown'" 'caps chown chown'
v "bad value '3-1' for 'cpus' (want a CPU list such as 0-1,3)" 'cpus 3-1'
v "bad value '0,' for 'cpus' (want a CPU list such as 0-1,3)" 'cpus 0,'
v "bad value 'all' for 'cpus' (want a CPU list such as 0-1,3)" 'cpus all'
v "bad value '0' for 'cpu' (must be at least 1)" 'cpu 0'
v "bad value '70000' for 'cpu' (too large)" 'cpu 70000'
v "bad value '10.0.0.300/24' for 'net' (bad IPv4 address)" 'net veth 10.0.0.300/24'
v "bad value '10.0.0/24' for 'net' (bad IPv4 address)" 'net veth 10.0.0/24'
v "bad value '10.0.0.2' for 'net' (want ADDR/PREFIX, e.g. 10.0.0.2/24)" 'net veth 10.0.0.2'
v "'net veth' needs ADDR/PREFIX, e.g. 10.0.0.2/24" 'net veth'
v "bad value '10.0.0.2/33' for 'net' (bad prefix length (1 to 32))" 'net veth 10.0.0.2/33'
v "bad value '10.0.0.2/0' for 'net' (bad prefix length (1 to 32))" 'net veth 10.0.0.2/0'
v "expected 'gw ADDR' after the address, got 'via'" 'net veth 10.0.0.2/24 via 10.0.0.1'
v "expected 'gw ADDR' after the address, got 'gw'" 'net veth 10.0.0.2/24 gw'
v "gateway 10.1.0.1 is not another address in 10.0.0.2/24" 'net veth 10.0.0.2/24 gw 10.1.0.1'
v "'net host' takes no more arguments" 'net host x'
v "bad value 'wifi' for 'net' (expected none, host, veth, bridge or dev)" 'net wifi'
v "'net veth' takes at most ADDR/PREFIX gw ADDR" 'net veth 10.0.0.2/24 gw 10.0.0.1 x'
v "'net bridge' needs a bridge and ADDR/PREFIX, e.g. br-lan 192.168.1.2/24" 'net bridge'
v "'net bridge' needs ADDR/PREFIX, e.g. 10.0.0.2/24" 'net bridge br0'
v "bad value 'br/0' for 'net' (want an interface name: 1 to 15 letters, digits, '.', '_' or '-')" 'net bridge br/0 10.0.0.2/24'
v "bad value 'a-very-long-bridge' for 'net' (want an interface name: 1 to 15 letters, digits, '.', '_' or '-')" 'net bridge a-very-long-bridge 10.0.0.2/24'
v "expected 'gw ADDR' after the address, got 'via'" 'net bridge br0 10.0.0.2/24 via 10.0.0.1'
v "gateway 10.1.0.1 is not another address in 10.0.0.2/24" 'net bridge br0 10.0.0.2/24 gw 10.1.0.1'
v "'net dev' needs an interface, e.g. eth0" 'net dev'
v "bad value '-eth0' for 'net' (want an interface name: 1 to 15 letters, digits, '.', '_' or '-')" 'net dev -eth0'
v "bad value 'eth0:1' for 'net' (want an interface name: 1 to 15 letters, digits, '.', '_' or '-')" 'net dev eth0:1'
v "bad value '10.0.0.2' for 'net' (want ADDR/PREFIX, e.g. 10.0.0.2/24)" 'net dev eth0 10.0.0.2'
v "expected 'gw ADDR' after the address, got 'gw'" 'net dev eth0 10.0.0.2/24 gw'
v "'net none' takes no more arguments" 'net none eth0'
v "bad value '1A=b' for 'env' (want NAME=VALUE)" 'env 1A=b'
v "bad value 'A' for 'env' (want NAME=VALUE)" 'env A'
v "bad value '=x' for 'env' (want NAME=VALUE)" 'env =x'
v "bad value 'A\\nB=1' for 'env' (want NAME=VALUE)" 'env "A\nB=1"'
v "bad value 'A\\001B=1' for 'env' (want NAME=VALUE)" "env A$(printf '\001')B=1"
v "duplicate env 'A'" 'env A=1 A=2'
v "unknown rlimit 'nofiles' (did you mean 'nofile'?)" 'rlimit nofiles 10'
v "unknown rlimit 'open'" 'rlimit open 10'
v "rlimit 'nofile': soft limit above hard limit" 'rlimit nofile 10 5'
v "bad value 'many' for 'rlimit' (not a number)" 'rlimit nofile many'
v "bad ready fd '1' (0-2 are stdio; use 3 to 127)" 'ready fd 1'
v "bad value 'pipe' for 'ready' (expected fd or notify)" 'ready pipe 3'
v "'ready notify' takes no value" 'ready notify 3'
v "'ready fd' needs a file descriptor number" 'ready fd'
v "bad value 'stdout' for 'log' (expected syslog or none)" 'log stdout'
v "bad value '200' for 'ready' (too large)" 'ready fd 200'
v "bad value '0' for 'crashloop' (must be above 0)" 'crashloop 0 60s'
v "bad value 'within' for 'crashloop' (expected in)" 'crashloop 5 within 60s'
v "bad value '0s' for 'crashloop' (must be above 0)" 'crashloop 5 0s'
v "bad value '-bad' for 'hostname' (want 1 to 64 letters, digits, '-' or '.')" 'hostname -bad'
v "bad value 'a_b' for 'hostname' (want 1 to 64 letters, digits, '-' or '.')" 'hostname a_b'
v "bad value '0' for 'tmpfs' (must be above 0)" 'tmpfs /tmp 0'
v "bad value 'rx' for 'bind' (expected ro or rw)" 'bind /a /b rx'
v "bad value 'b' for 'bind' (must be absolute)" 'bind /a b'
v "bad path '/' for 'state' (use 'readonly no')" 'state /'
v "file '/nope' not found on the build host (sysroot '$T/root')" 'files /bin/ok /nope'
v "duplicate file '/bin/ok'" 'files /bin/ok /bin/ok'
# files SRC:DST: SRC in the services file's directory, or absolute
echo conf >"$T/my.conf"
v "file 'nope.conf' not found in the board directory '.'" 'files my.conf:/etc/my.conf nope.conf:/etc/x'
v "file '/nope/x' not found on the build host" 'files /nope/x:/etc/x'
v "bad value 'etc/x' for 'files' (must be absolute)" 'files my.conf:etc/x'
v "bad file ':/etc/x' (SRC:DST with an empty SRC)" 'files :/etc/x'
v "duplicate file '/bin/ok'" 'files /bin/ok my.conf:/bin/ok'
# A copy that a mount of the jail would hide at run time
v "file '/tmp/my.conf': hidden at run time by the jail's own /tmp: copy it elsewhere" 'files my.conf:/tmp/my.conf'
v "file '/dev/x': hidden at run time by the jail's own /dev: copy it elsewhere" 'files my.conf:/dev/x'
mkdir -p "$T/root/run/x" "$T/root/var/db"
e "services:2: file '/run/x': hidden at run time by 'tmpfs /run' (line 3): copy it elsewhere" <<'EOF'
service a /bin/a
    files /run/x
    tmpfs /run 1M
EOF
e "services:3: file '/var/db/my.conf': hidden at run time by 'state /var/db' (line 2): copy it elsewhere" <<'EOF'
service a /bin/a
    state /var/db
    files /bin/ok my.conf:/var/db/my.conf
EOF
e "services:2: file '/etc/x': hidden at run time by 'bind /etc' (line 3): copy it elsewhere" <<'EOF'
service a /bin/a
    files my.conf:/etc/x
    bind /etc /etc
EOF
v "bad applet name 'a/b'" 'applets a/b'
v "duplicate applet 'sh'" 'applets sh ls sh'
v "duplicate 'after b'" 'after b b'
v "bad service name 'b c'" 'after "b c"'
e "services:3: duplicate mount point '/x' (first on line 2)" <<'EOF'
service a /bin/a
    tmpfs /x
    bind /y /x
EOF
e "services:3: duplicate rlimit 'nofile'" <<'EOF'
service a /bin/a
    rlimit nofile 10
    rlimit nofile 20
EOF

# ---- users and groups ----
v "unknown user 'www'" 'user www'
v "unknown group 'wheel'" 'user root:wheel'
v "bad user 'root:' (expected USER[:GROUP[,GROUP...]])" 'user root:'
v "bad value '4294967295' for 'user' (too large)" 'user 4294967295'
v "too many groups (max 16)" 'user 1:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18'
e "services:2: unknown user 'svc-b'" <<'EOF'
service a /bin/a
    user svc-b
EOF
printf 'www:x:80\n' >"$T/passwd"
e "passwd:1: bad passwd entry" --passwd passwd <<'EOF'
service a /bin/a
EOF
printf 'www:x:eighty:80\n' >"$T/passwd"
e "passwd:1: bad value 'eighty' for 'passwd' (not a number)" --passwd passwd <<'EOF'
service a /bin/a
EOF

# ---- names across the file ----
e "services:4: 'after dbb': no such service (did you mean 'db'?)" <<'EOF'
service db /bin/db

service web /bin/web
    after dbb
EOF
e "services:2: 'after zzz': no such service" <<'EOF'
service web /bin/web
    after zzz
EOF
# "a -> b": a starts after b
e "services:2: after cycle: a -> b -> c -> a" <<'EOF'
service a /bin/a
    after b
service b /bin/b
    after c
service c /bin/c
    after a
EOF
e "services:4: after cycle: b -> c -> b" <<'EOF'
service a /bin/a
    after b
service b /bin/b
    after c
service c /bin/c
    after b
EOF
e "services:2: after cycle: a -> a" <<'EOF'
service a /bin/a
    after a
EOF
e "services:4: after cycle: y -> z -> y" <<'EOF'
service x /bin/x
    after y
service y /bin/y
    after z
service z /bin/z
    after x2 y
service x2 /bin/x2
EOF

# veth host ends are c- plus 13 characters of the name
e "services:5: 'net veth': 'gateway-router-b' and 'gateway-router-a' (line 2) would share host interface 'c-gateway-route' (names must differ in their first 13 characters)" <<'EOF'
service gateway-router-a /bin/a
    net veth 10.0.0.2/24
service other /bin/a
service gateway-router-b /bin/b
    net veth 10.0.1.2/24
EOF

# A kept capability whose system calls the filter denies (SPEC 8): the
# caps line, and the seccomp line that fixes it.
e "services:2: 'caps sys_time' needs system calls the seccomp filter denies: use 'seccomp allow clock'" <<'EOF'
service ntp /bin/a
    caps sys_time net_bind_service
EOF
e "services:3: 'caps sys_time' needs system calls the seccomp filter denies: use 'seccomp allow vsock clock'" <<'EOF'
service ntp /bin/a
    seccomp allow vsock
    caps sys_time
EOF
e "services:2: 'caps sys_time' needs system calls the seccomp filter denies: use 'seccomp allow clock adjtimex'" <<'EOF'
service ntp /bin/a
    caps sys_time
    seccomp allow adjtimex
EOF
e "services:2: 'caps sys_module sys_boot' needs system calls the seccomp filter denies: use 'seccomp allow init_module finit_module delete_module kexec_load kexec_file_load reboot'" <<'EOF'
service m /bin/a
    caps sys_boot sys_module
EOF
e "services:2: 'caps sys_boot' needs system calls the seccomp filter denies: use 'seccomp allow kexec_load kexec_file_load reboot'" <<'EOF'
service m /bin/a
    caps sys_boot
    seccomp allow reboot
EOF
for c in 'sys_pacct acct' 'syslog syslog' 'sys_chroot chroot' 'sys_tty_config vhangup' \
	'sys_ptrace ptrace' 'bpf bpf' 'perfmon perf_event_open'; do
	printf 'service c /bin/a\n    caps %s\n' "${c% *}" |
		e "services:2: 'caps ${c% *}' needs system calls the seccomp filter denies: use 'seccomp allow ${c#* }'"
done

# ---- contradictions ----
# c 'EXPECTED MESSAGE' 'OPTION LINE' 'OPTION LINE'
c() {
	printf 'service a /bin/a\n    %s\n    %s\n' "$2" "$3" | e "services:$1"
}
c "3: 'net veth' needs 'net' in 'isolate' (line 2)" 'isolate mount pid' 'net veth 10.0.0.2/24'
c "2: 'net none' needs 'net' in 'isolate' (line 3)" 'net none' 'isolate mount pid'
c "3: 'net host' conflicts with 'net' in 'isolate' (line 2)" 'isolate mount net' 'net host'
c "3: 'state' conflicts with 'readonly no' (line 2)" 'readonly no' 'state /var/db'
c "2: 'root' conflicts with 'isolate none' (line 3)" 'root /x' 'isolate none'
c "3: 'files' conflicts with 'isolate none' (line 2)" 'isolate none' 'files /bin/ok'
c "3: 'applets' conflicts with 'isolate none' (line 2)" 'isolate none' 'applets sh'
c "3: 'tmpfs' conflicts with 'isolate none' (line 2)" 'isolate none' 'tmpfs /tmp'
c "3: 'bind' conflicts with 'isolate none' (line 2)" 'isolate none' 'bind /a /b'
c "3: 'state' conflicts with 'isolate none' (line 2)" 'isolate none' 'state /a'
c "3: 'readonly' conflicts with 'isolate none' (line 2)" 'isolate none' 'readonly no'
c "3: 'hostname' conflicts with 'isolate none' (line 2)" 'isolate none' 'hostname x'
c "3: 'net veth' conflicts with 'isolate none' (line 2)" 'isolate none' 'net veth 10.0.0.2/24'
c "3: 'net dev' conflicts with 'isolate none' (line 2)" 'isolate none' 'net dev eth0'
c "3: 'net dev' needs 'net' in 'isolate' (line 2)" 'isolate mount pid' 'net dev eth0'
c "3: 'net none' conflicts with 'isolate none' (line 2)" 'isolate none' 'net none'
c "2: 'isolate' must include 'mount' (or be 'none')" 'isolate pid net' 'pids 3'
c "3: 'hostname' needs 'uts' in 'isolate' (line 2)" 'isolate mount pid' 'hostname x'
c "3: 'restart always' conflicts with 'oneshot' (line 2)" 'oneshot' 'restart always'
c "2: 'ready fd' conflicts with 'oneshot' (line 3)" 'ready fd 3' 'oneshot'
c "3: 'ready notify' conflicts with 'oneshot' (line 2)" 'oneshot' 'ready notify'
c "3: 'ready notify' conflicts with 'isolate none' (line 2)" 'isolate none' 'ready notify'
c "2: 'log syslog' conflicts with 'isolate none' (line 3)" 'log syslog' 'isolate none'
c "2: 'env NOTIFY_SOCKET=/run/n' conflicts with 'ready notify' (line 3), which sets NOTIFY_SOCKET=/dev/notify" 'env NOTIFY_SOCKET=/run/n' 'ready notify'
# checked when the block ends, before the next one is parsed
e "services:3: 'state' conflicts with 'readonly no' (line 2)" <<'EOF'
service a /bin/a
    readonly no
    state /var/db
service b /bin/b
    memroy 1M
EOF

# ---- command line ----
out=$("$SVCC" -o "$T/x.c" 2>&1)
check_eq "svcc without a file exits 2" 2 "$?"
case $out in "svcc: usage: svcc "*) pass "usage message" ;;
*) fail "usage message (got '$out')" ;; esac
out=$("$SVCC" -o "$T/x.c" -m "$T/m" "$T/nonexistent" 2>&1)
check_eq "missing services file" "2 svcc: $T/nonexistent: No such file or directory" "$? $out"
