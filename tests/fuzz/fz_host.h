/* Running a build-host tool (rootfs-skel/mkcpio.c, elfdeps.c) many times
 * in one libFuzzer process. Those tools exit on the first error and
 * leave what they allocated and opened to the exit: fine for a tool,
 * fatal for a fuzzer that runs it a million times. A harness includes
 * this header, then the tool's .c files, then FZ_HOST_END:
 *
 *   exit          longjmps back to fz_host_call(), status kept
 *   malloc...     every block on a list, released after each input (so
 *                 LeakSanitizer still sees what escapes the list)
 *   opendir, fopen
 *                 tracked and closed after each input (no fd leak)
 *   stdout, stderr
 *                 memory streams the oracle reads (fz_out, fz_err)
 *
 * The renaming is done with macros after the system headers, which are
 * included first so their declarations keep the real names. */
#ifndef FZ_HOST_H
#define FZ_HOST_H

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static jmp_buf fz_back;
static int fz_status;
static FILE *fz_out, *fz_err;
static char *fz_outbuf, *fz_errbuf;
static size_t fz_outlen, fz_errlen;

static _Noreturn void fz_exit(int code)
{
	fz_status = code;
	longjmp(fz_back, 1);
}

/* Each block behind a header on a doubly linked list. */
struct fz_blk {
	struct fz_blk *prev, *next;
	_Alignas(16) char data[];
};
static struct fz_blk fz_live = {&fz_live, &fz_live};

static void fz_link(struct fz_blk *b)
{
	b->next = fz_live.next, b->prev = &fz_live;
	fz_live.next->prev = b, fz_live.next = b;
}

static void *fz_realloc(void *p, size_t n)
{
	struct fz_blk *b = 0, *nb;

	if (p) {
		b = (struct fz_blk *)((char *)p -
				      offsetof(struct fz_blk, data));
		b->prev->next = b->next, b->next->prev = b->prev;
	}
	nb = realloc(b, sizeof(*nb) + n);
	if (!nb) { /* as realloc: the old block stays valid */
		if (b)
			fz_link(b);
		return 0;
	}
	fz_link(nb);
	return nb->data;
}

static void *fz_malloc(size_t n)
{
	return fz_realloc(0, n);
}

static void fz_free(void *p)
{
	if (p) {
		struct fz_blk *b =
			(struct fz_blk *)((char *)p -
					  offsetof(struct fz_blk, data));
		b->prev->next = b->next, b->next->prev = b->prev;
		free(b);
	}
}

static char *fz_strdup(const char *s)
{
	char *d = fz_malloc(strlen(s) + 1);

	return d ? strcpy(d, s) : 0;
}

#define FZ_MAX_OPEN 64
static DIR *fz_dirs[FZ_MAX_OPEN];
static FILE *fz_files[FZ_MAX_OPEN];

static int fz_slot(void **tab, void *p)
{
	for (unsigned i = 0; p && i < FZ_MAX_OPEN; i++)
		if (!tab[i]) {
			tab[i] = p;
			return 0;
		}
	if (p) /* more open than the tool can hold: the harness is wrong */
		abort();
	return -1;
}

static void fz_unslot(void **tab, void *p)
{
	for (unsigned i = 0; i < FZ_MAX_OPEN; i++)
		if (tab[i] == p)
			tab[i] = 0;
}

static DIR *fz_opendir(const char *path)
{
	DIR *d = opendir(path);

	fz_slot((void **)fz_dirs, d);
	return d;
}

static int fz_closedir(DIR *d)
{
	fz_unslot((void **)fz_dirs, d);
	return closedir(d);
}

static FILE *fz_fopen(const char *path, const char *mode)
{
	FILE *f = fopen(path, mode);

	fz_slot((void **)fz_files, f);
	return f;
}

static int fz_fclose(FILE *f)
{
	fz_unslot((void **)fz_files, f);
	return fclose(f);
}

/* Run fn(argc, argv) as the tool's main: its exit status (a return or
 * an exit()). fz_out and fz_err hold what it wrote. */
static int fz_host_call(int (*fn)(int, char **), int argc, char **argv)
{
	fz_out = open_memstream(&fz_outbuf, &fz_outlen);
	fz_err = open_memstream(&fz_errbuf, &fz_errlen);
	if (!fz_out || !fz_err)
		abort();
	optind = 0; /* glibc: getopt starts afresh */
	fz_status = setjmp(fz_back) ? fz_status : fn(argc, argv);
	fflush(fz_out);
	fflush(fz_err);
	return fz_status;
}

/* After the oracle: everything the run left behind. */
static void fz_host_release(void)
{
	while (fz_live.next != &fz_live)
		fz_free(fz_live.next->data);
	for (unsigned i = 0; i < FZ_MAX_OPEN; i++) {
		if (fz_dirs[i])
			fz_closedir(fz_dirs[i]);
		if (fz_files[i])
			fz_fclose(fz_files[i]);
	}
	fclose(fz_out);
	fclose(fz_err);
	free(fz_outbuf);
	free(fz_errbuf);
	fz_outbuf = fz_errbuf = 0;
}

/* stderr's one line, "PROG: message\n": or abort(). The tools echo
 * names as they are (a build-host tool's output is for the developer,
 * no terminal is at risk), so a name's own newline may split it: with
 * strict unset only the start and the end are checked. */
static void fz_one_line(const char *prog, int strict)
{
	size_t n = strlen(prog);

	if (fz_errlen < n + 3 || memcmp(fz_errbuf, prog, n) ||
	    memcmp(fz_errbuf + n, ": ", 2) || fz_errbuf[fz_errlen - 1] != '\n')
		goto bad;
	for (size_t i = 0; strict && i + 1 < fz_errlen; i++)
		if ((unsigned char)fz_errbuf[i] < ' ')
			goto bad;
	return;
bad:
	fprintf(stderr, "fz_host: not one line \"%s: message\": '%.*s'\n", prog,
		(int)fz_errlen, fz_errbuf);
	abort();
}

#define exit     fz_exit
#define malloc   fz_malloc
#define realloc  fz_realloc
#define free     fz_free
#define strdup   fz_strdup
#define opendir  fz_opendir
#define closedir fz_closedir
#define fopen    fz_fopen
#define fclose   fz_fclose
#undef stdout
#undef stderr
#define stdout fz_out
#define stderr fz_err

#endif

/* After the tool's files: the harness's own code uses the real ones. */
#ifdef FZ_HOST_END
#undef exit
#undef malloc
#undef realloc
#undef free
#undef strdup
#undef opendir
#undef closedir
#undef fopen
#undef fclose
#undef stdout
#undef stderr
#define stdout stdout
#define stderr stderr
#endif
