/* soakvm: the guest half of tests/boot/soak.sh, run as a service of the
 * soak board (tests/boards/soak) on a real kernel, where corral is the
 * machine's init: root in the base system, with CAP_SYS_PTRACE to read
 * PID 1's fds, smaps_rollup and children. Static: the base system holds
 * no libraries. It drives PID 1 only through `corral ctl`, as an
 * operator would.
 *
 *   soakvm N M B W
 *     W restarts each of ticker and web to fill their log rings (RAM
 *     PID 1 uses only once a ring is first written); both stopped, PID
 *     1's fds and Rss ("before"); started again; N restarts of ticker
 *     (the default jail: six namespaces, pivot_root, a cgroup v2 leaf
 *     made and removed each time) and M of web (eth0 lent to its jail
 *     and given back each time); both stopped, fds and Rss ("after").
 *     Then B orphans of PID 1 (double-forked, each blocked on a FIFO)
 *     let go at once: how long PID 1 takes to reap them, how long
 *     `corral ctl status` takes meanwhile, the zombies left.
 *
 * Each restart is counted only once the service is running again (ctl
 * status), so N restarts are N sandbox set-ups and teardowns. Every
 * figure is a "soakvm: ..." line on stdout (the console); the last is
 * "soakvm: done", or "soakvm: failed: STEP: ERROR".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GATE    "/tmp/soakvm.gate"
#define MAX_FDS 128

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static _Noreturn void fail(const char *step)
{
	printf("soakvm: failed: %s: %s\n", step, strerror(errno));
	exit(1);
}

/* ctl OUT SIZE ARG...: `corral ctl ARG...` with its stdout in OUT; its
 * exit status, or -1 if it could not run. */
static int ctl(char *out, size_t size, const char *a, const char *b)
{
	const char *argv[] = {"corral", "ctl", a, b, 0};
	int p[2], st;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		fail("pipe2");
	pid = fork();
	if (pid < 0)
		fail("fork corral ctl");
	if (!pid) {
		dup2(p[1], 1);
		execv("/sbin/corral", (char **)argv);
		_exit(127);
	}
	close(p[1]);
	while (len + 1 < size &&
	       (n = read(p[0], out + len, size - len - 1)) > 0)
		len += (size_t)n;
	out[len] = 0;
	close(p[0]);
	if (waitpid(pid, &st, 0) != pid)
		fail("waitpid corral ctl");
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The service's STATE, the second word of its `ctl status NAME` line. */
static const char *state(const char *name)
{
	static char out[256];
	char *s, *e;

	if (ctl(out, sizeof(out), "status", name))
		return "?";
	s = strchr(out, ' ');
	if (!s)
		return "?";
	e = strchr(++s, ' ');
	if (e)
		*e = 0;
	return s;
}

/* Wait up to 20 s for NAME in one of the states in WANT ("running
 * ready"): 0 once it is. */
static int until(const char *name, const char *want)
{
	for (long long end = now_ms() + 20000; now_ms() < end; sleep_ms(20)) {
		const char *s = state(name);
		size_t n = strlen(s);
		const char *w = strstr(want, s);

		if (*s != '?' && w && (w[n] == ' ' || !w[n]))
			return 0;
	}
	return -1;
}

static void cycle(const char *name, long n, int quiet)
{
	char out[64];
	long bad = 0;
	long long t0 = now_ms();

	for (long i = 0; i < n; i++)
		if (ctl(out, sizeof(out), "restart", name) ||
		    until(name, "running ready"))
			bad++;
	if (!quiet)
		printf("soakvm: %s: %ld restarts in %lld ms, %ld failed\n",
		       name, n, now_ms() - t0, bad);
	fflush(stdout);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* snap WHEN: ticker and web stopped (their pipes and sockets closed),
 * then PID 1's fds, by what each points at (numbers are reused in any
 * order), and its resident memory from smaps_rollup (the page tables:
 * /proc/1/status's counters lag behind), then both started again. */
static void snap(const char *when)
{
	static char names[MAX_FDS][80];
	char *sorted[MAX_FDS], out[64], line[256], path[64];
	long rss = -1;
	int n = 0;
	struct dirent *d;
	DIR *dir;
	FILE *f;

	if (ctl(out, sizeof(out), "stop", "ticker") ||
	    ctl(out, sizeof(out), "stop", "web") ||
	    until("ticker", "stopped") || until("web", "stopped")) {
		errno = ETIMEDOUT;
		fail("ctl stop ticker web");
	}
	sleep_ms(200);
	dir = opendir("/proc/1/fd");
	if (!dir)
		fail("/proc/1/fd");
	while ((d = readdir(dir)) && n < MAX_FDS) {
		ssize_t len;

		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/1/fd/%s", d->d_name);
		len = readlink(path, names[n], sizeof(names[n]) - 1);
		names[n][len > 0 ? len : 0] = 0;
		sorted[n] = names[n];
		n++;
	}
	closedir(dir);
	qsort(sorted, (size_t)n, sizeof(*sorted), cmp);
	f = fopen("/proc/1/smaps_rollup", "re");
	if (!f)
		fail("/proc/1/smaps_rollup");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Rss: %ld kB", &rss) == 1)
			break;
	fclose(f);
	printf("soakvm: %s: rss %ld kB, fds %d:", when, rss, n);
	for (int i = 0; i < n; i++)
		printf(" %s", sorted[i]);
	printf("\n");
	fflush(stdout);
	if (ctl(out, sizeof(out), "start", "ticker") ||
	    ctl(out, sizeof(out), "start", "web") ||
	    until("ticker", "running ready") || until("web", "running ready")) {
		errno = ETIMEDOUT;
		fail("ctl start ticker web");
	}
}

/* PID 1's children: how many, and how many of them are zombies. */
static int children(int *zombies)
{
	static char buf[65536];
	char path[64], st[256];
	int fd = open("/proc/1/task/1/children", O_RDONLY | O_CLOEXEC);
	ssize_t len;
	int n = 0;

	if (fd < 0)
		fail("/proc/1/task/1/children");
	/* A read of it returns at most a page: read to the end. */
	size_t got = 0;
	while ((len = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)len;
	close(fd);
	if (len < 0)
		fail("read /proc/1/task/1/children");
	buf[got] = 0;
	*zombies = 0;
	for (char *p = buf, *e; *p; p = e) {
		long pid = strtol(p, &e, 10);

		if (e == p)
			break;
		n++;
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue; /* reaped meanwhile */
		len = read(fd, st, sizeof(st) - 1);
		close(fd);
		st[len > 0 ? len : 0] = 0;
		char *s = strrchr(st, ')');
		if (s && s[1] == ' ' && s[2] == 'Z')
			(*zombies)++;
	}
	return n;
}

/* B orphans blocked on the FIFO, then one open and close of it for
 * writing: all reach EOF and exit at once. */
static void burst(long b)
{
	char out[8192];
	int z, k0 = children(&z), k;
	long long t0;

	unlink(GATE);
	if (mkfifo(GATE, 0600))
		fail("mkfifo " GATE);
	for (long i = 0; i < b; i++) {
		pid_t pid = fork();

		if (pid < 0)
			fail("fork");
		if (!pid) {
			if (fork() == 0) {
				char c;
				int fd = open(GATE, O_RDONLY | O_CLOEXEC);

				_exit(fd < 0 || read(fd, &c, 1) < 0);
			}
			_exit(0);
		}
		if (waitpid(pid, 0, 0) != pid)
			fail("waitpid");
	}
	for (t0 = now_ms(); (k = children(&z)) < k0 + b; sleep_ms(50))
		if (now_ms() - t0 > 60000) {
			errno = ETIMEDOUT;
			fail("orphans reparented to PID 1");
		}
	printf("soakvm: burst: %d orphans of PID 1, %d children before\n",
	       k - k0, k0);
	fflush(stdout);
	sleep_ms(2000); /* each blocked in open() */
	t0 = now_ms();
	int fd = open(GATE, O_RDWR | O_CLOEXEC); /* never blocks */
	if (fd < 0)
		fail("open " GATE);
	close(fd);
	/* Meanwhile, from a child of ours: `corral ctl status`. */
	pid_t c = fork();
	if (c < 0)
		fail("fork");
	if (!c) {
		int rc = ctl(out, sizeof(out), "status", 0);

		printf("soakvm: burst: ctl status %s in %lld ms\n",
		       rc ? "failed" : "answered", now_ms() - t0);
		_exit(0);
	}
	/* Orphans not yet exited are children that are not zombies, less
	 * the k0 services (never zombies here). */
	long long exited = -1, reaped = -1;
	int zmax = 0;
	while (now_ms() - t0 < 60000 && reaped < 0) {
		k = children(&z);
		if (z > zmax)
			zmax = z;
		if (exited < 0 && k - z <= k0)
			exited = now_ms() - t0;
		if (k <= k0)
			reaped = now_ms() - t0;
		sleep_ms(10);
	}
	if (waitpid(c, 0, 0) != c)
		fail("waitpid");
	k = children(&z);
	printf("soakvm: burst: all exited in %lld ms, reaped in %lld ms, "
	       "at most %d zombies seen, %d children left, %d zombies\n",
	       exited, reaped, zmax, k, z);
	unlink(GATE);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: soakvm N M B W\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, 0, _IOLBF, 0);
	if (until("ticker", "running ready") || until("web", "running ready")) {
		errno = ETIMEDOUT;
		fail("ticker and web up");
	}
	cycle("ticker", atol(argv[4]), 1);
	cycle("web", atol(argv[4]), 1);
	snap("before");
	cycle("ticker", atol(argv[1]), 0);
	cycle("web", atol(argv[2]), 0);
	snap("after");
	burst(atol(argv[3]));
	printf("soakvm: done\n");
	return 0;
}
