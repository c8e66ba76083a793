/* launch: whole-process timing for the sandbox benchmark.
 *
 *   launch [-g GAP_US] N CMD [ARG...]
 *
 * Runs CMD N times, one after the other (fork, exec, wait), with stdout
 * and stderr on /dev/null, and prints one line per run: its wall time
 * in microseconds, then "total US" for the whole series. A run that
 * does not exit 0 makes launch exit 1 (a benchmark of failing runs
 * measures nothing). -g sleeps GAP_US between runs, so runs can be
 * measured cold (no kernel state left warm by the previous one) as
 * well as back to back.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int once(char **argv)
{
	int st;
	pid_t p = fork();

	if (p == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	if (p < 0 || waitpid(p, &st, 0) != p)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(int argc, char **argv)
{
	long gap = 0;
	long long t0, all;
	int n, bad = 0;

	if (argc > 2 && !strcmp(argv[1], "-g")) {
		gap = atol(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc < 3 || (n = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: launch [-g GAP_US] N CMD [ARG...]\n");
		return 2;
	}
	all = 0;
	for (int i = 0; i < n; i++) {
		int rc;

		if (gap)
			usleep((useconds_t)gap);
		t0 = now_us();
		rc = once(argv + 2);
		t0 = now_us() - t0;
		all += t0;
		printf("%lld\n", t0);
		if (rc) {
			fprintf(stderr, "launch: %s exited %d\n", argv[2], rc);
			bad = 1;
		}
	}
	printf("total %lld\n", all);
	return bad;
}
