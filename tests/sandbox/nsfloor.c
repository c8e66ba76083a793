/* nsfloor: the kernel's floor for a sandboxed launch, for the benchmark.
 *
 *   nsfloor CMD [ARG...]
 *
 * One clone(2) with the namespaces `corral run` makes by default
 * (mount, PID, network, UTS, IPC, cgroup), exec of CMD in it, wait, and
 * CMD's exit status. Nothing else: no root, no /proc, no /dev, no
 * cgroup, no lo, no credentials, no seccomp, no reaper. Whatever a
 * sandbox does on top costs more than this, so a goal set below this
 * time (tests/bench/sandbox.sh prints it beside the others) cannot be
 * met on that machine by any sandbox, only by a faster kernel. Exits
 * 125 if the clone or wait fails, 127 if CMD cannot be run.
 */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NS_ALL                                                                 \
	(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS |            \
	 CLONE_NEWIPC | CLONE_NEWCGROUP)

int main(int argc, char **argv)
{
	pid_t p;
	int st;

	if (argc < 2) {
		fprintf(stderr, "usage: nsfloor CMD [ARG...]\n");
		return 125;
	}
	/* fork-like: no stack, the child runs on a copy of ours */
	p = (pid_t)syscall(SYS_clone, NS_ALL | SIGCHLD, 0, 0, 0, 0);
	if (p == 0) {
		execv(argv[1], argv + 1);
		_exit(127);
	}
	if (p < 0) {
		perror("nsfloor: clone");
		return 125;
	}
	if (waitpid(p, &st, 0) != p) {
		perror("nsfloor: waitpid");
		return 125;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
