/* libFuzzer harness for the cpio writer (rootfs-skel/mkcpio.c): each
 * input describes a staging tree, one entry a line,
 *
 *   f PATH SIZE     regular file of SIZE bytes (over 64 KiB: sparse, and
 *                   cut to 64-68 KiB unless over newc's 4 GiB)
 *   d PATH          directory
 *   l PATH TARGET   symlink
 *   h PATH OLD      hard link to OLD
 *   n SPEC          a -n PATH:MODE:c|b:MAJOR:MINOR device node
 *   t EPOCH         -t EPOCH
 *
 * PATH, TARGET and OLD take %XX escapes (any byte but NUL; PATH is made
 * relative and its ".." are refused by the harness). mkcpio runs
 * in-process (fz_host.h) on the tree; then:
 *
 *   - exit 0: the output is a well-formed newc archive: headers parse,
 *     names are unique and sorted, one entry per file in the tree and
 *     per node, symlink bodies are their targets, data sizes match, and
 *     it ends with exactly one TRAILER!!! (a name the tree cannot use);
 *   - exit 1: one message "mkcpio: ...\n" on stderr (a name in it may
 *     hold a newline of its own).
 *
 * Anything else is a bug: abort(). */
#include <ctype.h>
#include <ftw.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/sysmacros.h>

#include "fz_host.h"

#define main mkcpio_main
#include "rootfs-skel/hostlib.c"
#include "rootfs-skel/mkcpio.c"
#undef main
#define FZ_HOST_END
#include "fz_host.h"

#define MAX_ARGS 40

static char top[64];
static unsigned nfiles; /* entries nftw finds in the tree, nodes too */

static _Noreturn void bug(const char *what, const char *detail)
{
	fprintf(stderr, "mkcpio_fuzz: %s: %s\n", what, detail ? detail : "");
	abort();
}

/* Unescape %XX in place; 0 on an empty result. */
static size_t unescape(char *s)
{
	char *o = s;

	for (char *p = s; *p; p++) {
		unsigned v;

		if (*p == '%' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2]) &&
		    sscanf(p + 1, "%2x", &v) == 1 && v) {
			*o++ = (char)v;
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
	return (size_t)(o - s);
}

/* PATH under top, or NULL if the harness will not make it. */
static char *under(char *out, size_t n, const char *path)
{
	while (*path == '/')
		path++;
	if (!*path || strstr(path, "..") ||
	    snprintf(out, n, "%s/%s", top, path) >= (int)n)
		return 0;
	return out;
}

static void make_file(const char *p, unsigned long long size)
{
	static char fill[65536];
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0)
		return;
	/* Sparse: over 4 GiB (newc's limit, refused before any data is
	 * read), or just over 64 KiB (read in pieces, into memory). */
	if (size >> 32)
		size = (size & ((1ull << 40) - 1)) | 1ull << 32;
	else if (size > sizeof(fill))
		size = sizeof(fill) + size % 4096;
	if (size > sizeof(fill)) {
		if (ftruncate(fd, (off_t)size)) {
		}
	} else {
		memset(fill, 'x', size);
		if (write(fd, fill, size) < 0) {
		}
	}
	close(fd);
}

/* One line of the input: the tree grows, or argv does. */
static void entry(char *line, char **argv, int *argc)
{
	char path[512], old[512], *a = line + 2, *b;

	if (strlen(line) < 3 || line[1] != ' ')
		return;
	if ((b = strchr(a, ' ')))
		*b++ = 0;
	if ((line[0] == 'n' || line[0] == 't') && *argc < MAX_ARGS - 3) {
		argv[(*argc)++] = line[0] == 'n' ? "-n" : "-t";
		argv[(*argc)++] = a;
		nfiles += line[0] == 'n';
		return;
	}
	unescape(a);
	if (!under(path, sizeof(path), a))
		return;
	if (line[0] == 'd')
		mkdir(path, 0755);
	else if (line[0] == 'f')
		make_file(path, b ? strtoull(b, 0, 10) : 0);
	else if (line[0] == 'l' && b && unescape(b))
		(void)!symlink(b, path);
	else if (line[0] == 'h' && b && unescape(b) &&
		 under(old, sizeof(old), b))
		(void)!link(old, path);
}

static int count(const char *p, const struct stat *st, int type, struct FTW *f)
{
	nfiles += f->level > 0;
	return 0;
}

static int rm(const char *p, const struct stat *st, int type, struct FTW *f)
{
	return remove(p);
}

/* ---- the oracle: a newc archive of exactly the tree ---- */

static unsigned long hex8(const char *p)
{
	char b[9], *end;
	unsigned long v;

	memcpy(b, p, 8);
	b[8] = 0;
	v = strtoul(b, &end, 16);
	if (end != b + 8)
		bug("header field is not 8 hex digits", b);
	return v;
}

/* One entry of the tree at name, as the archive has it. */
static void check_entry(const char *name, unsigned long mode, const char *d,
			unsigned long size)
{
	char p[4200], t[4097];
	struct stat st;
	ssize_t n;

	snprintf(p, sizeof(p), "%s/%s", top, name);
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return; /* a -n node: not in the tree */
	if (lstat(p, &st) || (st.st_mode & S_IFMT) != (mode & S_IFMT))
		bug("entry is not that in the tree", name);
	if (S_ISLNK(mode) && ((n = readlink(p, t, sizeof(t))) < 0 ||
			      (size_t)n != size || memcmp(t, d, size)))
		bug("symlink body is not its target", name);
	if (S_ISREG(mode) && size && size != (unsigned long)st.st_size)
		bug("file data size is not the file's", name);
}

static void check_archive(const char *a, size_t n)
{
	size_t at = 0;
	unsigned seen = 0;
	const char *prev = 0;

	for (;;) {
		const char *h = a + at, *name = h + 110;
		unsigned long mode, size, nsize;

		if (n - at < 110 || memcmp(h, "070701", 6))
			bug("no newc header where one belongs", 0);
		mode = hex8(h + 14), size = hex8(h + 54), nsize = hex8(h + 94);
		if (!nsize || n - at - 110 < nsize || name[nsize - 1] ||
		    strlen(name) != nsize - 1 || !*name)
			bug("bad entry name", name);
		at = (at + 110 + nsize + 3) & ~(size_t)3;
		if (at > n || n - at < size)
			bug("data past the end", name);
		if (!strcmp(name, "TRAILER!!!")) {
			if (size || seen != nfiles || n - at > 3)
				bug("trailer not last, or entries missing", 0);
			return;
		}
		if (prev && strcmp(prev, name) >= 0)
			bug("names not unique and sorted", name);
		check_entry(name, mode, a + at, size);
		prev = name;
		at = (at + size + 3) & ~(size_t)3;
		seen++;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1), *argv[MAX_ARGS + 1] = {"mkcpio"}, *line;
	int argc = 1, st;

	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = 0;
	snprintf(top, sizeof(top), "/dev/shm/mkcpio-fuzz.%d", (int)getpid());
	nftw(top, rm, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(top, 0755))
		bug("mkdir", top);
	nfiles = 0;
	for (char *s = in; (line = strsep(&s, "\n"));)
		entry(line, argv, &argc);
	nftw(top, count, 16, FTW_PHYS);
	argv[argc++] = top;
	argv[argc] = 0;
	st = fz_host_call(mkcpio_main, argc, argv);
	if (st == 0)
		check_archive(fz_outbuf, fz_outlen);
	else if (st == 1)
		fz_one_line("mkcpio", 0);
	else
		bug("exit status neither 0 nor 1", fz_errbuf);
	fz_host_release();
	/* mkcpio's own state, for the next run */
	ents = 0, nents = cap = 0, epoch = 0, outpos = 0;
	nftw(top, rm, 16, FTW_DEPTH | FTW_PHYS);
	free(in);
	return 0;
}
