#!/bin/bash
# valgrind memcheck (issue 15) of the services compiler on the board's
# services file, and of PID 1 in container mode for one short run:
# boot, the services up, `corral ctl status`, shutdown.
#
# What is checked is the binary corral ships: static musl, as PID 1
# runs it. corral never calls malloc (PID 1 never allocates), so
# memcheck's heap checks have nothing to see; what it does check is every
# instruction: a jump on an uninitialised value, a read or write of
# unaddressable memory, and each system call's arguments (a sendmsg(),
# write() or sockaddr with uninitialised bytes), which it decodes from
# the syscall instruction itself, libc or none. --soname-synonyms=
# somalloc=NONE points memcheck's malloc at the executable's own, so
# anything musl allocates on corral's behalf is checked too. A glibc
# rebuild would check other code (glibc's wrappers in place of
# lib/sysover.c and lib/strover.c): SANITIZE=1 covers that build.
#
# PID 1 never exits, and valgrind 3.19 has no reboot(2) (ENOSYS: corral
# logs it and waits for the power), so memcheck never prints PID 1's
# ERROR SUMMARY: it prints each error as it finds it, so PID 1's log
# must hold none after its banner, up to the failed reboot(2) that ends
# its shutdown; then it is SIGKILLed. The ctl client, `corral table` and
# svcc exit: each must end with "ERROR SUMMARY: 0 errors" and its own
# exit status. Memcheck reads /proc/self/maps before corral can mount
# /proc: the tree gets it mounted first (PID1_PROC). False positives of
# valgrind's own are suppressed in tests/unit/valgrind.supp, each with
# its reason.
. "$SRC/tests/lib.sh"
. "$SRC/tests/unit/pid1/lib.sh"
need_cmd "valgrind memcheck" valgrind
if [ "${SANITIZE:-}" = 1 ]; then
	skip "valgrind memcheck (SANITIZE=1: ASan's shadow memory and valgrind exclude each other)"
	exit 0
fi
scratch
use_svcc
VG=(valgrind --tool=memcheck --vgdb=no --error-exitcode=99 --track-origins=yes
	--suppressions="$SRC/tests/unit/valgrind.supp")

# vg WHAT STATUS LOG CMD...: CMD under memcheck exits STATUS, and its log
# ends with a zero error summary.
vg() {
	local what=$1 want=$2 log=$3 rc
	shift 3
	"${VG[@]}" --log-file="$log" "$@" >"$log.out" 2>&1
	rc=$?
	check_eq "$what under memcheck: exit status" "$want" "$rc"
	check_grep "$what under memcheck: no error" '^==[0-9]+== ERROR SUMMARY: 0 errors from 0 contexts' "$log"
}

# svcc is a glibc host tool: leaks count as errors too (it frees its
# lexer; the words and specs stay referenced until exit).
max=$(sed -n 's/^#define CFG_MAX_SERVICES //p' "$O/gen/config.h")
vg "svcc on $BOARD_DIR/services" 0 "$T/svcc.vg" --leak-check=full \
	--errors-for-leak-kinds=definite "$SVCC" --max-services "$max" \
	-o "$T/table.c" -m "$T/manifest" "$BOARD_DIR/services"
"$SVCC" --max-services "$max" -o "$T/table2.c" -m "$T/manifest2" \
	"$BOARD_DIR/services"
if cmp -s "$T/table.c" "$T/table2.c" && cmp -s "$T/manifest" "$T/manifest2"; then
	pass "svcc under memcheck: the same table and manifest"
else
	fail "svcc under memcheck: another table or manifest than without it"
fi
printf 'service x /bin/true\n    bogus-option 1\n' >"$T/bad.services"
vg "svcc on a bad file" 1 "$T/bad.vg" "$SVCC" -o "$T/b.c" -m "$T/b.m" \
	"$T/bad.services"

# PID 1: the tree's /sbin/init is memcheck running corral (the launcher
# and tool copied in with the launcher's libraries), its log in the
# tree's root, which the host sees.
pid1_setup
pid1_build basic basic.services || exit 0
vg "corral table" 0 "$T/table.vg" --soname-synonyms=somalloc=NONE \
	"$BIN" table
pid1_tree "$T/root"
r=$T/root
for f in /usr/bin/valgrind.bin /usr/libexec/valgrind/memcheck-amd64-linux \
	/usr/libexec/valgrind/default.supp "$SRC/tests/unit/valgrind.supp" $(ldd /usr/bin/valgrind.bin | grep -o '/[^ ]*'); do
	mkdir -p "$r$(dirname "$f")"
	cp -L "$f" "$r$f"
done
mv "$r/sbin/init" "$r/sbin/init.real"
printf '#!/bin/sh\nexec /usr/bin/valgrind.bin %s --suppressions=%s --log-file=/vg.log --soname-synonyms=somalloc=NONE /sbin/corral\n' \
	"${VG[*]:1:4}" "$SRC/tests/unit/valgrind.supp" >"$r/sbin/init"
chmod +x "$r/sbin/init"
PID1_PROC=1 pid1_start "$r"
check_wait "PID 1 under memcheck: up line" '^corral: up: ' 60
pid1_ctl status >"$T/status" 2>&1
check_grep "PID 1 under memcheck: ctl status lists app up" '^app (ready|running) [0-9]+ ' "$T/status"
vg "corral ctl status" 0 "$T/ctl.vg" --soname-synonyms=somalloc=NONE \
	"$BIN" ctl --socket "$SOCK" status
kill -TERM "$PID1"
check_wait "PID 1 under memcheck: SIGTERM, a shutdown" '^corral: shutdown: reboot$' 30
check_wait "PID 1 under memcheck: app stopped" '^corral: app: killed by signal 15$' 30
check_wait "PID 1 under memcheck: shutdown reaches reboot(2) (ENOSYS under valgrind)" \
	'^corral: reboot: Function not implemented' 30
pid1_stop KILL
check_grep "PID 1 under memcheck: it ran under memcheck" '^==1== Memcheck, a memory error detector' "$r/vg.log"
# An error record is a line "==1== Kind...": all but the banner's.
banner='Memcheck, a|Copyright|Using Valgrind|Command:|Parent PID:'
n=$(grep -E '^==1== [A-Z]' "$r/vg.log" | grep -cvE "^==1== ($banner)")
check_eq "PID 1 under memcheck: no error in its log" 0 "$n"
[ "$n" = 0 ] || grep -E -A 12 '^==1== [A-Z]' "$r/vg.log" | grep -vE "^==1== ($banner)" | head -40
