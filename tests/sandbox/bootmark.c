/* bootmark: the boot benchmark's stopwatch (tests/bench/boot.sh). With
 * a NAME it prints "bootmark: NAME US" (CLOCK_MONOTONIC: microseconds
 * since boot) and then waits forever, a service that is up; with none
 * it is the kernel's rdinit= and, having printed "bootmark: init US",
 * execs /sbin/init as PID 1. Both inits are timed by the same clock,
 * from the same exec, to the same ten services.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec ts;
	char *init[] = {"/sbin/init", NULL};

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 1;
	printf("bootmark: %s %lld\n", argc > 1 ? argv[1] : "init",
	       (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
	if (fflush(stdout) == EOF)
		return 1;
	if (argc == 1) {
		execv(init[0], init);
		return 127;
	}
	for (;;)
		pause();
}
