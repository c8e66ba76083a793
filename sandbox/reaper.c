/* PID 1 of a service's PID namespace (tini's loop, in small).
 *
 * It forwards the signals its parent sends to the service, reaps every
 * orphan the namespace hands it, and exits with the service's status
 * (128+N when the service died of signal N: the namespace's init cannot
 * die of a signal it sends itself). Its exit tears the namespace down,
 * killing whatever the service left behind.
 *
 * Why the service cannot use it: the reaper runs with the service's own
 * uid, gid and groups (it must, to pass signals on without CAP_KILL),
 * holds no capability in any set, is undumpable (so neither ptrace nor
 * /proc/1/{root,mem,environ} reach it; seccomp denies ptrace anyway),
 * has no_new_privs and runs under a seccomp filter of its own that
 * kills it on any call but the handful below; all of that is in place
 * before the service may exec (sbx_child). The service may signal it, but as the
 * namespace's init it ignores SIGKILL and SIGSTOP from inside, and any
 * other signal only makes it send that signal back to the service. It
 * holds no fd at all: not the caller's stdio, not the report pipe.
 */
#include "sandbox/sbx.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int status_code(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + WTERMSIG(st);
}

/* Reap everything that is ready; returns the service's exit code once
 * it is among them, else -1. */
static int reap(pid_t svc)
{
	int st, code = -1;
	pid_t p;

	while ((p = waitpid(-1, &st, WNOHANG)) > 0)
		if (p == svc && !WIFSTOPPED(st) && !WIFCONTINUED(st))
			code = status_code(st);
	return code;
}

/* Entered with no fd and every privilege gone (sbx_child). */
_Noreturn void sbx_reaper(pid_t svc)
{
	sigset_t all;
	siginfo_t si;

	/* The caller blocked every signal before the fork: none is lost. */
	sigfillset(&all);
	for (;;) {
		int sig = sigwaitinfo(&all, &si), code;

		if (sig == SIGCHLD) {
			if ((code = reap(svc)) >= 0)
				_exit(code);
		} else if (sig > 0) {
			kill(svc, sig);
		}
	}
}
