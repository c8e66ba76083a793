#!/bin/bash
# svcc values: compile services files, link the generated table.c into a
# small dump program and compare every field with what the file says;
# also the defaults, the uid allocation, the manifest, and that the
# generated C is warning-free for the host and the target compilers.
. "$SRC/tests/lib.sh"
scratch
HOSTCC=${HOSTCC:-cc}
use_svcc
CFLAGS_GEN=(-std=c11 -Wall -Wextra -Wshadow -Werror "-I$SRC/lib")

# Prints every field of every service, one per line.
cat >"$T/dump.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include "svc.h"

static void strs(const char *k, const char *const *v)
{
	printf("%s=", k);
	for (int i = 0; v && v[i]; i++)
		printf("%s[%s]", i ? " " : "", v[i]);
	printf("\n");
}

static const char *rl(int r)
{
	static const struct { int r; const char *n; } t[] = {
		{RLIMIT_NOFILE, "nofile"}, {RLIMIT_CORE, "core"},
		{RLIMIT_STACK, "stack"}, {RLIMIT_AS, "as"}};
	for (unsigned i = 0; i < sizeof(t) / sizeof(*t); i++)
		if (t[i].r == r)
			return t[i].n;
	return "?";
}

static void ip(const char *k, uint32_t a)
{
	unsigned char b[4];

	memcpy(b, &a, 4);
	printf("%s=%u.%u.%u.%u\n", k, b[0], b[1], b[2], b[3]);
}

static void one(const struct svc *s)
{
	printf("== %s %s:%u\n", s->name, s->file, (unsigned)s->line);
	strs("argv", s->argv);
	printf("root=%s ns=0x%x\n", s->root ? s->root : "(null)", s->ns);
	printf("uid=%u gid=%u groups=", (unsigned)s->uid, (unsigned)s->gid);
	for (int i = 0; i < s->ngroups; i++)
		printf("%s%u", i ? "," : "", (unsigned)s->groups[i]);
	printf("\ncaps=0x%llx seccomp=%u\n", (unsigned long long)s->caps, s->seccomp);
	printf("memory=%llu pids=%u cpus=%s cpu=%u\n",
	       (unsigned long long)s->memory, (unsigned)s->pids,
	       s->cpus ? s->cpus : "(null)", s->cpu_pct);
	printf("net=%u prefix=%u\n", s->net, s->prefix);
	ip("addr", s->addr);
	ip("gw", s->gw);
	printf("readonly=%u\n", s->readonly);
	for (int i = 0; i < s->nmounts; i++)
		printf("mount=%u %s %s %llu\n", s->mounts[i].kind,
		       s->mounts[i].src ? s->mounts[i].src : "(null)",
		       s->mounts[i].dst, (unsigned long long)s->mounts[i].size);
	strs("env", s->env);
	printf("hostname=%s\n", s->hostname ? s->hostname : "(null)");
	for (int i = 0; i < s->nrlimits; i++)
		printf("rlimit=%s %llu %llu\n", rl(s->rlimits[i].resource),
		       (unsigned long long)s->rlimits[i].soft,
		       (unsigned long long)s->rlimits[i].hard);
	strs("files", s->files);
	strs("applets", s->applets);
	printf("after=");
	for (int i = 0; i < s->nafter; i++)
		printf("%s%u", i ? "," : "", s->after[i]);
	printf("\nready_fd=%d restart=%u oneshot=%u critical=%u console=%u\n",
	       s->ready_fd, s->restart, s->oneshot, s->critical, s->console);
	printf("backoff=%u,%u crashloop=%u,%u stop=%u\n",
	       (unsigned)s->backoff_min_ms, (unsigned)s->backoff_max_ms,
	       s->crashloop_n, (unsigned)s->crashloop_window_ms,
	       (unsigned)s->stop_timeout_ms);
}

int main(void)
{
	printf("hostname=%s\nmodules=", tbl_hostname ? tbl_hostname : "(null)");
	for (int i = 0; tbl_modules[i]; i++)
		printf("%s%s", i ? "," : "", tbl_modules[i]);
	printf("\ncount=%u\n", svc_count);
	for (unsigned i = 0; i < svc_count; i++)
		one(&svc_table[i]);
	return 0;
}
EOF

# run NAME [SVCC ARGS...] < services: compile, build the dump, run it
# into $T/NAME.dump; the manifest goes to $T/NAME.man.
run() {
	local name=$1
	shift
	cat >"$T/board/services"
	if ! (cd "$T" && "$SVCC" --sysroot "$T/root" "$@" -o "$name.c" \
		-m "$name.man" board/services) 2>"$T/err"; then
		fail "$name: svcc failed: $(cat "$T/err")"
		return 1
	fi
	if ! $HOSTCC "${CFLAGS_GEN[@]}" -o "$T/$name" "$T/dump.c" "$T/$name.c" 2>"$T/err"; then
		fail "$name: generated C does not build: $(head -5 "$T/err")"
		return 1
	fi
	"$T/$name" >"$T/$name.dump"
}

# expect NAME < expected: compare a dump (or manifest) with its expectation
expect() {
	if diff -u - "$T/$1" >"$T/diff"; then
		pass "$1"
	else
		fail "$1 differs: $(cat "$T/diff")"
	fi
}

mkdir -p "$T/board" "$T/root/usr/bin" "$T/root/www"
touch "$T/root/usr/bin/httpd"
printf 'www:x:80:81::/:/bin/false\nfoo::1000:1001\n' >"$T/passwd"
printf 'www:x:81:\nwheel:x:10:www\n' >"$T/group"

# ---- every option, with the value it must produce ----
run all --passwd passwd --group group <<'EOF' &&
# everything
hostname router
module veth nf_nat
module tun

service web /usr/bin/httpd -f "a b" 'q' \
    "x\"y" \\z "" "#h" "tab\there"   # a comment
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
    readonly yes
    state /var/db
    tmpfs /tmp 4M
    tmpfs /run
    bind /dev/log /dev/log rw
    bind /etc/ssl /etc/ssl
    env A=1 "B=two words"
    env EMPTY=
    hostname webhost
    rlimit nofile 1024 4096
    rlimit core unlimited
    rlimit stack 8M infinity
    files /usr/bin/httpd /www
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
    user foo
    net host
    pids max
    memory 1M

service nm /sbin/nm
    isolate none
    user root:root
    caps net_admin net_raw
    memory 1G

service once /bin/true
    oneshot
    after nm db
    isolate mount pid uts
EOF
expect all.dump <<'EOF'
hostname=router
modules=veth,nf_nat,tun
count=4
== web board/services:6
argv=[/usr/bin/httpd] [-f] [a b] ['q'] [x"y] [\z] [] [#h] [tab	here]
root=/srv/www-root ns=0xff
uid=80 gid=81 groups=10,100
caps=0x10000200401 seccomp=1
memory=16777216 pids=32 cpus=0-1,3 cpu=150
net=2 prefix=24
addr=10.0.0.2
gw=10.0.0.1
readonly=1
mount=3 /var/lib/corral/web/var/db /var/db 19
mount=2 (null) /tmp 4194304
mount=2 (null) /run 0
mount=1 /dev/log /dev/log 0
mount=0 /etc/ssl /etc/ssl 0
env=[A=1] [B=two words] [EMPTY=]
hostname=webhost
rlimit=nofile 1024 4096
rlimit=core 18446744073709551615 18446744073709551615
rlimit=stack 8388608 18446744073709551615
files=[/usr/bin/httpd] [/www]
applets=[sh] [ls] [cat]
after=1
ready_fd=3 restart=1 oneshot=0 critical=1 console=1
backoff=250,120000 crashloop=3,90000 stop=3600000
== db board/services:41
argv=[/bin/db]
root=/srv/db ns=0x3b
uid=1000 gid=1001 groups=
caps=0x0 seccomp=0
memory=1048576 pids=0 cpus=(null) cpu=0
net=1 prefix=0
addr=0.0.0.0
gw=0.0.0.0
readonly=1
env=
hostname=(null)
files=
applets=
after=
ready_fd=-1 restart=0 oneshot=0 critical=0 console=0
backoff=100,30000 crashloop=5,60000 stop=5000
== nm board/services:47
argv=[/sbin/nm]
root=(null) ns=0x0
uid=0 gid=0 groups=
caps=0x3000 seccomp=0
memory=1073741824 pids=256 cpus=(null) cpu=0
net=1 prefix=0
addr=0.0.0.0
gw=0.0.0.0
readonly=1
env=
hostname=(null)
files=
applets=
after=
ready_fd=-1 restart=0 oneshot=0 critical=0 console=0
backoff=100,30000 crashloop=5,60000 stop=5000
== once board/services:53
argv=[/bin/true]
root=/srv/once ns=0xb
uid=14468 gid=14468 groups=
caps=0x0 seccomp=0
memory=0 pids=256 cpus=(null) cpu=0
net=1 prefix=0
addr=0.0.0.0
gw=0.0.0.0
readonly=1
env=
hostname=(null)
files=
applets=
after=2,1
ready_fd=-1 restart=2 oneshot=1 critical=0 console=0
backoff=100,30000 crashloop=5,60000 stop=5000
EOF
expect all.man <<'EOF'
hostname	router
module	veth
module	nf_nat
module	tun
user	svc-web	37825	37825
user	svc-db	13683	13683
user	svc-nm	39540	39540
user	svc-once	14468	14468
group	svc-web	37825
group	svc-db	13683
group	svc-nm	39540
group	svc-once	14468
svc	web	/srv/www-root	board/services	6
runas	web	80	81
exec	web	/usr/bin/httpd
file	web	/usr/bin/httpd
file	web	/www
applet	web	sh
applet	web	ls
applet	web	cat
state	web	/var/db
tmpfs	web	/tmp
tmpfs	web	/run
bind	web	/dev/log
bind	web	/etc/ssl
svc	db	/srv/db	board/services	41
runas	db	1000	1001
exec	db	/bin/db
svc	nm	-	board/services	47
runas	nm	0	0
exec	nm	/sbin/nm
svc	once	/srv/once	board/services	53
runas	once	14468	14468
exec	once	/bin/true
EOF

# ---- defaults (SPEC 4), lexer corners ----
run min <<'EOF' &&
service a /bin/a x#y \# "q#" "multi \
line" \
    cont
    # indented comment

	pids 7
EOF
expect min.dump <<'EOF'
hostname=(null)
modules=
count=1
== a board/services:1
argv=[/bin/a] [x#y] [#] [q#] [multi line] [cont]
root=/srv/a ns=0x3f
uid=12220 gid=12220 groups=
caps=0x0 seccomp=0
memory=0 pids=7 cpus=(null) cpu=0
net=0 prefix=0
addr=0.0.0.0
gw=0.0.0.0
readonly=1
env=
hostname=(null)
files=
applets=
after=
ready_fd=-1 restart=0 oneshot=0 critical=0 console=0
backoff=100,30000 crashloop=5,60000 stop=5000
EOF

# ---- uid allocation: hash of the name, probing past collisions ----
# bxd and cta hash to the same id; svc-pinned is pinned by the passwd.
printf 'svc-pinned:x:4242:4343::/:/bin/false\nx:x:52842:1::/:\n' >"$T/passwd"
run ids --passwd passwd <<'EOF' &&
service bxd /bin/a
service cta /bin/a
service pinned /bin/a
service other /bin/a
    user svc-cta:svc-bxd
EOF
check_eq "uid of the first of two colliding names" "uid=52841 gid=52841 groups=" "$(grep ^uid= "$T/ids.dump" | sed -n 1p)"
check_eq "uid probing skips a collision and the passwd's ids" "uid=52843 gid=52843 groups=" "$(grep ^uid= "$T/ids.dump" | sed -n 2p)"
check_eq "svc-NAME pinned by the passwd" "uid=4242 gid=4343 groups=" "$(grep ^uid= "$T/ids.dump" | sed -n 3p)"
check_eq "user svc-OTHER:svc-OTHER" "uid=52843 gid=52841 groups=" "$(grep ^uid= "$T/ids.dump" | sed -n 4p)"
check_eq "manifest users: probed, and not the pinned one" "$(printf 'user\tsvc-bxd\t52841\t52841\nuser\tsvc-cta\t52843\t52843\nuser\tsvc-other\t31541\t31541')" "$(grep '^user' "$T/ids.man")"

# ---- no services at all still gives a valid table ----
run empty <<'EOF' &&
# nothing yet
hostname lonely
EOF
expect empty.dump <<'EOF'
hostname=lonely
modules=
count=0
EOF

# ---- the generated C builds for the target too ----
if [ -n "${CC:-}" ] && command -v "${CC%% *}" >/dev/null 2>&1; then
	# shellcheck disable=SC2086 # CORRAL_CFLAGS is a list of flags
	if $CC ${CORRAL_CFLAGS:-} -std=c11 -Wall -Wextra -Wshadow -Werror \
		-I"$SRC/lib" -c -o "$T/all.o" "$T/all.c" 2>"$T/err"; then
		pass "generated C builds with the target compiler ($CC)"
	else
		fail "generated C with $CC: $(head -5 "$T/err")"
	fi
else
	skip "generated C with the target compiler (CC not set or not found)"
fi
# Everything const: nothing in .data or .bss (PIE puts the pointers in
# .data.rel.ro, read-only after relocation).
if command -v size >/dev/null && $HOSTCC "${CFLAGS_GEN[@]}" -c -o "$T/host.o" "$T/all.c"; then
	check_eq "generated table has no writable data" "" \
		"$(size -A "$T/host.o" | awk '($1 == ".data" || $1 == ".bss") && $2 > 0')"
else
	skip "writable data check (needs size)"
fi
