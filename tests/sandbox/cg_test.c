/* Test driver for sandbox/cgroup.c, linked with it (tests/tests.mk).
 *
 *   cg_test run NAME MEM PIDS CPUS CPUPCT [v1kill] -- CMD...
 *	cg_create (CPUS "-" = any), fork CMD, cg_attach it from the parent
 *	(as PID 1 does), wait, then cg_kill, cg_destroy; prints key=value
 *	lines for tests/sandbox/cgroup_*.sh to assert on. "v1kill" makes
 *	cg_kill ignore the v2 directory, to test the cgroup.procs loop.
 *   cg_test alloc MB     touch MB MiB; prints "allocated" if it survives
 *   cg_test forkbomb     fork until refused; the children stay asleep
 *
 * Test code: stdio is fine here, unlike in the corral binary.
 */
#include "sandbox/cgroup.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* What the sandbox does in parts around its clone (sandbox/spawn.c),
 * in one go for this test: create every hierarchy, then the cgroup to
 * clone into, or move a pid by writing cgroup.procs. */
static int cg_create(const struct svc *s, const char *name, struct cg *cg,
		     const char **step)
{
	return cg_create_part(s, name, cg, step, CG_PART_V2 | CG_PART_V1);
}

static int cg_clone_fd(const struct cg *cg)
{
	for (unsigned i = CG_MEMORY; i < CG_NSLOT; i++)
		if (cg->fd[i] >= 0)
			return -1; /* clone3 joins one v2 cgroup, never v1 */
	return cg_into_fd(cg);
}

static int cg_attach(const struct cg *cg, int pid)
{
	char b[24];
	int n = snprintf(b, sizeof(b), "%d", pid > 0 ? pid : 0);

	for (unsigned i = 0; i < CG_NSLOT; i++)
		if (cg->procs_fd[i] >= 0 && write(cg->procs_fd[i], b, n) != n)
			return -errno;
	return 0;
}

static long us_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000;
}

static int count_procs(const struct cg *cg)
{
	int dfd = cg->v2 ? cg->fd[CG_V2] : cg->fd[CG_PIDS], n = 0;
	char buf[4096];
	ssize_t got;

	int fd = openat(dfd, "cgroup.procs", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((got = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < got; i++)
			n += buf[i] == '\n';
	close(fd);
	return n;
}

static void report_slots(const struct cg *cg)
{
	static const char *const names[CG_NSLOT] = {"v2", "memory", "pids",
						    "cpuset", "cpu"};

	printf("slots=");
	for (int i = 0; i < CG_NSLOT; i++)
		if (cg->fd[i] >= 0)
			printf("%s,", names[i]);
	printf("\nclone_fd=%s\n", cg_clone_fd(cg) >= 0 ? "yes" : "no");
}

/* fork(), or clone3() straight into the cgroup when cg_clone_fd allows
 * it (no libc wrapper: the raw syscall behaves like fork here). */
static pid_t fork_into(const struct cg *cg)
{
	struct clone_args ca = {.exit_signal = SIGCHLD};

	if (cg_clone_fd(cg) < 0)
		return fork();
	ca.flags = CLONE_INTO_CGROUP;
	ca.cgroup = (uint64_t)cg_clone_fd(cg);
	printf("clone3=yes\n");
	return (pid_t)syscall(SYS_clone3, &ca, sizeof(ca));
}

/* Fork argv, attached to cg by the parent before it may exec. */
static pid_t spawn(const struct cg *cg, char **argv)
{
	struct timespec t0;
	int p[2], r = 0;
	char c;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork_into(cg);
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(125);
		execvp(argv[0], argv);
		_exit(127);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (pid > 0 && cg_clone_fd(cg) < 0) {
		r = cg_attach(cg, pid);
		printf("attach=%d\nattach_us=%ld\n", r, us_since(&t0));
	}
	if (write(p[1], "x", 1) != 1 || r)
		kill(pid, SIGKILL);
	close(p[0]);
	close(p[1]);
	return pid;
}

static void report_status(int st)
{
	if (WIFEXITED(st))
		printf("status=exited:%d\n", WEXITSTATUS(st));
	else
		printf("status=signaled:%d\n", WTERMSIG(st));
}

static int run(char **av)
{
	struct svc s = {.name = av[0]};
	struct timespec t0;
	struct cg cg;
	const char *step = "";
	int v1kill = av[5] && !strcmp(av[5], "v1kill"), st;

	s.memory = strtoull(av[1], 0, 0);
	s.pids = (uint32_t)strtoul(av[2], 0, 0);
	s.cpus = strcmp(av[3], "-") ? av[3] : 0;
	s.cpu_pct = (uint16_t)strtoul(av[4], 0, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int r = cg_create(&s, 0, &cg, &step);
	printf("create=%d\ncreate_us=%ld\nstep=%s\n", r, us_since(&t0), step);
	if (r)
		return 1;
	report_slots(&cg);
	char **cmd = av + 5 + v1kill + 1; /* past "--" */
	pid_t pid = spawn(&cg, cmd);
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return 1;
	report_status(st);
	printf("oom=%d\nmemory=%llu\n", cg_oom_killed(&cg),
	       (unsigned long long)cg_memory(&cg));
	printf("procs_before=%d\n", count_procs(&cg));
	struct cg k = cg;
	k.v2 = v1kill ? 0 : k.v2;
	printf("kill=%d\n", cg_kill(&k));
	/* At once, as PID 1 does: cgroup.kill is asynchronous, so this
	 * also checks that cg_destroy waits for the dying tasks. rmdir
	 * succeeding proves the cgroup is empty. */
	printf("destroy=%d\n", cg_destroy(&cg));
	return 0;
}

static int alloc(long mb)
{
	size_t n = (size_t)mb << 20;
	char *p = malloc(n);

	if (!p)
		return 2;
	for (size_t i = 0; i < n; i += 4096)
		p[i] = 1;
	printf("allocated\n");
	return 0;
}

static int forkbomb(void)
{
	int n = 0;

	for (;;) {
		pid_t pid = fork();
		if (pid == 0) {
			pause();
			_exit(0);
		}
		if (pid < 0)
			break;
		n++;
	}
	printf("forks=%d errno=%s\n", n, errno == EAGAIN ? "EAGAIN" : "other");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	if (argc >= 9 && !strcmp(argv[1], "run"))
		return run(argv + 2);
	if (argc == 3 && !strcmp(argv[1], "alloc"))
		return alloc(atol(argv[2]));
	if (argc == 2 && !strcmp(argv[1], "forkbomb"))
		return forkbomb();
	fprintf(stderr, "usage: see tests/sandbox/cg_test.c\n");
	return 2;
}
