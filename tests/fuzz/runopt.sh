#!/bin/bash
# `corral run`'s option parser (sandbox/runopt.c, runval.c, runuser.c)
# in-process: see runopt_fuzz.c for the input format and the oracle,
# fuzz.bash for the run. Every RUN row of lib/opts.h must have a seed
# opt-NAME using --NAME, and every --NAME is a dictionary word.
. "$SRC/tests/fuzz/fuzz.bash"
fz_init runopt
printf '#include "opts.h"\n#define P(id, name, min, max, rep, run, ...) IF_##run(OPT name)\nSVC_OPTIONS(P)\n' |
	"${HOSTCC:-cc}" -E -P -I"$SRC/lib" -x c - | grep -o 'OPT "[^"]*"' | cut -d'"' -f2 >"$T/opts"
if [ ! -s "$T/opts" ]; then
	fail "no RUN rows read from lib/opts.h"
	exit 1
fi
missing=
while read -r o; do
	grep -qs -- "^--$o" "$FZ_DIR/runopt_corpus/opt-$o" || missing="$missing $o"
	printf '"--%s"\n"--%s="\n' "$o" "$o" >>"$T/dict"
done <"$T/opts"
check_eq "a seed for each of the $(wc -l <"$T/opts") options of corral run" "" "$missing"
cat "$FZ_DIR/runopt.dict" >>"$T/dict"
fz_build tests/fuzz/runopt_fuzz.c sandbox/runopt.c sandbox/runval.c sandbox/mount.c \
	sandbox/runuser.c lib/*.c
FZ_DICT=$T/dict fz_run -max_len=512 -close_fd_mask=2
