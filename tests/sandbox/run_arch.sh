#!/bin/bash
# The seccomp tables compile for every architecture SPEC names besides
# the native one (aarch64, arm, mipsel), with warnings as errors, against
# Debian's cross headers (libc6-dev-{arm64,armhf,mipsel}-cross) and clang:
# syscall numbers and AUDIT_ARCH values differ per architecture.
. "$SRC/tests/lib.sh"
need_cmd "seccomp for other architectures" clang
res=$(clang -print-resource-dir)
for t in aarch64-linux-gnu arm-linux-gnueabihf mipsel-linux-gnu; do
	if [ ! -f "/usr/$t/include/asm/unistd.h" ]; then
		skip "seccomp for $t (no /usr/$t/include: apt-get install libc6-dev-${t%%-*}-cross)"
		continue
	fi
	if out=$(clang --target="$t" -std=c11 -D_GNU_SOURCE -Wall -Wextra \
		-Werror -nostdinc -isystem "$res/include" \
		-isystem "/usr/$t/include" -I"$O/gen" -I"$SRC/lib" -I"$SRC" \
		-fsyntax-only "$SRC/sandbox/seccomp.c" 2>&1); then
		pass "seccomp compiles for $t"
	else
		fail "seccomp for $t: $(head -n 1 <<<"$out")"
	fi
done
