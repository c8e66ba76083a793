#!/bin/bash
# The help texts are kept as DIR/NAME.help and packed into the binary at
# build time (lib/host/packtext.c, unpacked by lib/out.c): what --help
# prints must be exactly that text, tabs expanded to its column.
. "$SRC/tests/lib.sh"
need_cmd "packed help texts" tr
scratch
# corral run's is made from sandbox/run.help and lib/opts.h's rows.
for h in corral:init/corral.help "ctl --help":init/ctl.help "run --help":$O/gen/run.help; do
	args=${h%%:*} file=${h#*:}
	[ "${file#/}" = "$file" ] && file=$SRC/$file
	[ "$args" = corral ] && args=--help
	# shellcheck disable=SC2086 # args is a word list
	"$CORRAL" $args >"$T/out" 2>&1
	check_eq "corral $args exits 0" 0 "$?"
	if [ "$(tr -d ' \t' <"$T/out")" = "$(tr -d ' \t' <"$file")" ] &&
		[ "$(wc -l <"$T/out")" = "$(wc -l <"$file")" ]; then
		pass "corral $args prints ${file#"$SRC"/}"
	else
		fail "corral $args differs from $file: $(diff <(tr -d ' \t' <"$T/out") <(tr -d ' \t' <"$file") | head -4)"
	fi
done
# The packer refuses what it cannot carry, rather than truncating.
printf 'caf\303\251\n' >"$T/utf8.help"
"$O/host/packtext" x "$T/utf8.help" >/dev/null 2>"$T/err"
check_eq "packtext refuses non-ASCII text" 1 "$?"
check_grep "packtext names the file and the reason" 'utf8.help: not plain ASCII' "$T/err"
head -c 5000 /dev/zero | tr '\0' a >"$T/long.help"
"$O/host/packtext" x "$T/long.help" >/dev/null 2>&1
check_eq "packtext refuses a text over TEXT_MAX" 1 "$?"
