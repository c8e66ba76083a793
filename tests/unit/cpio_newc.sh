#!/bin/bash
# mkcpio writes what the kernel's initramfs unpacker (init/initramfs.c)
# and GNU cpio read: newc headers (magic 070701, 13 hex fields), names
# NUL-terminated and padded to 4 bytes, data padded to 4, TRAILER!!!
# last; every entry root-owned with the -t mtime, sorted by path, and a
# hard-linked file's data stored once, with its first name.
. "$SRC/tests/lib.sh"
need_cmd "cpio newc" cpio python3
scratch

# A tree with every kind of entry and names/sizes of every length mod 4.
t=$T/tree
mkdir -p "$t/a/deep" "$t/dev" "$t/b"
printf 'hello' >"$t/a/f"
ln "$t/a/f" "$t/h1"
ln "$t/a/f" "$t/b/h3"
printf x >"$t/1"
printf xy >"$t/22"
printf xyz >"$t/333"
: >"$t/empty"
ln -s a/f "$t/l"
chmod 0751 "$t/a/deep"
touch -d @99 "$t/1"

if "$MKCPIO" -t 1234567 -n /dev/console:600:c:5:1 "$t" >"$T/a.cpio" 2>"$T/err"; then
	pass "mkcpio writes the tree"
else
	fail "mkcpio failed: $(cat "$T/err")"
	exit 1
fi

# Parse the archive byte by byte against the newc rules.
python3 - "$T/a.cpio" >"$T/parse" 2>&1 <<'EOF'
import sys
buf = open(sys.argv[1], 'rb').read()
pos, ents, errs = 0, [], []
def bad(m): errs.append(m)
while True:
    if pos % 4: bad('header at %d not 4-aligned' % pos)
    h = buf[pos:pos + 110]
    if h[:6] != b'070701': bad('bad magic at %d: %r' % (pos, h[:6])); break
    try: f = [int(h[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
    except ValueError: bad('non-hex field at %d' % pos); break
    ino, mode, uid, gid, nlink, mtime, size, dmaj, dmin, rmaj, rmin, nsz, chk = f
    name = buf[pos + 110:pos + 110 + nsz]
    if not name.endswith(b'\0') or b'\0' in name[:-1]: bad('name not NUL-terminated at %d' % pos)
    name = name[:-1].decode()
    pos += 110 + nsz
    pad = (4 - pos % 4) % 4
    if buf[pos:pos + pad] != b'\0' * pad: bad('name padding of %s not zero' % name)
    pos += pad
    data = buf[pos:pos + size]
    pos += size
    pad = (4 - pos % 4) % 4
    if buf[pos:pos + pad] != b'\0' * pad: bad('data padding of %s not zero' % name)
    pos += pad
    if name == 'TRAILER!!!': break
    ents.append(dict(name=name, ino=ino, mode=mode, uid=uid, gid=gid, nlink=nlink,
                     mtime=mtime, size=size, rdev=(rmaj, rmin), data=data, chk=chk))
if pos != len(buf): bad('%d bytes after TRAILER!!!' % (len(buf) - pos))
names = [e['name'] for e in ents]
print('names', ' '.join(names))
if names != sorted(names, key=lambda s: s.encode()): bad('entries not sorted')
if len(set(names)) != len(names): bad('duplicate names')
for e in ents:
    if e['uid'] or e['gid']: bad('%s not root-owned' % e['name'])
    if e['mtime'] != 1234567: bad('%s mtime %d' % (e['name'], e['mtime']))
    if e['chk']: bad('%s check field set' % e['name'])
groups = {}
for e in ents: groups.setdefault(e['ino'], []).append(e)
for ino, g in groups.items():
    if ino == 0: bad('inode 0 used')
    if any(e['nlink'] != len(g) for e in g if e['mode'] & 0o170000 == 0o100000):
        bad('nlink of %s is not %d' % (g[0]['name'], len(g)))
    if len(g) > 1:
        print('link', ' '.join(e['name'] for e in g),
              'sizes', ' '.join(str(e['size']) for e in g))
byname = {e['name']: e for e in ents}
c = byname.get('dev/console')
print('console', oct(c['mode']), c['rdev'][0], c['rdev'][1], c['size'])
print('symlink', byname['l']['data'].decode(), oct(byname['l']['mode'] >> 12))
print('deep', oct(byname['a/deep']['mode']))
for e in errs: print('ERR', e)
EOF
errs=$(grep '^ERR' "$T/parse")
check_eq "newc: magic, 4-byte alignment, NUL-terminated names, zero padding, TRAILER!!! last, root-owned, mtime from -t" "" "$errs"
check_grep "newc: entries sorted, /dev/console added" '^names 1 22 333 a a/deep a/f b b/h3 dev dev/console empty h1 l$' "$T/parse"
check_grep "hard links: one inode, data once with the first name" '^link a/f b/h3 h1 sizes 5 0 0$' "$T/parse"
check_grep "device node: char 5,1 mode 0600, no data" '^console 0o20600 5 1 0$' "$T/parse"
check_grep "symlink: target as data, type 012" '^symlink a/f 0o12$' "$T/parse"
check_grep "directory mode kept" '^deep 0o40751$' "$T/parse"

# GNU cpio reads it back, names in the same order, links restored.
if cpio -t <"$T/a.cpio" >"$T/list" 2>"$T/cpio.err"; then
	check_eq "cpio -t lists every entry in order" \
		"1 22 333 a a/deep a/f b b/h3 dev dev/console empty h1 l" "$(tr '\n' ' ' <"$T/list" | sed 's/ $//')"
else
	fail "cpio -t rejected the archive: $(cat "$T/cpio.err")"
fi
mkdir "$T/x"
(cd "$T/x" && cpio -id --no-preserve-owner -f 'dev/console' <"$T/a.cpio" 2>/dev/null)
check_eq "extracted: every hard link has the data" "hello hello hello" \
	"$(cat "$T/x/a/f") $(cat "$T/x/h1") $(cat "$T/x/b/h3")"
check_eq "extracted: the names share one inode" 3 "$(stat -c %h "$T/x/h1")"
check_eq "extracted: odd sizes intact" "x xy xyz" "$(cat "$T/x/1") $(cat "$T/x/22") $(cat "$T/x/333")"

# Reproducible: host mtimes, inode numbers and creation order do not leak.
cp -a "$t" "$T/tree2"
touch -d @5 "$T/tree2/a/f" "$T/tree2/333"
"$MKCPIO" -t 1234567 -n /dev/console:600:c:5:1 "$T/tree2" >"$T/b.cpio"
if cmp -s "$T/a.cpio" "$T/b.cpio"; then
	pass "same tree, other inodes and mtimes: identical bytes"
else
	fail "a copy of the tree gives different bytes"
fi

# Refusals: each with its message and a non-zero status.
check_refusal() { # WHAT EXPECTED-MESSAGE ARGS...
	local what=$1 msg=$2 rc
	shift 2
	"$MKCPIO" "$@" >/dev/null 2>"$T/err"
	rc=$?
	if [ "$rc" = 1 ] && grep -qF -- "$msg" "$T/err"; then
		pass "refuses $what"
	else
		fail "$what: status $rc, stderr '$(cat "$T/err")', expected '$msg'"
	fi
}
check_refusal "a -n node that is also in the tree" "mkcpio: duplicate entry: a/f" -n /a/f:644:c:1:3 "$t"
check_refusal "a malformed -n" "mkcpio: bad -n PATH:MODE:c|b:MAJOR:MINOR: dev/x:600:q:1:1" -n dev/x:600:q:1:1 "$t"
check_refusal "a missing directory" "mkcpio: No such file or directory: $T/none" "$T/none"
check_refusal "an mtime over 32 bits" "mkcpio: entry too large for newc" -t 4294967296 "$t"
check_refusal "a -t that is not a number" "mkcpio: bad -t EPOCH: 12x" -t 12x "$t"
mkdir -p "$T/trailer" && echo x >"$T/trailer/TRAILER!!!"
check_refusal "a file named TRAILER!!! (it would cut the archive short)" "mkcpio: refusing a file named TRAILER!!! (it would end the archive there): $T/trailer/TRAILER!!!" "$T/trailer"
check_refusal "a -n node named TRAILER!!!" "mkcpio: refusing a file named TRAILER!!!" -n /TRAILER!!!:600:c:1:3 "$t"
check_refusal "a -n node with an empty path" "mkcpio: empty -n PATH" -n /:600:c:1:3 "$t"
# An empty tree (found by tests/fuzz/mkcpio.sh: qsort(NULL, 0) was UB)
# is the trailer alone.
mkdir -p "$T/empty"
if "$MKCPIO" -t 0 "$T/empty" >"$T/empty.cpio" && [ "$(head -c 6 "$T/empty.cpio")" = 070701 ] &&
	grep -qa 'TRAILER!!!' "$T/empty.cpio" && [ "$(stat -c %s "$T/empty.cpio")" = 124 ]; then
	pass "an empty tree gives the trailer alone"
else
	fail "an empty tree: $(stat -c %s "$T/empty.cpio") bytes"
fi
