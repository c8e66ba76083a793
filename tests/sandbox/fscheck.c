/* fscheck: what the service's file system view lets it do, run inside
 * `corral run` by tests/sandbox/run_fs.sh. Unlike the hostile probe it
 * runs as uid 0 too (the masks of /proc matter most there): it only
 * reads, writes in the directories the test names, and opens ptys.
 *
 *   fscheck write PATH     create PATH: "ok" or the error
 *   fscheck read PATH...   per PATH: "PATH: N bytes" (the first 64k
 *                          read) or "PATH: error"
 *   fscheck ptys MAX       open /dev/ptmx until it fails, at most MAX
 *                          times: "N ptys, then error" or "N ptys"
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int do_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return printf("%s\n", strerror(errno)), 1;
	printf("ok\n");
	close(fd);
	return 0;
}

static void do_read(const char *path)
{
	static char buf[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		printf("%s: %s\n", path, strerror(errno));
		return;
	}
	n = read(fd, buf, sizeof(buf));
	if (n < 0)
		printf("%s: %s\n", path, strerror(errno));
	else
		printf("%s: %zd bytes\n", path, n);
	close(fd);
}

static int do_ptys(int max)
{
	int n = 0;

	for (; n < max; n++)
		if (open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC) < 0)
			return printf("%d ptys, then %s\n", n, strerror(errno)),
			       0;
	printf("%d ptys\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	setvbuf(stdout, 0, _IOLBF, 0);
	if (!strcmp(m, "write") && argc == 3)
		return do_write(argv[2]);
	if (!strcmp(m, "read")) {
		for (int i = 2; i < argc; i++)
			do_read(argv[i]);
		return 0;
	}
	if (!strcmp(m, "ptys") && argc == 3)
		return do_ptys(atoi(argv[2]));
	fprintf(stderr, "usage: fscheck write PATH|read PATH...|ptys MAX\n");
	return 2;
}
