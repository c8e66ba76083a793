#!/bin/bash
# svcc output is a pure function of the services file: the same bytes on
# every run and from any checkout path (reproducible images, SPEC 2).
. "$SRC/tests/lib.sh"
scratch
use_svcc

mkdir -p "$T/a/boards/qemu" "$T/b/elsewhere/deeper/qemu"
cat >"$T/a/boards/qemu/services" <<'EOF'
hostname det
module veth
service web /bin/httpd -p 80 "x y"
    memory 16M
    net veth 10.0.0.2/24 gw 10.0.0.1
    rlimit nofile 1024
    env A=1
    tmpfs /tmp 1M
    after db
service db /bin/db
    state /var/db
    oneshot
EOF
cp "$T/a/boards/qemu/services" "$T/b/elsewhere/deeper/qemu/services"

gen() { # gen DIR FILE OUTNAME
	(cd "$1" && "$SVCC" -o "$T/$3.c" -m "$T/$3.man" "$2")
}
if ! gen "$T/a" boards/qemu/services one ||
	! gen "$T/a" boards/qemu/services two; then
	fail "svcc failed"
	exit 1
fi
# same NAME A B
same() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1: $(diff "$2" "$3" | head -5)"
	fi
}
same "table.c identical on a second run" "$T/one.c" "$T/two.c"
same "manifest identical on a second run" "$T/one.man" "$T/two.man"

gen / "$T/b/elsewhere/deeper/qemu/services" three || { fail "svcc failed"; exit 1; }
same "table.c independent of the checkout path" "$T/one.c" "$T/three.c"
if grep -q "$T" "$T/three.c"; then
	fail "table.c contains the build path"
else
	pass "table.c does not contain the build path"
fi
