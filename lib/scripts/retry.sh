# shellcheck shell=sh
# retry.sh, sourced: retry CMD... runs CMD until it succeeds, at most
# $RETRIES times (default 5), waiting 15, 30, 60, 120 s between tries.
# The archive is the only network the build uses, and a name lookup
# that fails for two minutes (seen in CI) must not fail a build; a real
# error still fails after the last try, with CMD's own message.
retry() {
	_n=1 _wait=15
	until "$@"; do
		[ "$_n" -lt "${RETRIES:-5}" ] || return 1
		echo "retry: '$1' failed (try $_n); again in $_wait s" >&2
		sleep "$_wait"
		_n=$((_n + 1)) _wait=$((_wait * 2))
	done
}
