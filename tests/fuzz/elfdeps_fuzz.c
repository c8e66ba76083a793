/* libFuzzer harness for the ELF closure reader (rootfs-skel/elfdeps.c):
 * each input is up to four files, split at the 8 bytes "FZSPLIT!",
 * written into a scratch root as
 *
 *   /bin/p  /lib/libA.so  /lib/libB.so  /lib/ld.so
 *
 * (the seeds name each other so: NEEDED libA.so, interpreter
 * /lib/ld.so, RPATH $ORIGIN/../lib). elfdeps then runs in-process
 * (fz_host.h) as `elfdeps -r ROOT /bin/p`, `elfdeps -H -r ROOT
 * ROOT/bin/p` and `elfdeps -M ROOT/bin/p`, and each run must end
 *
 *   - exit 0, nothing on stderr, every output line "NAME\tREAL" with
 *     both absolute (-M: any depends= text, one line);
 *   - or exit 1, stderr starting "elfdeps: " and ending in a newline
 *     (names are echoed as they are, newlines and all).
 *
 * Anything else (exit 2, a sanitizer report, a hang) is a bug: abort().
 * elfdeps keeps what it maps mapped (a short-lived tool): the harness
 * unmaps it after each run. */
#include <ftw.h>

#include "fz_host.h"

#define main elfdeps_main
#include "rootfs-skel/hostlib.c"
#include "rootfs-skel/elfdeps.c"
#undef main
#define FZ_HOST_END
#include "fz_host.h"

static const char *const names[] = {"bin/p", "lib/libA.so", "lib/libB.so",
				    "lib/ld.so"};
static char top[64];

static _Noreturn void fail(const char *what, const char *detail)
{
	fprintf(stderr, "elfdeps_fuzz: %s: %.*s\n", what, 400,
		detail ? detail : "");
	abort();
}

static void put_file(const char *name, const uint8_t *d, size_t n)
{
	char p[128];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", top, name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || write(fd, d, n) != (ssize_t)n || close(fd))
		fail("write", p);
}

/* Every line of s (len n) passes ok(line). */
static int lines_ok(const char *s, size_t n, int (*ok)(const char *, size_t))
{
	for (size_t at = 0, l; at < n; at += l + 1) {
		const char *nl = memchr(s + at, '\n', n - at);

		if (!nl)
			return 0; /* a line without its newline */
		l = (size_t)(nl - (s + at));
		if (!ok(s + at, l))
			return 0;
	}
	return 1;
}

static int closure_line(const char *s, size_t n)
{
	const char *tab = memchr(s, '\t', n);

	return tab && tab > s && tab + 1 < s + n && tab[1] == '/';
}

static int err_line(const char *s, size_t n)
{
	return n > 9 && !memcmp(s, "elfdeps: ", 9);
}

static void reset(void)
{
	for (unsigned i = 0; i <= nobjs && i < MAX_OBJS; i++)
		if (objs[i].e.p)
			munmap((void *)objs[i].e.p, objs[i].e.n);
	memset(objs, 0,
	       sizeof(objs[0]) * (nobjs + 1 < MAX_OBJS ? nobjs + 1 : MAX_OBJS));
	nobjs = 0, bad = 0, root = "", host_files = 0;
}

static void run(int argc, char **argv, int modinfo)
{
	int st = fz_host_call(elfdeps_main, argc, argv);

	if (st == 0 && fz_errlen)
		fail("exit 0 with an error", fz_errbuf);
	if (st == 0 && !modinfo &&
	    !lines_ok(fz_outbuf, fz_outlen, closure_line))
		fail("output is not NAME<TAB>REAL lines", fz_outbuf);
	/* A name is echoed as it is: its own newline may split a line. */
	if (st == 1 && (!fz_errlen || !err_line(fz_errbuf, fz_errlen) ||
			fz_errbuf[fz_errlen - 1] != '\n'))
		fail("an error that does not start \"elfdeps: \"", fz_errbuf);
	if (st != 0 && st != 1)
		fail("exit status neither 0 nor 1", fz_errbuf);
	fz_host_release();
	reset();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char p[128];

	snprintf(top, sizeof(top), "/dev/shm/elfdeps-fuzz.%d", (int)getpid());
	snprintf(p, sizeof(p), "%s/bin", top);
	mkdir(top, 0755);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/lib", top);
	mkdir(p, 0755);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char prog[128], *argv[6];
	size_t at = 0;

	for (unsigned i = 0; i < 4; i++) {
		const uint8_t *end =
			at <= size ? memmem(data + at, size - at, "FZSPLIT!", 8)
				   : 0;
		size_t n = end ? (size_t)(end - (data + at))
			       : (at <= size ? size - at : 0);

		put_file(names[i], data + at, n);
		at += n + 8;
	}
	snprintf(prog, sizeof(prog), "%s/bin/p", top);
	run(4, (char *[]){"elfdeps", "-r", top, "/bin/p", 0}, 0);
	run(5, (char *[]){"elfdeps", "-H", "-r", top, prog, 0}, 0);
	argv[0] = "elfdeps", argv[1] = "-M", argv[2] = prog, argv[3] = 0;
	run(3, argv, 1);
	return 0;
}
