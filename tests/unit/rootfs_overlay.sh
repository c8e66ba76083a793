#!/bin/bash
# What a board directory adds to the image besides its services (SPEC 8):
# `files SRC:DST` from the board directory or the build host, an ELF
# among them with its libraries from SYSROOT; the rootfs/ overlay over
# the base system; passwd and group beside services. svcc, then
# rootfs-skel/mkroot.sh and mkcpio as the Makefile runs them; the same
# board built under two umasks gives the same cpio bytes.
. "$SRC/tests/lib.sh"
ELFDEPS=${ELFDEPS:-$O/host/elfdeps}
MKCPIO=${MKCPIO:-$O/host/mkcpio}
for t in "$ELFDEPS" "$MKCPIO"; do
	[ -x "$t" ] || { fail "host tool not built: $t"; exit 1; }
done
need_cmd "board overlay fixtures" "${HOSTCC:-cc}"
scratch
use_svcc
cc=${HOSTCC:-cc}

# A sysroot with libbar and what the build host's loader needs; a
# program linked against libbar kept in the board directory only.
s=$T/sys b=$T/board
mkdir -p "$s/lib" "$b/www/img" "$b/rootfs/etc" "$b/rootfs/srv/web/etc" \
	"$b/rootfs/usr/bin" "$b/rootfs/root"
cd "$T" || exit 1
echo 'int bar(void) { return 7; }' >bar.c
echo 'int bar(void); int main(void) { return bar(); }' >prog.c
$cc -shared -fPIC -o "$s/lib/libbar.so.1" -Wl,-soname,libbar.so.1 bar.c
$cc -o "$b/prog" prog.c -L"$s/lib" -l:libbar.so.1
for f in $("$ELFDEPS" "$b/prog" 2>/dev/null | cut -f1 | grep -v libbar); do
	mkdir -p "$s$(dirname "$f")" && cp -L "$f" "$s$f"
done
echo '<p>hi' >"$b/www/index.html"
echo gif >"$b/www/img/a.gif"
echo 'port=80' >"$T/abs.conf"
echo 'welcome' >"$b/rootfs/etc/motd"
echo 'server.port = 80' >"$b/rootfs/srv/web/etc/web.conf"
printf '#!/bin/sh\necho hello\n' >"$b/rootfs/usr/bin/hello"
chmod 0755 "$b/rootfs/usr/bin/hello"
echo 'PS1=#' >"$b/rootfs/root/.profile"
ln -s motd "$b/rootfs/etc/issue"
printf 'www:x:80:81:web:/:/bin/false\n' >"$b/passwd"
printf 'www:x:81:\n' >"$b/group"
cat >"$b/services" <<EOF
service web /usr/sbin/prog
    files prog:/usr/sbin/prog www:/var/www $T/abs.conf:/etc/abs.conf
    user www
EOF

# build DIR UMASK: svcc, mkroot, mkcpio into DIR, as the Makefile does
build() {
	mkdir -p "$1"
	(
		umask "$2"
		"$SVCC" --passwd "$b/passwd" --group "$b/group" --sysroot "$s" \
			-o "$1/table.c" -m "$1/manifest" "$b/services" &&
			ROOTFS=$1/rootfs MANIFEST=$1/manifest CORRAL=$CORRAL \
				ELFDEPS=$ELFDEPS SYSROOT=$s BOARD_DIR=$b \
				bash "$SRC/rootfs-skel/mkroot.sh" &&
			"$MKCPIO" -t 1700000000 "$1/rootfs" >"$1/rootfs.cpio"
	) >"$1.log" 2>&1
}

if build "$T/o1" 022; then
	pass "a board with an overlay, passwd, group and files SRC:DST builds"
else
	fail "build: $(tail -n 5 "$T/o1.log" | tr '\n' ' ')"
	exit 1
fi
r=$T/o1/rootfs w=$T/o1/rootfs/srv/web
check_eq "files prog:/usr/sbin/prog: copied from the board directory" \
	"$(md5sum <"$b/prog")" "$(md5sum <"$w/usr/sbin/prog")"
check_eq "its closure comes from SYSROOT (libbar, loader, libc)" 0 \
	"$("$ELFDEPS" -r "$w" /usr/sbin/prog >/dev/null 2>&1; echo $?)"
check_eq "files www:/var/www: a directory, recursively" "<p>hi gif" \
	"$(cat "$w/var/www/index.html" "$w/var/www/img/a.gif" | tr '\n' ' ' | sed 's/ $//')"
check_eq "files ABSOLUTE:DST: from the build host" port=80 "$(cat "$w/etc/abs.conf")"
check_eq "overlay: /etc/motd" welcome "$(cat "$r/etc/motd")"
check_eq "overlay: a symlink stays a symlink" motd "$(readlink "$r/etc/issue")"
check_eq "overlay: a file below a service's root is in its subtree" \
	'server.port = 80' "$(cat "$w/etc/web.conf")"
check_eq "overlay: usr/bin/hello lands in /bin through the usr/bin link" \
	755 "$(stat -c %a "$r/bin/hello")"
check_eq "overlay: /root keeps the base's mode 0700" 700 "$(stat -c %a "$r/root")"
check_eq "overlay: a data file is 0644" 644 "$(stat -c %a "$r/etc/motd")"
check_grep "passwd beside services: www is in the image" '^www:x:80:81:' "$r/etc/passwd"
check_grep "group beside services: www is in the image" '^www:x:81:$' "$r/etc/group"
check_grep "the services' own svc-NAME users are still there" '^svc-web:' "$r/etc/passwd"
check_grep "user www resolved from the board's passwd" '^runas	web	80	81$' "$T/o1/manifest"

# The same board, built where the checkout and the umask are stricter.
chmod -R go-rwx "$b"
if build "$T/o2" 077 && cmp -s "$T/o1/rootfs.cpio" "$T/o2/rootfs.cpio"; then
	pass "same cpio bytes under umask 022 and 077 ($(stat -c %s "$T/o1/rootfs.cpio") bytes)"
else
	fail "the cpio depends on the umask or the checkout's modes: $(tail -n 3 "$T/o2.log")"
fi
chmod -R go+rX "$b"

# An overlay /etc/passwd would drop the svc-NAME users: refused.
printf 'root:x:0:0::/:/bin/sh\n' >"$b/rootfs/etc/passwd"
build "$T/o3" 022
check_eq "an overlay etc/passwd fails the build" 1 "$?"
check_grep "... saying where users go" \
	"^$b/rootfs/etc/passwd: list users and groups in $b/passwd instead" "$T/o3.log"
rm "$b/rootfs/etc/passwd"

# A copied ELF whose library SYSROOT lacks: named, with the service.
mv "$s/lib/libbar.so.1" "$T/"
build "$T/o4" 022
check_eq "a library missing for a copied ELF fails the build" 1 "$?"
check_grep "... naming the service line and the library" \
	"^$b/services:1: web: $b/prog: needs libbar.so.1: not found in $s$" "$T/o4.log"
