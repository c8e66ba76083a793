#!/bin/bash
# Socket families the default filter refuses (AF_VSOCK: not network-
# namespaced; AF_ALG; NETLINK_KOBJECT_UEVENT: the host's device events),
# each with EPERM, and `--seccomp allow:GROUP,...` letting each through
# to the kernel, whose own answer then comes back instead (success, or
# EAFNOSUPPORT where the family is not built). The attack probe checks
# the refusals too; this also shows the allow side on the real kernel.
. "$SRC/tests/lib.sh"
# shellcheck source=tests/sandbox/sbxlib.bash
. "$SRC/tests/sandbox/sbxlib.bash"
need_sandbox "seccomp socket families"
scratch
sbx_root "$T/root"
"$CORRAL" run --root "$T/root" -- /bin/probe sockets >"$T/deny" 2>&1
for s in 'socket(AF_VSOCK)' 'socket(AF_ALG)' 'socket(NETLINK_KOBJECT_UEVENT)'; do
	check_eq "default filter: $s refused" "$s Operation not permitted" \
		"$(grep -F "$s " "$T/deny")"
done
"$CORRAL" run --root "$T/root" --seccomp allow:vsock,alg,uevent -- \
	/bin/probe sockets >"$T/allow" 2>&1
check_eq "seccomp allow: corral run exits 0" 0 "$?"
for s in 'socket(AF_VSOCK)' 'socket(AF_ALG)' 'socket(NETLINK_KOBJECT_UEVENT)'; do
	line=$(grep -F "$s " "$T/allow")
	case $line in
	"$s ok" | "$s Address family not supported by protocol" | "$s Protocol not supported")
		pass "seccomp allow: $s reaches the kernel (${line#"$s "})" ;;
	*) fail "seccomp allow: $s: got '$line'" ;;
	esac
done
"$CORRAL" run --root "$T/root" --seccomp allow:vsock -- /bin/probe sockets >"$T/one" 2>&1
check_eq "seccomp allow:vsock leaves AF_ALG refused" \
	"socket(AF_ALG) Operation not permitted" "$(grep -F 'socket(AF_ALG) ' "$T/one")"
"$CORRAL" run --root "$T/root" --seccomp allow:bogus -- /bin/probe exit 0 2>"$T/bad"
check_eq "seccomp allow:bogus: exit 125" 125 "$?"
check_grep "seccomp allow:bogus: the message names the groups" 'unknown group \(vsock, alg, uevent, clock\) or denied system call' "$T/bad"
