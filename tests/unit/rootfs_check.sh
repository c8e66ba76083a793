#!/bin/bash
# The build-time completeness check (rootfs-skel/mkroot.sh): each way a
# service can be incomplete fails the build with the service's FILE:LINE
# and an exact message; a complete service builds. Hand-written
# manifests in the services compiler's format, a small sysroot made here.
. "$SRC/tests/lib.sh"
ELFDEPS=${ELFDEPS:-$O/host/elfdeps}
[ -x "$ELFDEPS" ] || { fail "elfdeps not built ($ELFDEPS)"; exit 1; }
need_cmd "completeness check fixtures" "${HOSTCC:-cc}" xz
scratch
cc=${HOSTCC:-cc}
tb=$O/toybox/toybox tba=$O/toybox/applets
[ -x "$tb" ] || tb='' tba=''

# A sysroot: a dynamic program with one library, a script, plain data.
s=$T/sys
mkdir -p "$s/opt/bin" "$s/lib" "$s/www"
cd "$T" || exit 1
echo 'int bar(void) { return 7; }' >bar.c
echo 'int bar(void); int main(void) { return bar(); }' >prog.c
$cc -shared -fPIC -o "$s/lib/libbar.so.1" -Wl,-soname,libbar.so.1 bar.c
$cc -o "$s/opt/bin/prog" prog.c -L"$s/lib" -l:libbar.so.1
printf '#!/bin/sh\necho hi\n' >"$s/opt/bin/run.sh"
chmod 0755 "$s/opt/bin/run.sh"
echo data >"$s/opt/data"
echo '<p>hi' >"$s/www/index.html"
# The loader and libc the program names, from the build host, so the
# sysroot is complete for a x86_64 (or any native) program.
for f in $("$ELFDEPS" "$s/opt/bin/prog" 2>/dev/null | cut -f1 | grep -v libbar); do
	mkdir -p "$s$(dirname "$f")" && cp -L "$f" "$s$f"
done

# mkroot M: run mkroot.sh on manifest text M (TABs as "|").
mkroot() {
	tr '|' '\t' <<<"$1" >"$T/manifest"
	rm -rf "$T/root"
	ROOTFS=$T/root MANIFEST=$T/manifest CORRAL=$CORRAL ELFDEPS=$ELFDEPS \
		TOYBOX=$tb APPLETS=$tba SYSROOT=$s MODULES_DIR=${MODS:-$T} \
		bash "$SRC/rootfs-skel/mkroot.sh" >"$T/out" 2>&1
}

# expect_error WHAT MANIFEST EXPECTED-LINE...: fails with exactly these.
expect_error() {
	local what=$1 m=$2 rc
	shift 2
	mkroot "$m"
	rc=$?
	local want
	want=$(printf '%s\n' "$@")
	if [ "$rc" = 1 ] && [ "$(grep -v '^mkroot: ' "$T/out")" = "$want" ] &&
		grep -q "^mkroot: $# error(s); $T/root is incomplete$" "$T/out"; then
		pass "$what"
	else
		fail "$what: status $rc, output: $(tr '\n' '|' <"$T/out"), wanted: $(tr '\n' '|' <<<"$want")"
	fi
}

svc='svc|web|/srv/web|board/x/services|12'
expect_error "exec missing from the subtree" "$svc
exec|web|/opt/bin/prog" \
	"board/x/services:12: web: /opt/bin/prog: not found in /srv/web"

expect_error "exec not executable" "$svc
exec|web|/opt/data
file|web|/opt/data" \
	"board/x/services:12: web: /opt/data: not executable"

expect_error "exec is a directory" "$svc
exec|web|/www
file|web|/www" \
	"board/x/services:12: web: /www: not a regular file"

expect_error "script interpreter missing" "$svc
exec|web|/opt/bin/run.sh
file|web|/opt/bin/run.sh" \
	"board/x/services:12: web: /opt/bin/run.sh: interpreter /bin/sh: not found in /srv/web"

rm "$s/lib/libbar.so.1"
expect_error "a shared library missing from the sysroot" "$svc
exec|web|/opt/bin/prog
file|web|/opt/bin/prog" \
	"board/x/services:12: web: /opt/bin/prog: needs libbar.so.1: not found in $s"
$cc -shared -fPIC -o "$s/lib/libbar.so.1" -Wl,-soname,libbar.so.1 bar.c

# isolate none: no copy step, so only the check can see it.
expect_error "isolate none: exec only in another service's subtree" "svc|host|-|board/x/services|30
exec|host|/opt/bin/prog
svc|web|/srv/web|board/x/services|40
exec|web|/opt/bin/prog
file|web|/opt/bin/prog" \
	"board/x/services:30: host: /opt/bin/prog: not found in the base system"

expect_error "runas ids not in passwd/group" "$svc
runas|web|1234|4321
exec|web|/opt/bin/prog
file|web|/opt/bin/prog" \
	"board/x/services:12: web: runs as uid 1234: not in /etc/passwd" \
	"board/x/services:12: web: runs as gid 4321: not in /etc/group"

expect_error "files path missing on the build host" "$svc
exec|web|/opt/bin/prog
file|web|/opt/bin/prog
file|web|/nope" \
	"board/x/services:12: web: files /nope: not found in $s"

if [ -n "$tb" ]; then
	expect_error "applet toybox lacks" "$svc
exec|web|/bin/sh
applet|web|sh
applet|web|frobnicate" \
		"board/x/services:12: web: applet frobnicate: toybox has no such applet (see $tba)"
else
	skip "applet check (toybox not built)"
fi

# ---- kernel modules: order by modinfo depends, .xz unpacked --------------
m=$T/mods
mkdir -p "$m/kernel/net"
mkmod() { # NAME DEPENDS
	printf 'static const char mi[] __attribute__((section(".modinfo"), used)) = "license=GPL\\0depends=%s";\n' "$2" >"$T/$1.c"
	$cc -c -o "$m/kernel/net/$1.ko" "$T/$1.c"
}
mkmod llc ''
mkmod stp llc
mkmod bridge llc,stp
xz "$m/kernel/net/stp.ko"
MODS=$m expect_error "module listed before its dependencies" "module|bridge
module|llc
$svc
exec|web|/opt/bin/prog
file|web|/opt/bin/prog" \
	"board/x/services: module bridge: depends on llc: list 'module llc' before it" \
	"board/x/services: module bridge: depends on stp: list 'module stp' before it"
MODS=$m expect_error "module missing from the kernel's modules" "module|nope
$svc
exec|web|/opt/bin/prog
file|web|/opt/bin/prog" \
	"board/x/services: module nope: not found in $m"

# ---- a complete service ------------------------------------------------------
if MODS=$m mkroot "hostname|box
module|llc
module|stp
module|bridge
mount|/var/lib/corral
mount|/usr/local/data
user|svc-web|40000|40000
group|svc-web|40000
some-future-record|ignored|x
$svc
runas|web|40000|40000
exec|web|/opt/bin/prog
file|web|/opt/bin/prog
file|web|/www
state|web|/var/lib/web
tmpfs|web|/run
bind|web|/etc/ssl
svc|two|/srv/two|board/x/services|20
exec|two|/opt/bin/prog
file|two|/opt/bin/prog"; then
	pass "a complete service builds (unknown records ignored)"
else
	fail "complete service refused: $(cat "$T/out")"
fi
r=$T/root
check_eq "closure copied: loader, libc and libbar in the subtree" 0 \
	"$("$ELFDEPS" -r "$r/srv/web" /opt/bin/prog >/dev/null 2>&1; echo $?)"
check_eq "files directory copied" "<p>hi" "$(cat "$r/srv/web/www/index.html")"
check_eq "mountpoints: proc dev tmp state tmpfs bind" "dddddd" \
	"$(for d in proc dev tmp var/lib/web run etc/ssl; do [ -d "$r/srv/web/$d" ] && printf d; done)"
check_eq "top-level mount points made in the image (usr/ links kept)" "ddl" \
	"$(for d in var/lib/corral usr/local/data; do [ -d "$r/$d" ] && printf d; done; [ -L "$r/usr/bin" ] && printf l)"
check_eq "two services share one copy of libbar (hard link)" \
	"$(stat -c %i "$r/srv/web/lib/libbar.so.1")" "$(stat -c %i "$r/srv/two/lib/libbar.so.1")"
check_grep "passwd: svc-web from the manifest" '^svc-web:x:40000:40000:' "$r/etc/passwd"
check_grep "passwd: root and nobody" '^nobody:x:65534:65534:' "$r/etc/passwd"
check_grep "group: svc-web" '^svc-web:x:40000:$' "$r/etc/group"
check_eq "hostname" box "$(cat "$r/etc/hostname")"
check_grep "os-release" '^ID=corral$' "$r/etc/os-release"
check_eq "init is corral" corral "$(readlink "$r/sbin/init")"
check_eq "modules shipped uncompressed as /lib/modules/NAME.ko" "ELF ELF ELF" \
	"$(for n in llc stp bridge; do head -c 4 "$r/lib/modules/$n.ko" | tail -c 3; printf ' '; done | sed 's/ $//')"

# The real kernel package of the default board, when installed.
kerns=(/boot/vmlinuz-*-amd64)
kern=${kerns[${#kerns[@]}-1]}
if [ -e "$kern" ] && command -v dpkg-query >/dev/null; then
	tr '|' '\t' <<<"module|veth" >"$T/manifest"
	rm -rf "$T/root"
	if ROOTFS=$T/root MANIFEST=$T/manifest CORRAL=$CORRAL ELFDEPS=$ELFDEPS \
		KERNEL=$kern bash "$SRC/rootfs-skel/mkroot.sh" >"$T/out" 2>&1; then
		src=$(dpkg-query -L "$(dpkg-query -S "$kern" | cut -d: -f1)" | grep '/veth\.ko')
		case $src in
		*.xz) xz -dc "$src" >"$T/veth.ko" ;;
		*) cp "$src" "$T/veth.ko" ;;
		esac
		if cmp -s "$T/veth.ko" "$T/root/lib/modules/veth.ko"; then
			pass "veth.ko comes from the package of $kern"
		else
			fail "lib/modules/veth.ko differs from $src"
		fi
	else
		fail "module veth from $kern: $(cat "$T/out")"
	fi
else
	skip "modules from the kernel package (no /boot/vmlinuz-*-amd64)"
fi

tr '|' '\t' <<<"svc|x|/srv/../etc|f|1" >"$T/manifest"
ROOTFS=$T/root MANIFEST=$T/manifest CORRAL=$CORRAL ELFDEPS=$ELFDEPS \
	bash "$SRC/rootfs-skel/mkroot.sh" >"$T/out" 2>&1
check_eq "a root with .. is refused" "1 $T/manifest:1: bad svc record: root '/srv/../etc'" "$? $(cat "$T/out")"
