/* Test driver for sandbox/net.c, linked with it (tests/tests.mk).
 *
 *   net_test veth NAME ADDR/PFX GW HOSTCMD -- CMD...
 *	fork a child that unshares its network namespace; from the parent
 *	call net_veth (GW "-" = none), run HOSTCMD with sh in the host
 *	namespace, then let the child exec CMD and wait for it. Prints
 *	key=value lines for tests/sandbox/net_*.sh to assert on.
 *   net_test lo -- CMD...
 *	unshare the network namespace, net_lo_up, exec CMD.
 *
 * Test code: stdio is fine here, unlike in the corral binary.
 */
#include "sandbox/net.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int parse_cidr(const char *arg, struct svc *s)
{
	char a[32];
	const char *slash = strchr(arg, '/');

	if (!slash || (size_t)(slash - arg) >= sizeof(a))
		return -1;
	memcpy(a, arg, (size_t)(slash - arg));
	a[slash - arg] = 0;
	s->prefix = (uint8_t)atoi(slash + 1);
	return inet_pton(AF_INET, a, &s->addr) == 1 ? 0 : -1;
}

/* The child: own netns, tell the parent, wait for its go, exec. */
static void child(int ready, int go, char **cmd)
{
	char c = unshare(CLONE_NEWNET) ? 'e' : 'r';

	if (write(ready, &c, 1) != 1 || c != 'r')
		_exit(125);
	if (read(go, &c, 1) != 1 || c != 'g')
		_exit(125);
	execvp(cmd[0], cmd);
	_exit(127);
}

static long us_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000;
}

static int veth(char **av)
{
	struct svc s = {.name = av[0], .net = NET_VETH};
	int rp[2], gp[2], st;
	const char *step = "";
	struct timespec t0;
	char c;

	if (parse_cidr(av[1], &s) ||
	    (strcmp(av[2], "-") && inet_pton(AF_INET, av[2], &s.gw) != 1))
		return 2;
	if (pipe2(rp, O_CLOEXEC) || pipe2(gp, O_CLOEXEC))
		return 1;
	pid_t pid = fork();
	if (pid == 0)
		child(rp[1], gp[0], av + 5);
	if (pid < 0 || read(rp[0], &c, 1) != 1 || c != 'r')
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int r = net_veth(&s, pid, &step);
	printf("veth=%d\nveth_us=%ld\nstep=%s\n", r, us_since(&t0), step);
	printf("host_rc=%d\n", system(av[3]));
	fflush(stdout);
	if (write(gp[1], r ? "x" : "g", 1) != 1 || waitpid(pid, &st, 0) < 0)
		return 1;
	printf("status=%d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128);
	return 0;
}

static int lo(char **cmd)
{
	if (unshare(CLONE_NEWNET))
		return 125;
	int r = net_lo_up();
	printf("lo=%d\n", r);
	fflush(stdout);
	execvp(cmd[0], cmd);
	return 127;
}

int main(int argc, char **argv)
{
	if (argc >= 8 && !strcmp(argv[1], "veth") && !strcmp(argv[6], "--"))
		return veth(argv + 2);
	if (argc >= 4 && !strcmp(argv[1], "lo") && !strcmp(argv[2], "--"))
		return lo(argv + 3);
	fprintf(stderr, "usage: see tests/sandbox/net_test.c\n");
	return 2;
}
