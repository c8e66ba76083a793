/* mkcpio: write a staging tree as a reproducible newc cpio archive.
 *
 * usage: mkcpio [-t EPOCH] [-n PATH:MODE:c|b:MAJOR:MINOR]... DIR > out.cpio
 *
 * Host tool. Every entry is owned by root, every mtime is EPOCH (from
 * SOURCE_DATE_EPOCH), entries are sorted by path and inode numbers are
 * assigned in that order, so the same tree always gives the same bytes,
 * with no root and no fakeroot. Device nodes (-n, e.g. /dev/console,
 * which the kernel needs before PID 1 can open a console) are added from
 * the command line since a build user cannot mknod them. Hard links in
 * the tree stay hard links: the kernel's unpacker (init/initramfs.c)
 * links an entry whose nlink > 1 to an earlier one with the same inode,
 * so the data is written once, with the first name, and later names
 * carry size 0.
 */
#include "hostlib.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

struct ent {
	char *path; /* inside the archive, without leading "/" */
	char *src;  /* on the host; NULL for -n nodes */
	struct stat st;
	unsigned ino;   /* archive inode */
	unsigned nlink; /* names of this inode inside the archive */
	int first;      /* first name of its inode: carries the data */
};

#define TRAILER "TRAILER!!!"

static struct ent *ents;
static size_t nents, cap;
static unsigned long long epoch;

static _Noreturn void die(const char *what, const char *arg)
{
	xfail(1, "%s%s%s", what, arg ? ": " : "", arg ? arg : "");
}

static struct ent *add(void)
{
	if (nents == cap) {
		cap = cap ? cap * 2 : 256;
		ents = xrealloc(ents, cap * sizeof(*ents));
	}
	memset(&ents[nents], 0, sizeof(*ents));
	return &ents[nents++];
}

static char *join(const char *a, const char *b)
{
	return xasprintf("%s%s%s", a, *a ? "/" : "", b);
}

static void walk(const char *root, const char *rel)
{
	char *dir = *rel ? join(root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		die(strerror(errno), dir);
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		struct ent *e = add();

		e->path = join(rel, de->d_name);
		e->src = join(root, e->path);
		if (lstat(e->src, &e->st))
			die(strerror(errno), e->src);
		if (S_ISDIR(e->st.st_mode))
			walk(root, e->path);
	}
	closedir(d);
	free(dir);
}

static void add_node(const char *spec)
{
	char path[4096], type;
	unsigned mode, maj, min;
	struct ent *e;

	if (sscanf(spec, "%4095[^:]:%o:%c:%u:%u", path, &mode, &type, &maj,
		   &min) != 5 ||
	    (type != 'c' && type != 'b'))
		die("bad -n PATH:MODE:c|b:MAJOR:MINOR", spec);
	e = add();
	e->path = xstrdup(path[0] == '/' ? path + 1 : path);
	e->st.st_mode = (type == 'c' ? S_IFCHR : S_IFBLK) | (mode & 07777);
	e->st.st_rdev = makedev(maj, min);
	e->st.st_nlink = 1;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->path,
		      ((const struct ent *)b)->path);
}

/* The kernel's unpacker stops at the first entry named TRAILER!!!
 * (init/initramfs.c): one in the tree would silently cut the archive
 * short. An empty name (-n /) is no entry at all. */
static void check_path(const struct ent *e, const struct ent *prev)
{
	if (!strcmp(e->path, TRAILER))
		die("refusing a file named " TRAILER
		    " (it would end the archive there)",
		    e->src ? e->src : e->path);
	if (!e->path[0])
		die("empty -n PATH", 0);
	if (prev && !strcmp(e->path, prev->path))
		die("duplicate entry", e->path);
}

/* Number inodes in path order; names of one host inode share one. */
static void number(void)
{
	unsigned next = 1;

	for (size_t i = 0; i < nents; i++) {
		struct ent *e = &ents[i];

		e->first = 1;
		e->nlink = 1;
		e->ino = next;
		if (e->src && S_ISREG(e->st.st_mode) && e->st.st_nlink > 1)
			for (size_t j = 0; j < i; j++)
				if (ents[j].src &&
				    ents[j].st.st_ino == e->st.st_ino &&
				    ents[j].st.st_dev == e->st.st_dev) {
					e->ino = ents[j].ino;
					e->first = 0;
					break;
				}
		if (e->first)
			next++;
	}
	for (size_t i = 0; i < nents; i++)
		for (size_t j = 0; j < nents; j++)
			if (i != j && ents[i].ino == ents[j].ino)
				ents[i].nlink++;
}

static unsigned long long outpos;

static void put(const void *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n)
		die("write", strerror(errno));
	outpos += n;
}

static void pad4(void)
{
	static const char z[4];

	put(z, (4 - outpos % 4) % 4);
}

static void header(const char *name, unsigned ino, unsigned mode,
		   unsigned nlink, unsigned long size, dev_t rdev)
{
	char h[136]; /* 110, plus room to detect oversized fields */

	int n = snprintf(h, sizeof(h),
			 "070701%08X%08X%08X%08X%08X%08llX%08lX%08X%08X%08X%"
			 "08X%08zX%08X",
			 ino, mode, 0, 0, nlink, epoch, size, 0, 0, major(rdev),
			 minor(rdev), strlen(name) + 1, 0);

	if (n != 110) /* a field over 32 bits: newc cannot hold it */
		die("entry too large for newc", name);
	put(h, 110);
	put(name, strlen(name) + 1);
	pad4();
}

static void body(const struct ent *e)
{
	char buf[65536];

	if (S_ISLNK(e->st.st_mode)) {
		ssize_t n = readlink(e->src, buf, sizeof(buf));

		if (n < 0)
			die(strerror(errno), e->src);
		if (n != e->st.st_size) /* the header already said st_size */
			die("symlink changed while archiving", e->src);
		put(buf, (size_t)n);
		return;
	}
	FILE *f = fopen(e->src, "rb");
	size_t n, total = 0;

	if (!f)
		die(strerror(errno), e->src);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		put(buf, n);
		total += n;
	}
	if (ferror(f) || total != (size_t)e->st.st_size)
		die("file changed while archiving", e->src);
	fclose(f);
}

static void emit(const struct ent *e)
{
	unsigned long size = 0;
	mode_t m = e->st.st_mode;

	if ((S_ISREG(m) && e->first) || S_ISLNK(m))
		size = (unsigned long)e->st.st_size;
	header(e->path, e->ino, m, S_ISDIR(m) ? 2 : e->nlink, size,
	       e->st.st_rdev);
	if (size)
		body(e);
	pad4();
}

/* SOURCE_DATE_EPOCH: decimal seconds; garbage must not become 0. */
static unsigned long long parse_epoch(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-')
		die("bad -t EPOCH", s);
	return v;
}

int main(int argc, char **argv)
{
	int c;

	host_prog = "mkcpio";
	while ((c = getopt(argc, argv, "t:n:")) != -1) {
		if (c == 't')
			epoch = parse_epoch(optarg);
		else if (c == 'n')
			add_node(optarg);
		else
			die("usage: mkcpio [-t EPOCH] [-n NODE]... DIR", 0);
	}
	if (optind != argc - 1)
		die("usage: mkcpio [-t EPOCH] [-n NODE]... DIR", 0);
	walk(argv[optind], "");
	if (nents) /* an empty tree has no array: qsort(NULL) is UB */
		qsort(ents, nents, sizeof(*ents), by_path);
	for (size_t i = 0; i < nents; i++)
		check_path(&ents[i], i ? &ents[i - 1] : 0);
	number();
	for (size_t i = 0; i < nents; i++)
		emit(&ents[i]);
	header(TRAILER, 0, 0, 1, 0, 0);
	if (fflush(stdout))
		die("write", strerror(errno));
	return 0;
}
