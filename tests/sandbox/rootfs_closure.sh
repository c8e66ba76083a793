#!/bin/bash
# The ELF closure mkroot.sh copies is enough to run a dynamic Debian
# program in a jail that holds only its subtree: /bin/ls (libselinux,
# libpcre2, libc, the loader) and /usr/bin/env from coreutils run under
# `corral run --root SUBTREE`; a subtree missing one library fails the
# same way at run time (the loader's 127) as the build-time check says.
# Static toybox applets run there too.
. "$SRC/tests/lib.sh"
need_root "ELF closure in a jail"
ELFDEPS=${ELFDEPS:-$O/host/elfdeps}
for f in "$CORRAL" "$ELFDEPS"; do
	[ -x "$f" ] || { fail "$f not built"; exit 1; }
done
scratch
tb=$O/toybox/toybox tba=$O/toybox/applets
[ -x "$tb" ] || tb='' tba=''

printf '%s\n' "svc	dyn	/srv/dyn	test.services	1" "runas	dyn	65534	65534" \
	"exec	dyn	/bin/ls" "file	dyn	/bin/ls" "file	dyn	/usr/bin/env" >"$T/manifest"
[ -n "$tb" ] && printf '%s\n' "svc	tb	/srv/tb	test.services	7" \
	"exec	tb	/bin/sh" "applet	tb	sh" "applet	tb	cat" >>"$T/manifest"
if ROOTFS=$T/root MANIFEST=$T/manifest CORRAL=$CORRAL ELFDEPS=$ELFDEPS \
	TOYBOX=$tb APPLETS=$tba bash "$SRC/rootfs-skel/mkroot.sh" >"$T/out" 2>&1; then
	pass "subtree with /bin/ls and /usr/bin/env assembled"
else
	fail "mkroot: $(cat "$T/out")"
	exit 1
fi
sub=$T/root/srv/dyn
libs=$(cd "$sub" && find . -type f -path '*lib*' | sort | tr '\n' ' ')
case $libs in
*libc.so.6*libselinux.so.1*) pass "closure copied: $libs" ;;
*) fail "closure lacks libc or libselinux: $libs" ;;
esac

run() { "$CORRAL" run --root "$sub" -- "$@" 2>"$T/err"; }
out=$(run /bin/ls /)
rc=$?
check_eq "ls / in the jail: exit 0, sees only its subtree" \
	"0 bin dev etc lib lib64 proc tmp usr" "$rc $(echo "$out" | tr '\n' ' ' | sed 's/ $//')"
out=$(run /usr/bin/env -i CORRAL=yes)
check_eq "env in the jail" "0 CORRAL=yes" "$? $out"

# Take one library away: the check predicts it, the jail confirms it.
rm "$sub/lib/x86_64-linux-gnu/libselinux.so.1" 2>/dev/null ||
	rm "$(find "$sub" -name 'libselinux.so.1' | head -n 1)"
"$ELFDEPS" -r "$sub" /bin/ls >/dev/null 2>"$T/check"
check_grep "elfdeps names the missing library" '^elfdeps: /bin/ls: needs libselinux.so.1: not found$' "$T/check"
run /bin/ls / >/dev/null
check_eq "and ls really cannot start in the jail (loader: 127)" 127 "$?"
check_grep "loader's message" 'libselinux.so.1' "$T/err"

if [ -n "$tb" ]; then
	out=$("$CORRAL" run --root "$T/root/srv/tb" -- /bin/sh -c 'echo ok')
	check_eq "static toybox sh runs in an otherwise empty jail" "0 ok" "$? $out"
	out=$("$CORRAL" run --root "$T/root/srv/tb" -- /bin/cat /etc/passwd | head -n 1)
	check_eq "the subtree's /etc/passwd (a hard link to the base's)" "root:x:0:0:root:/root:/bin/sh" "$out"
else
	skip "toybox in the jail (not built)"
fi
