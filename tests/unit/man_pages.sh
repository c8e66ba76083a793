#!/bin/bash
# The man pages against the option table (issue 16): every row of
# lib/opts.h in corral-services(5), every RUN row in corral(8) and in
# `corral run --help` (and no services-only row there), the README's
# option table naming exactly the rows, every top-level keyword of svcc
# in corral-services(5), and both pages free of groff and mandoc
# warnings. The rows are read from lib/opts.h with sed, not through the
# generator, so a generator that dropped one would be caught; entries
# are found in the structure mandoc -T html gives (dt per .TP). Each
# comparison is also run once on a doctored input, where it must fail;
# and mangen built against an opts.h with an extra row must list it.
# shellcheck disable=SC2016 # the backquotes are the README's, literal
. "$SRC/tests/lib.sh"
need_cmd "man pages" groff mandoc man col sed awk
scratch
man8=$O/man/corral.8 man5=$O/man/corral-services.5
for p in "$man8" "$man5"; do
	[ -s "$p" ] || { fail "man pages: $p not built (make man)"; exit 0; }
done
[ -x "$CORRAL" ] || { fail "man pages: $CORRAL not built"; exit 0; }

# render PAGE: as man(1) shows it, plain text
render() { groff -man -rHY=0 -Tutf8 -P-c "$1" 2>/dev/null | col -bx; }
# section TEXT NAME: the lines of section NAME of a rendered page
section() { sed -n "/^$2\$/,/^[A-Z][A-Z -]*\$/p" "$1" | sed '1d;$d'; }
# dt PAGE SECTION: the first word of each tag (.TP, .TQ) in SECTION
# (its heading as written, e.g. "CORRAL CTL"), from mandoc's HTML
dt() {
	mandoc -T html "$1" | tr '\n' ' ' | sed 's/<h1/\n&/g; s/<dt/\n&/g' |
		awk -v want="$(tr ' ' _ <<<"$2")" '
		/^<h1/ { match($0, /id="[^"]*"/); sec = substr($0, RSTART + 4, RLENGTH - 5) }
		/^<dt/ && sec == want {
			sub(/<\/dt>.*/, ""); gsub(/<[^>]*>/, ""); sub(/^ +/, "")
			split($0, w, " "); print w[1]
		}' | sort -u
}
# same WHAT WANT_FILE GOT_FILE: one verdict, the differences named
same() {
	local d
	d=$(comm -3 "$2" "$3" | tr -d '\t' | tr '\n' ' ')
	check_eq "$1" "" "$d"
}

rows=$(sed -n 's/^\tX([a-z_]*, "\([a-z-]*\)",.*/\1/p' "$SRC/lib/opts.h" | sort)
run=$(sed -n 's/^\tX([a-z_]*, "\([a-z-]*\)", [0-9]*, [A-Z_0-9]*, [01], RUN,.*/\1/p' \
	"$SRC/lib/opts.h" | sort)
n=$(wc -w <<<"$rows")
[ "$n" -ge 28 ] || fail "man pages: only $n rows read from lib/opts.h"
[ "$(wc -w <<<"$run")" -ge 10 ] || fail "man pages: only $(wc -w <<<"$run") RUN rows read"
echo "$rows" >"$T/rows"
echo "$run" >"$T/run"

render "$man5" >"$T/5.txt"
render "$man8" >"$T/8.txt"
section "$T/5.txt" OPTIONS >"$T/5.opts"
dt "$man5" OPTIONS >"$T/5.tags"
same "corral-services(5) has an entry for each of the $n rows, and no other" \
	"$T/rows" "$T/5.tags"
# Each entry says how corral run spells it, or that it does not.
: >"$T/5.bad"
for r in $rows; do
	grep -qx "$r" "$T/run" && want="corral run: --$r" || want="Services file only"
	sed -n "/^       $r\( \|\$\)/,/^\$/p" "$T/5.opts" | grep -q -- "$want" ||
		echo "$r" >>"$T/5.bad"
done
check_eq "each corral-services(5) entry gives its corral run form" "" \
	"$(tr '\n' ' ' <"$T/5.bad")"

# The services-file syntax (docs/services-options where it has one)
# names every keyword that corral run's (made from the row) offers: a
# value added to a row (net bridge...) must reach the page's syntax.
# syn_check OPTIONS_TEXT: "ROW: KEYWORD" for each one missing; the
# keywords checked in $T/syn.keys
syn_check() {
	local r syn arg k
	: >"$T/syn.keys"
	for r in $run; do
		sed -n "/^       $r /,/^\$/p" "$1" >"$T/entry"
		syn=$(head -1 "$T/entry" | sed "s/^       $r //")
		arg=$(sed -n "s/^ *corral run: --$r //p" "$T/entry")
		[ -n "$arg" ] || echo "$r: no corral run syntax"
		for k in $(tr '|' '\n' <<<"$arg" | sed -n 's/^\([a-z][a-z]*\).*/\1/p'); do
			echo "$k" >>"$T/syn.keys"
			grep -qx "$k" <<<"${syn//[][| ]/$'\n'}" || echo "$r: $k"
		done
	done
}
syn_check "$T/5.opts" >"$T/syn.bad"
[ "$(wc -l <"$T/syn.keys")" -ge 12 ] || fail "man pages: only $(wc -l <"$T/syn.keys") corral run keywords read"
check_eq "each services syntax names the $(wc -l <"$T/syn.keys") keywords of corral run's" "" \
	"$(tr '\n' ' ' <"$T/syn.bad")"
sed 's/^\( *corral run: --net none|host|veth\)/\1|wifi:W/' "$T/5.opts" >"$T/5.wifi"
check_eq "a --net that gained wifi, with the services syntax unchanged, is caught" \
	"net: wifi" "$(syn_check "$T/5.wifi")"

dt "$man8" "CORRAL RUN OPTIONS" | sed -n 's/^--//p' >"$T/8.run"
same "corral(8) lists each RUN row as --NAME, and no services-only row" \
	"$T/run" "$T/8.run"

"$CORRAL" run --help >"$T/help" 2>&1
sed -n 's/^  --\([a-z][-a-z_]*\)\( .*\)\{0,1\}$/\1/p' "$T/help" |
	grep -vx help | sort -u >"$T/help.run"
same "corral run --help offers each RUN row, and no services-only row" \
	"$T/run" "$T/help.run"

# readme_opts FILE: first words of the code spans in the first column
# of the README's option table ("| option | meaning [default] |").
readme_opts() {
	sed -n '/^| option | meaning \[default\] |$/,/^$/p' "$1" | sed '1,2d;/^$/d' |
		sed 's/\\|/ /g' | cut -d'|' -f2 | grep -o '`[^`]*`' |
		sed 's/^`\([^ `]*\).*/\1/' | sort -u
}
readme_opts "$SRC/README.md" >"$T/readme"
same "the README's option table names each row, and no other" "$T/rows" "$T/readme"

# The prose's examples ("!" lines of docs/services-options) compile.
use_svcc
mkdir -p "$T/root/bin" && touch "$T/root/bin/ok"
sed -n 's/^!//p' "$SRC/docs/services-options" >"$T/examples"
[ "$(wc -l <"$T/examples")" -ge 10 ] || fail "man pages: only $(wc -l <"$T/examples") examples read"
while read -r e; do
	printf 'service a /bin/ok\n    %s\n' "$e" >"$T/ex.services"
	(cd "$T" && "$SVCC" --sysroot "$T/root" -o ex.c -m ex.man ex.services) \
		>/dev/null 2>"$T/ex.err" || echo "'$e': $(head -1 "$T/ex.err")"
done <"$T/examples" >"$T/ex.bad"
check_eq "svcc takes each of the $(wc -l <"$T/examples") examples of corral-services(5)" "" \
	"$(cat "$T/ex.bad")"

# corral ctl's commands (init/ctl.help, what `corral ctl --help` prints)
# each with its entry in corral(8).
sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z]*\).*/\1/p' "$SRC/init/ctl.help" |
	sort -u >"$T/ctl"
[ "$(wc -l <"$T/ctl")" -ge 8 ] || fail "man pages: only $(wc -l <"$T/ctl") ctl commands read"
dt "$man8" "CORRAL CTL" | grep -v '^-' >"$T/8.ctltags"
same "corral(8) has an entry for each command of corral ctl --help (docs/corral.8.in, CORRAL CTL)" \
	"$T/ctl" "$T/8.ctltags"

# PID 1's fixed log texts: svc_say's, the "corral: " literals of init/
# and sandbox/, and every literal that the files which build log lines
# (supervise.c, stop.c, log.c) pass to ln_str: each in corral(8)'s LOG.
section "$T/8.txt" LOG | tr -s ' \n' '  ' >"$T/8.log"
{
	grep -ho 'svc_say(i, "[^"]*")\|ln_str(&l, "corral: [^"]*")\|\[\] = "corral: [^"]*"' \
		"$SRC"/init/*.c "$SRC"/sandbox/*.c | sed 's/^[^"]*"//; s/"[^"]*$//'
	awk '/ln_str\(/ {
		s = $0
		while (s !~ /;/ && (getline l) > 0)
			s = s l
		while (match(s, /"[^"]*"/)) {
			print substr(s, RSTART + 1, RLENGTH - 2)
			s = substr(s, RSTART + RLENGTH)
		}
	}' "$SRC"/init/supervise.c "$SRC"/init/stop.c "$SRC"/init/log.c
} | sed 's/^corral: //; s/\\n$//; s/^[ ,:]*//; s/[ ,:]*$//' |
	grep '[a-z][a-z]' | sort -u >"$T/logtexts"
[ "$(wc -l <"$T/logtexts")" -ge 15 ] || fail "man pages: only $(wc -l <"$T/logtexts") log texts read"
while read -r t; do grep -qF -- "$t" "$T/8.log" || echo "'$t'"; done <"$T/logtexts" >"$T/8.nolog"
check_eq "corral(8) shows each of PID 1's $(wc -l <"$T/logtexts") fixed log texts" "" \
	"$(tr '\n' ' ' <"$T/8.nolog")"

# svcc's top-level keywords (rootfs-skel/svcc/parse.c, tops[]).
# (clang-format may put two entries on a line)
grep -o '{"[a-z-]*", [0-9A-Z]*, [0-9A-Z]*, top_[a-z_]*}' "$SRC/rootfs-skel/svcc/parse.c" |
	sed 's/^{"\([a-z-]*\)".*/\1/' | sort -u >"$T/tops"
[ "$(wc -l <"$T/tops")" -ge 4 ] || fail "man pages: only $(wc -l <"$T/tops") top-level keywords read"
dt "$man5" "TOP-LEVEL LINES" >"$T/5.toptags"
same "corral-services(5) documents each top-level keyword of svcc" "$T/tops" "$T/5.toptags"

for p in "$man8" "$man5"; do
	b=$(basename "$p")
	groff -man -ww -z "$p" >"$T/groff" 2>&1
	check_eq "$b: groff -man -ww reports nothing" "" "$(head -3 "$T/groff")"
	mandoc -T lint "$p" >"$T/mandoc" 2>&1
	check_eq "$b: mandoc -T lint reports nothing" "" "$(head -3 "$T/mandoc")"
	MANWIDTH=80 man -l "$p" >"$T/man" 2>"$T/man.err"
	check_eq "$b: man -l shows it without a message" "0:" \
		"$?:$(head -2 "$T/man.err")"
done

# The comparisons can fail: a README without the memory row, a page
# without the log entry, a --help without --bind, a LOG section without
# a line.
sed 's/`memory SIZE`, //' "$SRC/README.md" >"$T/README.less"
readme_opts "$T/README.less" >"$T/readme.less"
check_eq "a README table without memory is caught" "memory" \
	"$(comm -23 "$T/rows" "$T/readme.less")"
grep -vx log "$T/5.tags" >"$T/5.less"
check_eq "a page without the log entry is caught" "log" "$(comm -23 "$T/rows" "$T/5.less")"
grep -v '^  --bind' "$T/help" | sed -n 's/^  --\([a-z][-a-z_]*\).*/\1/p' |
	grep -vx help | sort -u >"$T/help.less"
check_eq "a --help without --bind is caught" "bind" "$(comm -23 "$T/run" "$T/help.less")"

sed 's/stop timeout, killing//' "$T/8.log" >"$T/8.log.less"
check_eq "a LOG section without the stop timeout line is caught" "stop timeout, killing" \
	"$(while read -r t; do grep -qF -- "$t" "$T/8.log.less" || echo "$t"; done <"$T/logtexts")"

# A row added to lib/opts.h shows up in both pages with nothing else
# edited; prose for an option that is no row fails the generator.
mkdir -p "$T/lib" && cp "$SRC"/lib/*.h "$T/lib/"
sed -i 's/^#define SVC_OPTIONS(X) \\$/&\n\tX(frob, "frob-it", 1, 1, 1, RUN, PR_NONE, "N", "a test row\\n\\tof two lines [7]") \\/' \
	"$T/lib/opts.h"
${HOSTCC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I"$T/lib" \
	-o "$T/mangen" "$SRC/lib/host/mangen.c" "$SRC/lib/host/mangen_in.c" 2>"$T/cc.err"
check_eq "mangen builds against an opts.h with a new row" "" "$(head -3 "$T/cc.err")"
(cd "$SRC" && "$T/mangen" services docs/corral-services.5.in docs/services-options) >"$T/x.5"
(cd "$SRC" && "$T/mangen" run docs/corral.8.in) >"$T/x.8"
render "$T/x.5" >"$T/x5.txt"
render "$T/x.8" >"$T/x8.txt"
check_grep "the new row has its corral-services(5) entry" '^       frob-it N$' "$T/x5.txt"
check_grep "with its default" '^              Default: 7$' "$T/x5.txt"
check_grep "and its corral(8) entry" '^       --frob-it N$' "$T/x8.txt"
printf '@nosuch WORD\ntext\n' >"$T/prose"
(cd "$SRC" && "$T/mangen" services docs/corral-services.5.in "$T/prose") >/dev/null 2>"$T/err"
check_eq "prose for no row fails mangen" 1 "$?"
check_grep "naming the file, line and option" "prose:1: 'nosuch' is no row of lib/opts.h" "$T/err"
printf '@log syslog\n\ntext\n' >"$T/prose"
(cd "$SRC" && "$T/mangen" services docs/corral-services.5.in "$T/prose") >/dev/null 2>"$T/err"
check_grep "a blank line in the prose fails mangen" "prose:2: blank line" "$T/err"

# make install puts both pages under MANDIR (PREFIX/share/man; for the
# default PREFIX=/, /usr/share/man), mode 0644.
for pre in /usr/local /; do
	want=$([ "$pre" = / ] && echo /usr/share/man || echo "$pre/share/man")
	make -s -C "$SRC" BOARD="$BOARD_DIR" O="$O" DESTDIR="$T/dest" \
		PREFIX="$pre" install >"$T/install.log" 2>&1
	check_eq "make install PREFIX=$pre exits 0" 0 "$?"
	got=$(cd "$T/dest" && stat -c '%a %n' ".$want/man8/corral.8" \
		".$want/man5/corral-services.5" 2>&1 | tr '\n' ' ')
	check_eq "PREFIX=$pre: the pages in $want" \
		"644 .$want/man8/corral.8 644 .$want/man5/corral-services.5 " "$got"
	rm -rf "$T/dest"
done
