#!/bin/bash
# Benchmark: corral's stripped static binary on every board whose
# toolchain is here (`make size`), against init and supervision anchors
# installed from Debian (lib/scripts/deps.sh): their size on disk as
# packaged (stripped), their linking as file(1) reports it, and for a
# dynamic one the shared libraries it needs (ldd) and their size.
# Report: $O/bench/size.txt; figures for tests/bench/report.py in
# $O/bench/size.data:
#   corral BOARD ARCH BYTES BUDGET LINKING
#   anchor NAME BYTES LINKING LIB-BYTES FILES ROLE...   (FILES: a,b,c)
# Sizes do not depend on the machine's load: no repeats needed.
. "$SRC/tests/lib.sh"
need_cmd "size benchmark" file ldd make
scratch
out=$O/bench/size.txt
data=$O/bench/size.data
mkdir -p "$O/bench"
make -C "$SRC" --no-print-directory size >"$T/size.log" 2>&1
rc=$?
: >"$data"
awk '/^[a-z0-9_-]+ \([a-z0-9_]+\):$/ { b = $1; a = substr($2, 2, length($2) - 3) }
	/^stripped: .*OVER the budget/ { print b, a, $2, $7 }
	/^stripped: .*\(budget/ { print b, a, $2, substr($5, 1, length($5) - 1) }
	/: SKIP: / { print "skip", $0 }' "$T/size.log" >"$T/boards"
while read -r b rest; do
	if [ "$b" = skip ]; then
		echo "skip $rest" >>"$data"
		continue
	fi
	case $(file -b "$SRC/out/$b/corral") in
	*"statically linked"* | *"static-pie linked"*) l=static ;;
	*) l=dynamic ;;
	esac
	echo "corral $b $rest $l" >>"$data"
done <"$T/boards"
# The board over its budget says why make size failed; other failures
# by their last lines.
why=$(awk '/^[a-z0-9_-]+ \([a-z0-9_]+\):$/ { b = $1 }
	/^stripped: .*OVER the budget/ { print b ": " $0 }' "$T/size.log")
[ -n "$why" ] || why=$(grep -v '^\.' "$T/size.log" | tail -n 3)
[ "$rc" = 0 ] || fail "make size failed: $(printf '%s\n' "$why" | tr '\n' ' ')"

# anchor NAME ROLE FILE...: the files' total size, the first one's
# linking, the total of the distinct shared libraries they need.
anchor() {
	local name=$1 role=$2 f bytes=0 link='' libs=''
	shift 2
	for f in "$@"; do
		if [ ! -e "$f" ]; then
			skip "size of $name ($f not installed: make deps-check)"
			return
		fi
		bytes=$((bytes + $(stat -L -c %s "$f")))
		case $(file -bL "$f") in
		*"statically linked"* | *"static-pie linked"*) [ -n "$link" ] || link=static ;;
		*"dynamically linked"*)
			link=dynamic
			libs="$libs $(ldd "$f" 2>/dev/null | awk '$3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')"
			;;
		*) [ -n "$link" ] || link=unknown ;;
		esac
	done
	local lb=0 l
	# shellcheck disable=SC2086 # libs is a word list
	for l in $(printf '%s\n' $libs | sort -u); do
		lb=$((lb + $(stat -L -c %s "$l")))
	done
	echo "anchor $name $bytes $link $lb $(printf '%s\n' "$@" | paste -sd,) $role" >>"$data"
}
anchor tini-static "init (tini, static build)" /usr/bin/tini-static
anchor tini "init (tini)" /usr/bin/tini
anchor dumb-init "init (dumb-init)" /usr/bin/dumb-init
anchor busybox "init + applets (busybox-static)" /bin/busybox
anchor runit "init + supervision (runit, runsvdir, runsv)" /sbin/runit /usr/bin/runsvdir /usr/bin/runsv
anchor s6 "supervision (s6-svscan, s6-supervise)" /usr/bin/s6-svscan /usr/bin/s6-supervise
anchor bwrap "sandbox launcher (bubblewrap)" "$(command -v bwrap || echo /usr/bin/bwrap)"
anchor crun "OCI runtime (crun)" "$(command -v crun || echo /usr/bin/crun)"
{
	echo "Static binary size: corral per board (stripped, make size) and the anchors"
	echo "from Debian as packaged, $(date -u +%F)"
	echo
	printf '%-14s %-10s %10s %10s  %s\n' board arch bytes budget linking
	awk '$1 == "corral" { printf "%-14s %-10s %10s %10s  %s\n", $2, $3, $4, $5, $6 }' "$data"
	echo
	printf '%-12s %10s %-8s %12s  %s\n' anchor bytes linking "+libs bytes" role
	awk '$1 == "anchor" { r = ""; for (i = 7; i <= NF; i++) r = r " " $i
		printf "%-12s %10s %-8s %12s %s\n", $2, $3, $4, $5, r }' "$data"
} >"$out"
cat "$out"
n=$(grep -c '^corral ' "$data")
if [ "$n" -ge 1 ]; then
	pass "size benchmark: corral on $n boards"
else
	fail "size benchmark: no board sized"
fi
