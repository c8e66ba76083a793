/* libFuzzer harness for `corral run`'s option parser (sandbox/runopt.c,
 * the setters in sandbox/runval.c, --user names in sandbox/runuser.c):
 * each input is an argument list, split at '\n' and NUL, after "run",
 * parsed by run_parse() in-process. runopt.sh makes sure the seeds
 * reach every RUN row of lib/opts.h, and gives the mutator each
 * "--NAME" as a dictionary word. --user names are looked up under the
 * fixture root FZ_ROOT (etc/passwd, etc/group), made at start-up.
 *
 * The oracle, from run_parse's contract (sandbox/run.h):
 *
 *   -1    exactly one line "corral run: ...\n" on stderr;
 *   0     (--help or -h seen) nothing on stderr;
 *   N>0   argv[N - 1] is "--" and N < argc, nothing on stderr, and the
 *         result is what PID 1's sandbox may be handed: a root, mount
 *         isolation whenever there is any, net host only without net
 *         isolation, none or veth only with it, counts in bounds.
 *
 * stderr: the script runs with -close_fd_mask=2, so libFuzzer and the
 * sanitizers report on a copy of it and fd 2 is free for the harness to
 * point at a memfd during each call. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox/run.h"

#define FZ_ROOT  "/dev/shm/corral-runopt-fuzz"
#define MAX_ARGS 64

static int memfd, realerr = 2;
static char errbuf[4096];
static ssize_t errlen;

static _Noreturn void bug(const char *what, int argc, char **argv)
{
	dprintf(realerr, "runopt_fuzz: %s; stderr '%.*s'; argv:", what,
		(int)errlen, errbuf);
	for (int i = 0; i < argc; i++)
		dprintf(realerr, " '%s'", argv[i]);
	dprintf(realerr, "\n");
	abort();
}

static void fixture(const char *name, const char *text)
{
	char p[128];
	int fd;

	snprintf(p, sizeof(p), FZ_ROOT "/etc/%s", name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, text, strlen(text)) < 0 || close(fd))
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	realerr = dup(2); /* before libFuzzer's -close_fd_mask */
	memfd = memfd_create("runopt-stderr", MFD_CLOEXEC);
	if (realerr < 0 || memfd < 0)
		abort();
	mkdir(FZ_ROOT, 0755);
	mkdir(FZ_ROOT "/etc", 0755);
	fixture("passwd",
		"root:x:0:0::/root:/bin/sh\nweb:x:100:101::/:/bin/false\n"
		"bad:x:notanumber:1::/:/bin/false\nbig:x:4294967295:1::/:\n");
	fixture("group", "root:x:0:\nweb:x:101:\nwww:x:102:web\n");
	return 0;
}

static void check_ok(struct run_cfg *r, int n, int argc, char **argv)
{
	const struct svc *s = &r->s;

	if (errlen)
		bug("success with output on stderr", argc, argv);
	if (n >= argc || strcmp(argv[n - 1], "--"))
		bug("the command index is not after --", argc, argv);
	if (!s->root)
		bug("no root", argc, argv);
	if (s->ns && !(s->ns & NS_MOUNT))
		bug("isolation without mount", argc, argv);
	if ((s->net == NET_HOST) != !(s->ns & NS_NET))
		bug("net host with net isolation, or none/veth without", argc,
		    argv);
	if (s->nmounts > RUN_MAX_MOUNTS || r->nenv > RUN_MAX_ENV ||
	    r->env[r->nenv])
		bug("a count out of bounds", argc, argv);
}

static void check_err(int argc, char **argv)
{
	if (errlen < 14 || memcmp(errbuf, "corral run: ", 12) ||
	    errbuf[errlen - 1] != '\n' ||
	    memchr(errbuf, '\n', (size_t)errlen) != errbuf + errlen - 1)
		bug("an error that is not one line \"corral run: ...\"", argc,
		    argv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run_cfg r;
	char *in = malloc(size + 1), *argv[MAX_ARGS + 1] = {"run"};
	int argc = 1, n;

	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = 0;
	for (size_t i = 0; i < size; i++)
		if (in[i] == '\n' || !in[i])
			in[i] = 0;
	for (size_t at = 0; at <= size && argc < MAX_ARGS;
	     at += strlen(in + at) + 1)
		argv[argc++] = in + at;
	argv[argc] = 0;
	memset(&r, 0, sizeof(r));
	if (ftruncate(memfd, 0) || lseek(memfd, 0, SEEK_SET) ||
	    dup2(memfd, 2) < 0)
		abort();
	n = run_parse(&r, argc, argv);
	errlen = pread(memfd, errbuf, sizeof(errbuf), 0);
	if (n < -1 || n > argc)
		bug("run_parse returned out of range", argc, argv);
	if (n == -1)
		check_err(argc, argv);
	else if (n == 0 && errlen)
		bug("--help with output on stderr", argc, argv);
	else if (n > 0)
		check_ok(&r, n, argc, argv);
	free(in);
	return 0;
}
