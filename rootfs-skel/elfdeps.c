/* elfdeps: what a dynamic ELF program needs, resolved inside a root.
 *
 *   elfdeps [-r ROOT] FILE...     closure: for the interpreter and every
 *                                 library FILEs need (transitively), one
 *                                 line "NAME<TAB>REAL": NAME the path the
 *                                 loader opens, REAL the same file with
 *                                 every symlink resolved inside ROOT
 *   elfdeps -H [-r ROOT] FILE...  the same for build-host FILEs outside
 *                                 ROOT (`files SRC:DST`): only what they
 *                                 need is searched inside ROOT
 *   elfdeps -p [-r ROOT] PATH...  PATH resolved inside ROOT, one a line
 *   elfdeps -M MODULE.ko          the module's modinfo "depends" list
 *
 * Host tool for rootfs-skel. FILE and PATH are absolute paths inside ROOT
 * [/]. Symlinks are followed the way the target would follow them: an
 * absolute target starts again at ROOT, ".." stops at ROOT; so a staging
 * sysroot never leaks the build host's files into an image. Libraries
 * are searched like the target's loader does without a cache: the
 * object's DT_RPATH (when it has no DT_RUNPATH) and the executable's,
 * then DT_RUNPATH, then the default directories, which depend on the
 * interpreter (glibc: /lib/TRIPLET /usr/lib/TRIPLET /lib /usr/lib; musl:
 * /lib /usr/local/lib /usr/lib). A candidate of another class or
 * machine is skipped, as ld.so does. Files that are not ELF need nothing
 * (a "#!" script's interpreter is the caller's business). Every missing
 * piece is reported, then the exit status is 1.
 *
 * Reads 32/64-bit, little/big-endian ELF, so cross sysroots work.
 */
#include "hostlib.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_OBJS 4096

struct elf {
	const unsigned char *p;
	size_t n;
	int c64, be; /* ELFCLASS64, big-endian */
	unsigned machine;
};

/* What the closure needs from one object. Strings point into its
 * mapping, which stays mapped: a short-lived host tool. */
struct obj {
	char name[PATH_MAX]; /* as the loader opens it, inside the root */
	struct elf e;
	const char *interp, *rpath, *runpath, *soname;
	const char *needed[256];
	unsigned nneeded;
	unsigned top; /* index of the program that pulled this one in */
};

static const char *root = "";
static int host_files; /* -H */
static struct obj objs[MAX_OBJS];
static unsigned nobjs;
static int bad;

static void err(const char *a, const char *b, const char *c)
{
	fprintf(stderr, "elfdeps: %s%s%s\n", a, b ? b : "", c ? c : "");
	bad = 1;
}

/* ---- reading ELF, either class and byte order ---- */

static uint64_t get(const struct elf *e, size_t off, unsigned size)
{
	uint64_t v = 0;

	if (off > e->n || e->n - off < size)
		return 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)e->p[off + (e->be ? size - 1 - i : i)]
		     << (8 * i);
	return v;
}

/* A field of a struct that is W (4 or 8 in ELF64) wide at one offset
 * in ELF32 and another in ELF64. */
#define FIELD(e, base, off32, off64, w64)                                      \
	get(e, (base) + ((e)->c64 ? (off64) : (off32)), (e)->c64 ? (w64) : 4)

static int elf_open(struct elf *e, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	memset(e, 0, sizeof(*e));
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 64) {
		close(fd);
		return 0; /* not ELF: needs nothing */
	}
	e->n = (size_t)st.st_size;
	e->p = mmap(0, e->n, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (e->p == MAP_FAILED)
		return -errno;
	if (memcmp(e->p, ELFMAG, SELFMAG) ||
	    (e->p[EI_CLASS] != ELFCLASS32 && e->p[EI_CLASS] != ELFCLASS64)) {
		munmap((void *)e->p, e->n);
		e->p = 0;
		return 0;
	}
	e->c64 = e->p[EI_CLASS] == ELFCLASS64;
	e->be = e->p[EI_DATA] == ELFDATA2MSB;
	e->machine = (unsigned)get(e, 18, 2);
	return 1;
}

/* A NUL-terminated string at file offset off, or NULL. */
static const char *str_at(const struct elf *e, uint64_t off)
{
	if (off >= e->n || !memchr(e->p + off, 0, e->n - off))
		return 0;
	return (const char *)e->p + off;
}

/* File offset of a virtual address, through the PT_LOAD segments. */
static uint64_t vaddr_off(const struct elf *e, uint64_t va)
{
	uint64_t ph = FIELD(e, 0, 28, 32, 8);
	unsigned sz = (unsigned)get(e, e->c64 ? 54 : 42, 2);
	unsigned num = (unsigned)get(e, e->c64 ? 56 : 44, 2);

	for (unsigned i = 0; i < num; i++) {
		size_t h = ph + (size_t)i * sz;
		uint64_t off = FIELD(e, h, 4, 8, 8), v = FIELD(e, h, 8, 16, 8);
		uint64_t fsz = FIELD(e, h, 16, 32, 8);

		if (get(e, h, 4) == PT_LOAD && va >= v && va - v < fsz)
			return off + (va - v);
	}
	return UINT64_MAX;
}

static void dynamic(struct obj *o, uint64_t off, uint64_t size)
{
	const struct elf *e = &o->e;
	unsigned esz = e->c64 ? 16 : 8;
	uint64_t strtab = UINT64_MAX, rp = UINT64_MAX, rn = UINT64_MAX;
	uint64_t so = UINT64_MAX;
	uint64_t need[256];
	unsigned nn = 0;

	for (uint64_t d = off; d + esz <= off + size; d += esz) {
		uint64_t tag = FIELD(e, d, 0, 0, 8), val = FIELD(e, d, 4, 8, 8);

		if (tag == DT_NULL)
			break;
		if (tag == DT_STRTAB)
			strtab = vaddr_off(e, val);
		else if (tag == DT_RPATH)
			rp = val;
		else if (tag == DT_RUNPATH)
			rn = val;
		else if (tag == DT_SONAME)
			so = val;
		else if (tag == DT_NEEDED && nn < 256)
			need[nn++] = val;
	}
	if (strtab == UINT64_MAX)
		return;
	/* Bounded by needed[], not by nn: a file may have two PT_DYNAMIC. */
	for (unsigned i = 0; i < nn && o->nneeded < 256; i++)
		if ((o->needed[o->nneeded] = str_at(e, strtab + need[i])))
			o->nneeded++;
	o->rpath = rp == UINT64_MAX ? 0 : str_at(e, strtab + rp);
	o->runpath = rn == UINT64_MAX ? 0 : str_at(e, strtab + rn);
	o->soname = so == UINT64_MAX ? 0 : str_at(e, strtab + so);
}

static void segments(struct obj *o)
{
	const struct elf *e = &o->e;
	uint64_t ph = FIELD(e, 0, 28, 32, 8);
	unsigned sz = (unsigned)get(e, e->c64 ? 54 : 42, 2);
	unsigned num = (unsigned)get(e, e->c64 ? 56 : 44, 2);

	for (unsigned i = 0; i < num; i++) {
		size_t h = ph + (size_t)i * sz;
		uint32_t type = (uint32_t)get(e, h, 4);
		uint64_t off = FIELD(e, h, 4, 8, 8),
			 fsz = FIELD(e, h, 16, 32, 8);

		if (type == PT_INTERP)
			o->interp = str_at(e, off);
		else if (type == PT_DYNAMIC)
			dynamic(o, off, fsz);
	}
}

/* ---- paths inside the root ---- */

/* Put "LINK/REST" in todo, where rest points into todo itself. */
static int link_splice(char todo[PATH_MAX], const char *link, const char *rest)
{
	size_t l = strlen(link), r = strlen(rest);

	if (l + r + 2 > PATH_MAX)
		return -ENAMETOOLONG;
	memmove(todo + l + 1, rest, r + 1);
	memcpy(todo, link, l);
	todo[l] = '/';
	return 0;
}

/* Resolve path (absolute, inside the root) into out, following every
 * symlink inside the root. Returns 0 or -errno. */
static int resolve(const char *path, char out[PATH_MAX])
{
	char todo[PATH_MAX], link[PATH_MAX], host[2 * PATH_MAX];
	int hops = 0;

	if (snprintf(todo, sizeof(todo), "%s", path) >= (int)sizeof(todo))
		return -ENAMETOOLONG;
	out[0] = 0; /* "" is the root; otherwise "/a/b" */
	for (char *s = todo; *s;) {
		size_t len = strcspn(s, "/"), olen = strlen(out);
		char *next = s + len + (s[len] == '/');

		if (len == 0 || (len == 1 && s[0] == '.')) {
			s = next;
			continue;
		}
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (olen) /* ".." at the root stays there */
				*strrchr(out, '/') = 0;
			s = next;
			continue;
		}
		if (olen + len + 2 > PATH_MAX)
			return -ENAMETOOLONG;
		snprintf(out + olen, PATH_MAX - olen, "/%.*s", (int)len, s);
		snprintf(host, sizeof(host), "%s%s", root, out);
		ssize_t n = readlink(host, link, sizeof(link) - 1);

		if (n < 0 && errno != EINVAL)
			return -errno;
		if (n < 0) { /* not a symlink */
			s = next;
			continue;
		}
		if (++hops > 40)
			return -ELOOP;
		link[n] = 0;
		if (link[0] == '/')
			out[0] = 0;
		else
			*strrchr(out, '/') = 0;
		if (link_splice(todo, link, next) < 0)
			return -ENAMETOOLONG;
		s = todo;
	}
	if (!out[0])
		strcpy(out, "/");
	return 0;
}

/* ---- the search ---- */

/* Multiarch triplets of the Debian-style default directories. */
static const struct {
	unsigned machine;
	int c64, be;
	const char *triplet;
} triplets[] = {
	{EM_X86_64, 1, 0, "x86_64-linux-gnu"},
	{EM_X86_64, 0, 0, "x86_64-linux-gnux32"},
	{EM_386, 0, 0, "i386-linux-gnu"},
	{EM_AARCH64, 1, 0, "aarch64-linux-gnu"},
	{EM_ARM, 0, 0, "arm-linux-gnueabihf"},
	{EM_RISCV, 1, 0, "riscv64-linux-gnu"},
	{EM_PPC64, 1, 0, "powerpc64le-linux-gnu"},
	{EM_S390, 1, 1, "s390x-linux-gnu"},
	{EM_MIPS, 0, 0, "mipsel-linux-gnu"},
	{EM_MIPS, 0, 1, "mips-linux-gnu"},
	{EM_MIPS, 1, 0, "mips64el-linux-gnuabi64"},
	{EM_LOONGARCH, 1, 0, "loongarch64-linux-gnu"},
};

static const char *triplet(const struct elf *e)
{
	for (size_t i = 0; i < sizeof(triplets) / sizeof(*triplets); i++)
		if (triplets[i].machine == e->machine &&
		    triplets[i].c64 == e->c64 && triplets[i].be == e->be)
			return triplets[i].triplet;
	return 0;
}

static int same_kind(const struct elf *a, const struct elf *b)
{
	return a->c64 == b->c64 && a->be == b->be && a->machine == b->machine;
}

/* Is dir/lib a usable library of the requester's kind? On success the
 * loader's name is in name and the object is loaded into *cand. */
static int try_dir(const struct obj *req, const char *dir, size_t dlen,
		   const char *lib, struct obj *cand)
{
	char real[PATH_MAX], host[2 * PATH_MAX];

	if (snprintf(cand->name, sizeof(cand->name), "%.*s/%s", (int)dlen, dir,
		     lib) >= (int)sizeof(cand->name) ||
	    resolve(cand->name, real) < 0)
		return 0;
	snprintf(host, sizeof(host), "%s%s", root, real);
	if (elf_open(&cand->e, host) != 1)
		return 0;
	if (same_kind(&cand->e, &req->e))
		return 1;
	munmap((void *)cand->e.p, cand->e.n);
	return 0;
}

/* Search a ':'-separated list, expanding $ORIGIN to the requester's
 * directory; other dynamic string tokens are not guessed at. */
static int try_list(const struct obj *req, const char *list, const char *lib,
		    struct obj *cand)
{
	char buf[PATH_MAX];

	for (const char *d = list; d && *d;) {
		size_t len = strcspn(d, ":");
		const char *tail = 0;

		if (!strncmp(d, "$ORIGIN", 7))
			tail = d + 7;
		else if (!strncmp(d, "${ORIGIN}", 9))
			tail = d + 9;
		if (tail) {
			/* A name without '/' (a relative PT_INTERP, which
			 * resolve() takes from the root) has the root as
			 * its directory: strrchr's NULL must not be used. */
			const char *slash = strrchr(req->name, '/');
			int olen = slash ? (int)(slash - req->name) : 0;

			snprintf(buf, sizeof(buf), "%.*s%.*s", olen, req->name,
				 (int)(len - (size_t)(tail - d)), tail);
			if (try_dir(req, buf, strlen(buf), lib, cand))
				return 1;
		} else if (!memchr(d, '$', len) &&
			   try_dir(req, d, len, lib, cand)) {
			return 1;
		}
		d += len + (d[len] == ':');
	}
	return 0;
}

static int find_lib(const struct obj *req, const char *lib, struct obj *cand)
{
	const char *t = triplet(&req->e);
	const struct obj *top = &objs[req->top];
	const char *interp = top->interp ? top->interp : "";
	char deflt[PATH_MAX];

	if (strchr(lib, '/'))
		return try_dir(req, "", 0, lib[0] == '/' ? lib + 1 : lib, cand);
	if (!req->runpath && (try_list(req, req->rpath, lib, cand) ||
			      try_list(top, top->rpath, lib, cand)))
		return 1;
	if (try_list(req, req->runpath, lib, cand))
		return 1;
	if (strstr(interp, "ld-musl-"))
		snprintf(deflt, sizeof(deflt), "/lib:/usr/local/lib:/usr/lib");
	else if (t)
		snprintf(deflt, sizeof(deflt),
			 "/lib/%s:/usr/lib/%s:/lib:/usr/lib", t, t);
	else
		snprintf(deflt, sizeof(deflt), "/lib:/usr/lib");
	return try_list(req, deflt, lib, cand);
}

/* ---- the closure ---- */

/* Already loaded under that name (or soname), as ld.so would see it? */
static int loaded(const char *lib)
{
	for (unsigned i = 0; i < nobjs; i++) {
		const char *base = strrchr(objs[i].name, '/');

		if (!strcmp(objs[i].name, lib) ||
		    (base && !strcmp(base + 1, lib)) ||
		    (objs[i].soname && !strcmp(objs[i].soname, lib)))
			return 1;
	}
	return 0;
}

static void emit(const struct obj *o)
{
	char real[PATH_MAX];
	int r = resolve(o->name, real);

	if (r < 0)
		err(o->name, ": ", strerror(-r));
	else
		printf("%s\t%s\n", o->name, real);
}

static struct obj *add(const char *name, unsigned top)
{
	if (nobjs == MAX_OBJS) {
		xfail(1, "too many objects");
	}
	struct obj *o = &objs[nobjs];

	memset(o, 0, sizeof(*o));
	snprintf(o->name, sizeof(o->name), "%s", name);
	o->top = top;
	return o;
}

/* Load the object at name (inside the root, unless on_host) into a
 * new slot. Returns 1 for ELF, 0 for anything else (needs nothing), -1
 * on error. */
static int load(const char *name, unsigned top, int on_host)
{
	char real[PATH_MAX], host[2 * PATH_MAX];
	struct obj *o = add(name, top);
	int r = on_host ? 0 : resolve(name, real);

	if (r >= 0) {
		snprintf(host, sizeof(host), "%s%s", on_host ? "" : root,
			 on_host ? name : real);
		r = elf_open(&o->e, host);
	}
	if (r < 0) {
		err(name, ": ", strerror(-r));
		return -1;
	}
	if (r == 0)
		return 0;
	segments(o);
	nobjs++;
	return 1;
}

static void need(unsigned i)
{
	struct obj *o = &objs[i];

	for (unsigned j = 0; j < o->nneeded; j++) {
		const char *lib = o->needed[j];

		if (loaded(lib))
			continue;
		struct obj *c = add("", o->top);

		if (!find_lib(o, lib, c)) {
			fprintf(stderr,
				"elfdeps: %s: needs %s%s%s%s: not found\n",
				objs[o->top].name, lib,
				i == o->top ? "" : " (for ",
				i == o->top ? "" : o->name,
				i == o->top ? "" : ")");
			bad = 1;
			continue;
		}
		segments(c);
		nobjs++;
		emit(c);
	}
}

static void closure(const char *file)
{
	unsigned first = nobjs;

	if (load(file, first, host_files) != 1)
		return;
	if (objs[first].interp && !loaded(objs[first].interp)) {
		if (load(objs[first].interp, first, 0) < 0)
			fprintf(stderr,
				"elfdeps: %s: interpreter %s: not found\n",
				file, objs[first].interp);
		else if (nobjs > first + 1)
			emit(&objs[nobjs - 1]);
	}
	for (unsigned i = first; i < nobjs; i++) /* grows as it goes */
		need(i);
}

/* ---- kernel modules ---- */

/* The "depends=" string of a module's .modinfo section: 0, or 1 after
 * saying why not. */
static int depends(const struct elf *e, const char *path)
{
	uint64_t sh = FIELD(e, 0, 32, 40, 8);
	unsigned sz = (unsigned)get(e, e->c64 ? 58 : 46, 2);
	unsigned num = (unsigned)get(e, e->c64 ? 60 : 48, 2);
	unsigned shstr = (unsigned)get(e, e->c64 ? 62 : 50, 2);
	uint64_t names = FIELD(e, sh + (uint64_t)shstr * sz, 16, 24, 8);

	for (unsigned i = 0; i < num; i++) {
		uint64_t h = sh + (uint64_t)i * sz;
		const char *n = str_at(e, names + get(e, h, 4));
		uint64_t off = FIELD(e, h, 16, 24, 8);
		uint64_t len = FIELD(e, h, 20, 32, 8);

		if (!n || strcmp(n, ".modinfo") || off > e->n ||
		    len > e->n - off)
			continue;
		/* Every string bounded by the section: its last one may
		 * lack its NUL, or be shorter than "depends=". */
		for (uint64_t k = off; k < off + len;) {
			const char *kv = (const char *)e->p + k;
			size_t l = strnlen(kv, off + len - k);

			if (l >= 8 && !memcmp(kv, "depends=", 8))
				printf("%.*s\n", (int)(l - 8), kv + 8);
			k += l + 1;
		}
		return 0;
	}
	err(path, ": no .modinfo section", 0);
	return 1;
}

static int modinfo(const char *path)
{
	struct elf e;
	int r = elf_open(&e, path);

	if (r != 1) {
		err(path, ": ", r < 0 ? strerror(-r) : "not an ELF module");
		return 1;
	}
	r = depends(&e, path);
	munmap((void *)e.p, e.n);
	return r;
}

int main(int argc, char **argv)
{
	int c, paths = 0;

	host_prog = "elfdeps";
	while ((c = getopt(argc, argv, "r:pHM:")) != -1) {
		if (c == 'r')
			root = strcmp(optarg, "/") ? optarg : "";
		else if (c == 'p')
			paths = 1;
		else if (c == 'H')
			host_files = 1;
		else if (c == 'M')
			return modinfo(optarg);
		else
			goto usage;
	}
	if (optind == argc)
		goto usage;
	for (int i = optind; i < argc; i++) {
		char real[PATH_MAX];
		int r;

		if (argv[i][0] != '/') {
			err(argv[i], ": not an absolute path", 0);
		} else if (!paths) {
			closure(argv[i]);
		} else if ((r = resolve(argv[i], real)) < 0) {
			err(argv[i], ": ", strerror(-r));
		} else {
			printf("%s\n", real);
		}
	}
	if (fflush(stdout)) {
		err("write: ", strerror(errno), 0);
	}
	return bad;
usage:
	fputs("usage: elfdeps [-H] [-r ROOT] FILE...\n"
	      "       elfdeps -p [-r ROOT] PATH...\n"
	      "       elfdeps -M MODULE.ko\n",
	      stderr);
	return 2;
}
