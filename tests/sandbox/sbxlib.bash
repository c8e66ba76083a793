# shellcheck shell=bash
# Shared by the tests/sandbox/run_*.sh scripts (named .bash so that
# tests/run.sh does not run it as a test): a minimal service root holding
# the static hostile probe, and the preconditions every script shares.

# need_sandbox WHAT: SKIP unless root and the binaries are built.
need_sandbox() {
	need_root "$1"
	for f in "$CORRAL" "$TESTBIN/bin/probe"; do
		[ -x "$f" ] && continue
		fail "$1 ($f not built)"
		exit 0
	done
}

# sbx_root DIR: the smallest root a service can have: the mount points
# the sandbox needs, /bin/probe, and a setuid-root copy of it.
sbx_root() {
	mkdir -p "$1"/bin "$1"/proc "$1"/dev "$1"/tmp "$1"/sys "$1"/etc \
		"$1"/mnt "$1"/data
	cp "$TESTBIN/bin/probe" "$1/bin/probe"
	cp "$TESTBIN/bin/probe" "$1/bin/probe-suid"
	chown 0:0 "$1/bin/probe-suid"
	chmod 4755 "$1/bin/probe-suid"
	chmod 0755 "$1"
}

# run_sbx OUTFILE ARGS...: corral run ARGS with stdout+stderr in OUTFILE;
# sets RC to its exit status.
run_sbx() {
	local out=$1
	shift
	"$CORRAL" run "$@" >"$out" 2>&1 </dev/null
	RC=$? # read by the calling script
	export RC
}
