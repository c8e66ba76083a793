/* soakaid: load and hostile clients for the PID 1 soak tests
 * (tests/unit/soak_*.sh). Static, so it runs in the test trees too.
 *
 *   soakaid flood SECS       for SECS seconds, lines "x N" to stdout and
 *                            datagrams "y N" to /dev/log, as fast as they
 *                            go (two processes); then, in a new second
 *                            of the rate limit, "sent out N log M"
 *   soakaid tick N MS [PATH] N lines "tick I", MS ms apart, to stdout or
 *                            as datagrams to the unix socket PATH; then
 *                            "ticked N" and it waits forever
 *   soakaid hold             fork children that wait forever until fork
 *                            fails, "hold: N children, fork: ERROR" the
 *                            first time, then try again every ms
 *   soakaid idle SOCK        connect to the control socket, send nothing;
 *                            "idle: closed after N ms" when PID 1 hangs up
 *   soakaid drip SOCK        connect, then one byte a second ("s", "t"...):
 *                            each reply and how long it took, until the
 *                            socket is closed: "drip: closed after N ms"
 *
 * Exits 1 with the failing step on stderr.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int die(const char *what)
{
	fprintf(stderr, "soakaid: %s: %s\n", what, strerror(errno));
	return 1;
}

static int unix_fd(const char *path, int type)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof(a.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(a.sun_path, path);
	fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Whole lines in 4 KiB writes until the deadline: the count written. */
static long flood_out(long long end)
{
	static char buf[4096];
	long n = 0;

	while (now_ms() < end) {
		int len = 0;

		while (len < (int)sizeof(buf) - 24)
			len += sprintf(buf + len, "x %ld\n", n++);
		if (write(1, buf, (size_t)len) != len)
			exit(die("write stdout"));
	}
	return n;
}

static long flood_log(long long end)
{
	int fd = unix_fd("/dev/log", SOCK_DGRAM);
	char msg[32];
	long n = 0;

	if (fd < 0)
		exit(die("/dev/log"));
	while (now_ms() < end) {
		int len = sprintf(msg, "y %ld", n);

		if (send(fd, msg, (size_t)len, 0) < 0)
			exit(die("send /dev/log"));
		n++;
	}
	return n;
}

static int flood(long long secs)
{
	long long end = now_ms() + secs * 1000;
	long out, logged = 0;
	int p[2], st;
	pid_t pid;

	if (pipe(p) || (pid = fork()) < 0)
		return die("fork");
	if (!pid) {
		long n = flood_log(end);

		if (write(p[1], &n, sizeof(n)) != sizeof(n))
			return die("write pipe");
		return 0;
	}
	out = flood_out(end);
	if (read(p[0], &logged, sizeof(logged)) != sizeof(logged) ||
	    waitpid(pid, &st, 0) != pid || st)
		return die("the /dev/log flooder");
	sleep(1); /* past the second the rate limit counted the flood in */
	usleep(100000);
	printf("sent out %ld log %ld\n", out, logged);
	return 0;
}

static int tick(long n, long ms, const char *path)
{
	int fd = path ? unix_fd(path, SOCK_DGRAM) : 1;
	char msg[32];

	if (fd < 0)
		return die(path);
	for (long i = 1; i <= n; i++) {
		int len = sprintf(msg, path ? "tick %ld" : "tick %ld\n", i);

		if ((path ? send(fd, msg, (size_t)len, 0)
			  : write(1, msg, (size_t)len)) != len)
			return die("tick");
		usleep((useconds_t)ms * 1000);
	}
	printf("ticked %ld\n", n);
	fflush(stdout);
	for (;;)
		pause();
}

static _Noreturn void hold(void)
{
	long n = 0;
	int said = 0;

	for (;;) {
		pid_t pid = fork();

		if (!pid)
			for (;;)
				pause();
		if (pid > 0) {
			n++;
			continue;
		}
		if (!said) {
			printf("hold: %ld children, fork: %s\n", n,
			       strerror(errno));
			fflush(stdout);
			said = 1;
		}
		usleep(1000);
	}
}

/* idle and drip: what PID 1 does to a client that says nothing, or one
 * byte a second. */
static int client(const char *sock, int drip)
{
	int fd = unix_fd(sock, SOCK_SEQPACKET);
	long long t0 = now_ms(), t;
	char buf[256], c = 's';

	if (fd < 0)
		return die(sock);
	printf("%s: connected\n", drip ? "drip" : "idle");
	fflush(stdout);
	for (;;) {
		ssize_t n;

		t = now_ms();
		if (drip && send(fd, &c, 1, MSG_NOSIGNAL) < 0) {
			printf("drip: send '%c': %s after %lld ms\n", c,
			       strerror(errno), now_ms() - t0);
			return 0;
		}
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			break;
		buf[n] = 0;
		printf("drip: '%c' answered '%c%s' in %lld ms\n", c, buf[0],
		       buf + 1, now_ms() - t);
		fflush(stdout);
		c++;
		sleep(1);
	}
	printf("%s: closed after %lld ms\n", drip ? "drip" : "idle",
	       now_ms() - t0);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	signal(SIGPIPE, SIG_IGN);
	if (argc == 3 && !strcmp(cmd, "flood"))
		return flood(atoll(argv[2]));
	if ((argc == 4 || argc == 5) && !strcmp(cmd, "tick"))
		return tick(atol(argv[2]), atol(argv[3]),
			    argc == 5 ? argv[4] : 0);
	if (argc == 2 && !strcmp(cmd, "hold"))
		hold();
	if (argc == 3 && (!strcmp(cmd, "idle") || !strcmp(cmd, "drip")))
		return client(argv[2], cmd[0] == 'd');
	fprintf(stderr, "usage: soakaid flood SECS | tick N MS [PATH] | "
			"hold | idle SOCK | drip SOCK\n");
	return 2;
}
