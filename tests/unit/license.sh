#!/bin/bash
# corral's licence (MIT, LICENSE at the top), and the two places that
# must agree with that file: the Buildroot package's hash (checked by
# `make legal-info`) and the Yocto recipe's LIC_FILES_CHKSUM (checked by
# do_populate_lic). Either going stale breaks that build.
. "$SRC/tests/lib.sh"
lic=$SRC/LICENSE
if [ -f "$lic" ] && head -n 1 "$lic" | grep -qx 'MIT License' &&
	grep -qx 'Copyright (c) 2026 The corral authors' "$lic"; then
	pass "LICENSE: the MIT licence, The corral authors"
else
	fail "LICENSE: no MIT licence at the top of the tree"
	exit 0
fi
mk=$SRC/board/buildroot/package/corral
check_grep "corral.mk: CORRAL_LICENSE = MIT" '^CORRAL_LICENSE = MIT$' "$mk/corral.mk"
check_grep "corral.mk: CORRAL_LICENSE_FILES = LICENSE" '^CORRAL_LICENSE_FILES = LICENSE$' "$mk/corral.mk"
want=$(sha256sum "$lic" | cut -d' ' -f1)
check_grep "corral.hash: LICENSE's sha256" "^sha256  $want  LICENSE$" "$mk/corral.hash"
bb=$SRC/board/yocto/meta-corral/recipes-core/corral/corral_git.bb
check_grep "corral_git.bb: LICENSE = \"MIT\"" '^LICENSE = "MIT"$' "$bb"
want=$(md5sum "$lic" | cut -d' ' -f1)
check_grep "corral_git.bb: LIC_FILES_CHKSUM is LICENSE's md5" \
	"^LIC_FILES_CHKSUM = \"file://LICENSE;md5=$want\"$" "$bb"
check_grep "README names the licence" 'MIT licence' "$SRC/README.md"
