#!/bin/bash
# Benchmark: boot to 10 services in each board's QEMU (TCG), side by
# side, boots interleaved:
#   corral         10 services behind the default jail (every namespace,
#                  own subtree, seccomp, no capabilities) + memory, pids
#   busybox init   the same 10 services from /etc/inittab, unsandboxed
# The kernel runs rdinit=/sbin/bootmark (tests/sandbox/bootmark.c),
# which stamps CLOCK_MONOTONIC and execs /sbin/init; each service is
# bootmark too, and stamps itself once it runs. Time: PID 1's stamp to
# the last service's, medians of RUNS boots; corral's own `up:` time
# alongside. Boards whose toolchain, kernel or busybox cannot be set up
# here are skipped with the reason. Report: $O/bench/boot.txt.
. "$SRC/tests/lib.sh"
need_cmd "boot benchmark" gzip dpkg-deb apt-get file
scratch
RUNS=${RUNS:-5}
N=10
DL=${DL_DIR:-$SRC/dl}
work=$O/bench/boot
out=$O/bench/boot.txt
mkdir -p "$work"

table() {
	local i
	echo "# tests/bench/boot.sh: $N services behind the default jail"
	echo "hostname bench"
	for i in $(seq "$N"); do
		printf 'service s%d /bin/bootmark s%d\n    files /bin/bootmark\n' "$i" "$i"
		printf '    console\n    memory 8M\n    pids 16\n'
	done
}

# fetch_busybox DEBARCH: a static busybox of that Debian architecture in
# $DL/busybox-static-DEBARCH/busybox, downloaded with apt-get (checked
# against the archive's signed index); armhf through the armv7 board's
# private index (board/qemu-armv7/apt-armhf.sh).
fetch_busybox() {
	local d=$DL/busybox-static-$1 wrap='' sandbox=''
	[ -x "$d/busybox" ] && return 0
	if [ "$1" = armhf ]; then
		wrap="sh $SRC/board/qemu-armv7/apt-armhf.sh $DL/linux-image-armmp.apt"
		$wrap apt-get update >/dev/null 2>&1 || return 1
	fi
	[ "$(id -u)" != 0 ] || sandbox='-o APT::Sandbox::User=root'
	rm -rf "$d.tmp" && mkdir -p "$d.tmp" || return 1
	# shellcheck disable=SC2086 # command words and options
	(cd "$d.tmp" && $wrap apt-get download -q $sandbox "busybox-static:$1") >/dev/null 2>&1 &&
		dpkg-deb -x "$d.tmp"/busybox-static_*.deb "$d.tmp/x" &&
		mv "$d.tmp/x/bin/busybox" "$d.tmp/busybox" && rm -rf "$d.tmp/x" "$d.tmp"/*.deb &&
		rm -rf "$d" && mv "$d.tmp" "$d"
}

# prepare BOARD BUSYBOX: build the board with the bench table and make
# the two run directories $work/BOARD/{corral,bb}; prints why on failure.
prepare() {
	local b=$1 bb=$2 w=$work/$1 f
	local o=$w/out bd=$w/board sys=$w/sysroot
	mkdir -p "$bd" "$sys/bin" "$w/corral" "$w/bb"
	for f in "$SRC/board/$b"/*; do
		[ "${f##*/}" = services ] || ln -sfn "$f" "$bd/${f##*/}"
	done
	table >"$T/services"
	cmp -s "$T/services" "$bd/services" || cp "$T/services" "$bd/services"
	mk() { env -u CC make -C "$SRC" --no-print-directory NO_DEPS=1 BOARD="$bd" O="$o" SYSROOT="$sys" WERROR=1 "$@" >"$T/build.log" 2>&1; }
	if ! mk "$o/tests/bin/bootmark"; then
		echo "build of bootmark failed: $(tail -n 2 "$T/build.log" | tr '\n' ' ')"
		return 1
	fi
	cmp -s "$o/tests/bin/bootmark" "$sys/bin/bootmark" || cp "$o/tests/bin/bootmark" "$sys/bin/bootmark"
	if ! mk all; then
		echo "build failed: $(tail -n 2 "$T/build.log" | tr '\n' ' ')"
		return 1
	fi
	for f in corral bb; do
		cp "$o/run-qemu.sh" "$w/$f/" && ln -sfn "$o/kernel" "$w/$f/kernel"
	done
	rm -rf "$T/c" "$T/b"
	cp -a "$o/rootfs" "$T/c" && cp "$sys/bin/bootmark" "$T/c/sbin/bootmark"
	mkdir -p "$T/b/bin" "$T/b/sbin" "$T/b/etc" "$T/b/proc" "$T/b/dev" "$T/b/tmp"
	cp "$bb" "$T/b/bin/busybox" && ln -s ../bin/busybox "$T/b/sbin/init"
	cp "$sys/bin/bootmark" "$T/b/sbin/bootmark"
	for f in $(seq "$N"); do echo "::respawn:/sbin/bootmark s$f"; done >"$T/b/etc/inittab"
	for f in c:corral b:bb; do
		"$o/host/mkcpio" -t 0 -n /dev/console:600:c:5:1 "$T/${f%%:*}" |
			gzip -9n >"$w/${f#*:}/rootfs.cpio.gz" || { echo "mkcpio failed"; return 1; }
	done
}

# boot DIR: one boot; prints "ALL-UP-MS OWN-UP-MS" ("-" where missing).
boot() {
	local log=$T/serial.log pid end=$((SECONDS + 120))
	APPEND="rdinit=/sbin/bootmark" WEB_PORT=none "$1/run-qemu.sh" >"$log" 2>&1 </dev/null &
	pid=$!
	while [ "$(grep -ac 'bootmark: s' "$log")" -lt "$N" ] && [ $SECONDS -lt $end ] &&
		kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
	# corral prints its own up line once every service has started.
	case $1 in */corral)
		end=$((SECONDS + 10))
		while ! grep -qa '^corral: up: ' "$log" && [ $SECONDS -lt $end ]; do sleep 0.2; done
		;;
	esac
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# Stamps anywhere in a line: the firmware's last line has no newline.
	grep -aoE 'bootmark: [a-z0-9]+ [0-9]+|corral: up: .* in [0-9]+ ms' "$log" | awk -v n="$N" '
		/^bootmark: init / { t0 = $3 }
		/^bootmark: s[0-9]+ / { if ($3 > up) up = $3; k++ }
		/^corral: up: / { own = $(NF - 1) }
		END { if (k < n || !t0) print "- -"; else printf "%d %s\n", (up - t0) / 1000, own ? own : "-" }'
}

boards=()
try() { # try BOARD DEBARCH NEEDS...: prepare it, or say why not
	local b=$1 arch=$2 c why bb
	shift 2
	for c in "$@"; do
		command -v "$c" >/dev/null || { skip "boot benchmark on $b (needs $c)"; return; }
	done
	if [ "$arch" = amd64 ]; then
		bb=$(command -v busybox)
	elif fetch_busybox "$arch"; then
		bb=$DL/busybox-static-$arch/busybox
	else
		skip "boot benchmark on $b (no busybox-static:$arch from the archive)"
		return
	fi
	case $(file -b "$bb") in *"statically linked"*) ;; *)
		skip "boot benchmark on $b ($bb is not static: package busybox-static)"
		return
		;;
	esac
	if why=$(prepare "$b" "$bb"); then
		boards+=("$b")
	else
		skip "boot benchmark on $b: $why"
	fi
}
try qemu-x86_64 amd64 qemu-system-x86_64 musl-gcc busybox
try qemu-aarch64 arm64 qemu-system-aarch64 aarch64-linux-musl-gcc
try qemu-armv7 armhf qemu-system-arm arm-linux-gnueabihf-gcc
[ ${#boards[@]} -gt 0 ] || exit 0

for _ in $(seq "$RUNS"); do
	for b in "${boards[@]}"; do
		for who in corral bb; do boot "$work/$b/$who" >>"$T/$b.$who"; done
	done
done
median() { grep -v -- - | sort -n | awk '{ a[NR] = $1 } END { if (!NR) print "-"; else print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
col() { cut -d' ' -f"$2" "$T/$1" | median; }
{
	echo "Boot to $N services under QEMU (TCG): medians of $RUNS interleaved boots each," \
		"$(date -u +%F) on $(uname -r), $(nproc) CPUs"
	echo
	printf '%-14s %14s %14s %18s %8s\n' board "corral (ms)" "own up: (ms)" "busybox init (ms)" ratio
	for b in "${boards[@]}"; do
		c=$(col "$b.corral" 1) u=$(col "$b.corral" 2) i=$(col "$b.bb" 1)
		printf '%-14s %14s %14s %18s %8s\n' "$b" "$c" "$u" "$i" \
			"$(awk -v a="$c" -v b="$i" 'BEGIN { if (a == "-" || b == "-" || !b) print "-"; else printf "%.2f", a / b }')"
	done
	echo
	echo "corral: $N services, each behind the default jail (every namespace, its own"
	echo "  subtree, seccomp, no capabilities) with memory 8M and pids 16"
	echo "busybox init: the same $N services from /etc/inittab (::respawn:), unsandboxed"
	echo "time: from PID 1's exec to the last service running, both stamped by the"
	echo "  guest's CLOCK_MONOTONIC (tests/sandbox/bootmark.c); own up: corral's"
	echo "  'corral: up: N services in T ms' (T from PID 1 start)"
	echo "runs (all up ms, own up ms):"
	for b in "${boards[@]}"; do
		echo "  $b corral: $(cut -d' ' -f1 "$T/$b.corral" | tr '\n' ' ')"
		echo "  $b busybox: $(cut -d' ' -f1 "$T/$b.bb" | tr '\n' ' ')"
	done
	echo "goal: corral with full isolation no slower than busybox init with none (ratio <= 1.00)"
} >"$out"
cat "$out"
# For tests/bench/report.py: boot BOARD CORRAL-MS OWN-UP-MS BUSYBOX-MS.
{
	echo "meta runs $RUNS services $N kernel $(uname -r) cpus $(nproc)"
	for b in "${boards[@]}"; do
		echo "boot $b $(col "$b.corral" 1) $(col "$b.corral" 2) $(col "$b.bb" 1)"
	done
} >"$O/bench/boot.data"
for b in "${boards[@]}"; do
	r=$(awk -v a="$(col "$b.corral" 1)" -v b="$(col "$b.bb" 1)" 'BEGIN { if (a == "-" || b == "-" || !b) print "-"; else printf "%.2f", a / b }')
	case $r in
	-) fail "boot benchmark on $b: no complete boot" ;;
	*) if awk -v r="$r" 'BEGIN { exit !(r <= 1) }'; then pass "boot to $N services on $b: $r of busybox init"; else fail "boot to $N services on $b: $r of busybox init, over the 1.00 goal"; fi ;;
	esac
done
