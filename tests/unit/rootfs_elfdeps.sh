#!/bin/bash
# elfdeps resolves a program's interpreter and libraries inside a root
# the way the target's loader will: $ORIGIN RUNPATH, the default
# multiarch directories, absolute symlinks re-rooted, a library of the
# wrong machine skipped, musl's own default path; and it reads a
# module's modinfo "depends".
. "$SRC/tests/lib.sh"
ELFDEPS=${ELFDEPS:-$O/host/elfdeps}
[ -x "$ELFDEPS" ] || { fail "elfdeps not built ($ELFDEPS)"; exit 1; }
need_cmd "elfdeps fixtures" "${HOSTCC:-cc}" python3
scratch
cc=${HOSTCC:-cc}
s=$T/sys
mkdir -p "$s/opt/bin" "$s/opt/lib" "$s/usr/lib/x86_64-linux-gnu" "$s/lib64" "$s/only" "$s/lib"
ln -s ../usr/lib/x86_64-linux-gnu "$s/lib/x86_64-linux-gnu"

# libbar <- libfoo <- prog; prog finds libfoo through $ORIGIN/../lib.
cd "$T" || exit 1
echo 'int bar(void) { return 1; }' >bar.c
echo 'int bar(void); int foo(void) { return bar(); }' >foo.c
echo 'int foo(void); int main(void) { return foo(); }' >prog.c
# -nostdlib: the libraries need no libc, whichever compiler (Debian's
# gcc links with --as-needed, clang, SANITIZE=1's HOSTCC, does not).
# shellcheck disable=SC2016 # $ORIGIN is for the loader, not the shell
if ! $cc -shared -nostdlib -fPIC -o libbar.so.1 -Wl,-soname,libbar.so.1 bar.c ||
	! $cc -shared -nostdlib -fPIC -o libfoo.so.1 -Wl,-soname,libfoo.so.1 foo.c -L. -l:libbar.so.1 ||
	! $cc -o prog prog.c -L. -l:libfoo.so.1 -Wl,-rpath-link,. -Wl,--enable-new-dtags,-rpath,'$ORIGIN/../lib'; then
	fail "cannot build fixtures"
	exit 1
fi
cp prog "$s/opt/bin/prog"
cp libfoo.so.1 "$s/opt/lib/"
cp libbar.so.1 "$s/usr/lib/"
# A decoy of another machine (aarch64) earlier in the search: skipped.
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[18] = 0xb7; b[19] = 0
open(sys.argv[2], "wb").write(b)' libbar.so.1 "$s/usr/lib/x86_64-linux-gnu/libbar.so.1"
# libc stub, and the interpreter behind an absolute symlink that must
# resolve inside the sysroot, never on the build host.
echo 'int x;' >c.c
$cc -shared -nostdlib -o "$s/usr/lib/x86_64-linux-gnu/libc.so.6" -Wl,-soname,libc.so.6 c.c
$cc -shared -nostdlib -o "$s/only/ld.so" -Wl,-soname,ld-linux-x86-64.so.2 c.c
ln -s /only/ld.so "$s/lib64/ld-linux-x86-64.so.2"

"$ELFDEPS" -r "$s" /opt/bin/prog >out 2>err
rc=$?
check_eq "closure of prog: status 0, nothing on stderr" "0 " "$rc $(cat err)"
check_eq "closure: interpreter re-rooted, \$ORIGIN runpath, multiarch dir, decoy skipped" \
	"/lib64/ld-linux-x86-64.so.2	/only/ld.so
/opt/bin/../lib/libfoo.so.1	/opt/lib/libfoo.so.1
/lib/x86_64-linux-gnu/libc.so.6	/usr/lib/x86_64-linux-gnu/libc.so.6
/usr/lib/libbar.so.1	/usr/lib/libbar.so.1" "$(cat out)"

check_eq "-p: symlinks followed inside the root, .. stops at it" \
	"/only/ld.so /opt /usr/lib/x86_64-linux-gnu/libc.so.6" \
	"$("$ELFDEPS" -r "$s" -p /lib64/ld-linux-x86-64.so.2 /../../opt /lib/x86_64-linux-gnu/../x86_64-linux-gnu/libc.so.6 | tr '\n' ' ' | sed 's/ $//')"

rm "$s/usr/lib/libbar.so.1"
"$ELFDEPS" -r "$s" /opt/bin/prog >/dev/null 2>err
rc=$?
check_eq "missing library: status 1 and who needs it" \
	"1 elfdeps: /opt/bin/prog: needs libbar.so.1 (for /opt/bin/../lib/libfoo.so.1): not found" "$rc $(cat err)"
rm "$s/only/ld.so"
"$ELFDEPS" -r "$s" /opt/bin/prog >/dev/null 2>err
check_grep "missing interpreter named" '^elfdeps: /opt/bin/prog: interpreter /lib64/ld-linux-x86-64.so.2: not found$' err

printf '#!/bin/sh\necho hi\n' >"$s/opt/bin/script"
check_eq "a script needs nothing (status 0, no output)" "0:" \
	"$("$ELFDEPS" -r "$s" /opt/bin/script 2>&1; echo "$?:")" # stdout then status

# musl's loader searches /lib /usr/local/lib /usr/lib, not multiarch dirs.
if command -v musl-gcc >/dev/null; then
	mkdir -p "$s/usr/local/lib" "$s/lib/m"
	musl-gcc -shared -fPIC -o libm1.so bar.c -Wl,-soname,libm1.so &&
		musl-gcc -o mprog prog.c -Wl,--unresolved-symbols=ignore-all -L. -l:libm1.so
	cp mprog "$s/opt/bin/mprog"
	cp libm1.so "$s/usr/lib/x86_64-linux-gnu/libm1.so"
	"$ELFDEPS" -r "$s" /opt/bin/mprog >/dev/null 2>err
	check_grep "musl program: multiarch dir not searched" 'needs libm1.so: not found' err
	cp libm1.so "$s/usr/local/lib/libm1.so"
	check_eq "musl program: found in /usr/local/lib" "/usr/local/lib/libm1.so" \
		"$("$ELFDEPS" -r "$s" /opt/bin/mprog 2>/dev/null | grep libm1 | cut -f1)"
else
	skip "musl default path (needs musl-gcc)"
fi

# A kernel module's modinfo: "depends" is what the build checks order by.
printf 'static const char mi[] __attribute__((section(".modinfo"), used)) =\n  "license=GPL\\0depends=llc,stp\\0vermagic=6.1";\n' >mod.c
$cc -c -o mod.ko mod.c
check_eq "-M: modinfo depends" "llc,stp" "$("$ELFDEPS" -M mod.ko)"
"$ELFDEPS" -M prog.c >/dev/null 2>err
check_eq "-M on a non-module: status 1" "1" "$?"

# Found by tests/fuzz/elfdeps.sh. A .modinfo whose last string is cut
# short ("depen", no NUL) printed with a negative precision, reading on
# past the section: now nothing is printed.
printf 'static const char mi[5] __attribute__((section(".modinfo"), used)) = "depen";\n' >cut.c
$cc -c -o cut.ko cut.c
check_eq "-M: a cut-short modinfo string gives nothing, status 0" "0" \
	"$("$ELFDEPS" -M cut.ko 2>&1; echo "$?")" 2>/dev/null
# A relative PT_INTERP ("ld.so", resolved from the root) with an
# $ORIGIN RPATH: its directory is the root (strrchr found no '/' and the
# old code subtracted from NULL).
# shellcheck disable=SC2016 # $ORIGIN is for the loader
if $cc -shared -nostdlib -o "$s/ld.so" -Wl,-soname,ld.so -Wl,--disable-new-dtags \
	-Wl,-rpath,'$ORIGIN/opt/lib' c.c -L. -Wl,--no-as-needed -l:libfoo.so.1 &&
	$cc -nostdlib -o "$s/opt/bin/relprog" -Wl,--dynamic-linker=ld.so -Wl,-e,0 c.c; then
	check_eq "relative interpreter: \$ORIGIN is the root" \
		"ld.so	/ld.so /opt/lib/libfoo.so.1	/opt/lib/libfoo.so.1" \
		"$("$ELFDEPS" -r "$s" /opt/bin/relprog 2>&1 | grep -v libbar | tr '\n' ' ' | sed 's/ $//')"
else
	fail "cannot build the relative-interpreter fixture"
fi
