/* reaperwatch: run first thing inside a sandbox (as any uid, uid 0
 * included: it only reads), it looks at PID 1 of its PID namespace,
 * the reaper, the moment it starts, and prints one line:
 *
 *   ok                            the reaper holds no capability in any
 *                                 set, has no_new_privs and a seccomp
 *                                 filter, and /proc/1/mem cannot be
 *                                 opened (undumpable)
 *   bad: WHAT                     otherwise
 *
 * The red-team escape (issue 9) raced exactly this window: a reaper that
 * dropped its privileges only after the service's exec. Exit status 0
 * for ok, 1 for bad.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const want[][2] = {
	{"CapInh:", "0000000000000000"},
	{"CapPrm:", "0000000000000000"},
	{"CapEff:", "0000000000000000"},
	{"CapBnd:", "0000000000000000"},
	{"CapAmb:", "0000000000000000"},
	{"NoNewPrivs:", "1"},
	{"Seccomp:", "2"},
};

static int check_status(void)
{
	char b[4096], *p;
	int fd = open("/proc/1/status", O_RDONLY | O_CLOEXEC), bad = 0;
	ssize_t n = fd < 0 ? -1 : read(fd, b, sizeof(b) - 1);

	if (n <= 0)
		return printf("bad: /proc/1/status: %s\n", strerror(errno)), 1;
	b[n] = 0;
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char v[32] = "";

		p = strstr(b, want[i][0]);
		if (p)
			sscanf(p + strlen(want[i][0]), "%31s", v);
		if (strcmp(v, want[i][1]))
			bad = printf("bad: reaper %s %s\n", want[i][0], v);
	}
	return bad != 0;
}

static int cmdline(void)
{
	char b[4096];
	int fd = open("/proc/1/cmdline", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, b, sizeof(b) - 1);

	if (n < 0)
		return printf("bad: /proc/1/cmdline: %s\n", strerror(errno)), 1;
	while (n > 0 && !b[n - 1])
		n--;
	for (ssize_t i = 0; i < n; i++)
		putchar(b[i] ? b[i] : ' ');
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	int fd;

	if (argc > 1 && !strcmp(argv[1], "cmdline"))
		return cmdline();
	fd = open("/proc/1/mem", O_RDWR | O_CLOEXEC);
	int e = errno, bad;

	if (fd >= 0) /* opened only, never written */
		return printf("bad: /proc/1/mem opened read-write\n"), 1;
	bad = check_status();
	if (e != EACCES)
		bad = printf("bad: /proc/1/mem: %s, not EACCES\n", strerror(e));
	if (!bad)
		printf("ok\n");
	return bad != 0;
}
