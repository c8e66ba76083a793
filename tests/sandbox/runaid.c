/* runaid: small helpers run inside `corral run` by run_front.sh (the
 * hostile probe, probe.c, is another's; these are not attacks):
 *
 *   runaid hog READY SECONDS  take inotify instances until EMFILE, print
 *                             "hog UID COUNT", create READY, hold them
 *   runaid one                one inotify instance: "one UID ok|ERROR"
 *   runaid nonblock           set O_NONBLOCK on stdout: "nonblock ok"
 *   runaid say WORD           print WORD
 *   runaid adjtimex           a read-only adjtimex (modes 0: it sets
 *                             nothing, needs no capability): "adjtimex
 *                             ok|ERROR", what the seccomp filter says
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <unistd.h>

static int hog(const char *ready, unsigned secs)
{
	int n = 0, fd;

	while (inotify_init1(IN_CLOEXEC) >= 0)
		n++;
	if (errno != EMFILE) {
		printf("hog %u stopped by %s\n", getuid(), strerror(errno));
		return 1;
	}
	printf("hog %u %d\n", getuid(), n);
	fflush(stdout);
	if ((fd = open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) < 0)
		return perror(ready), 1;
	close(fd);
	sleep(secs);
	return 0;
}

static int one(void)
{
	int fd = inotify_init1(IN_CLOEXEC);

	printf("one %u %s\n", getuid(), fd >= 0 ? "ok" : strerror(errno));
	return fd < 0;
}

static int nonblock(void)
{
	int fl = fcntl(1, F_GETFL);

	if (fl < 0 || fcntl(1, F_SETFL, fl | O_NONBLOCK) < 0)
		return perror("fcntl"), 1;
	printf("nonblock ok\n");
	return 0;
}

/* Never anything but modes 0: this must not touch the host's clock. */
static int adjtime_read(void)
{
	struct timex tx = {.modes = 0};
	long r = syscall(SYS_adjtimex, &tx);

	printf("adjtimex %s\n", r >= 0 ? "ok" : strerror(errno));
	return r < 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	if (!strcmp(m, "hog") && argc > 3)
		return hog(argv[2], (unsigned)atoi(argv[3]));
	if (!strcmp(m, "one"))
		return one();
	if (!strcmp(m, "nonblock"))
		return nonblock();
	if (!strcmp(m, "adjtimex"))
		return adjtime_read();
	if (!strcmp(m, "say") && argc > 2)
		return puts(argv[2]) < 0;
	fprintf(stderr, "usage: runaid hog READY SECONDS|one|nonblock|say "
			"W|adjtimex\n");
	return 2;
}
