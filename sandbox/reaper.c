/* PID 1 of a service's PID namespace: it starts the service, then
 * stays behind as its reaper (tini's loop, in small).
 *
 * Start: the service is cloned sharing our memory (CLONE_VM, as
 * posix_spawn does), runs its whole setup (sandbox/child.c), tells us
 * so and waits; we drop every privilege (cr_reaper) and only then let
 * it exec. Both run under one seccomp filter, installed before the
 * clone; with `seccomp none`, we get an allow-list of our own.
 *
 * Loop: it forwards the signals its parent sends to the service, reaps
 * every orphan the namespace hands it, and exits with the service's
 * status (128+N when the service died of signal N: the namespace's init
 * cannot die of a signal it sends itself). Its exit tears the namespace
 * down, killing whatever the service left behind.
 *
 * Why the service cannot use it: the reaper runs with the service's own
 * uid, gid and groups (it must, to pass signals on without CAP_KILL),
 * holds no capability in any set (CAP_KILL alone when the service
 * keeps setuid and may leave that uid: cr_reaper), is undumpable (so
 * neither ptrace nor /proc/1/{root,mem,environ} reach it; seccomp
 * denies ptrace anyway), has no_new_privs and a seccomp filter, all
 * before the service may exec. The service may signal it, but as the
 * namespace's init it ignores SIGKILL and SIGSTOP from inside, and any
 * other signal only makes it send that signal back to the service. It
 * holds no fd at all: not the caller's stdio, not the report pipe.
 */
#include "sys.h"
#include "sandbox/sandbox.h"
#include "sandbox/sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <string.h>
#include <sched.h>
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
static _Noreturn void reap_loop(pid_t svc)
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

/* The hand-over between the service-to-be and the reaper. Service to
 * reaper: one byte on a close-on-exec pipe when it is set up, then EOF
 * when it execs or exits (the write end is its alone). Reaper to
 * service: `go` in the memory they share, with a futex wake. (Not
 * CLONE_CHILD_CLEARTID: musl 1.2.5's clone() refuses it.) */
static int go;
static int hand_fd = -1;

/* The futex word only goes from 0 to 1: a wait returns on the wake or
 * at once (EAGAIN) once it is 1; every signal is blocked. */
static void go_wait(void)
{
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		syscall(SYS_futex, &go, FUTEX_WAIT, 0, 0);
}

/* The service's whole setup runs before the reaper drops its
 * privileges: each id change here resets the dumpable flag of the
 * memory both share. Only exec is left once the reaper is done. */
static int service_fn(void *p)
{
	struct sbx_ctx *c = p;
	char b = 1;

	sbx_setup_service(c);
	if (write(hand_fd, &b, 1) != 1)
		sbx_fail(c, "hand-over", errno, SBX_EXIT_SETUP);
	go_wait();
	sbx_exec(c);
}

/* 1 once the service is set up, 0 (EOF) when it exited or exec'd.
 * Every signal is blocked: no EINTR. */
static int hand_read(int fd)
{
	char b;

	return read(fd, &b, 1) == 1;
}

/* Every fd but the hand-over pipe closed, every privilege dropped:
 * then the service may exec. */
static void reaper_drop(const struct svc *s, pid_t pid, int hfd)
{
	if ((hfd && cr_fd_range(0, (unsigned)hfd - 1, 0) < 0) ||
	    cr_fd_range((unsigned)hfd + 1, ~0U, 0) < 0 || cr_reaper(s) < 0) {
		kill(pid, SIGKILL);    /* fail closed: no service beside a */
		_exit(SBX_EXIT_SETUP); /* reaper that kept anything */
	}
}

char *sbx_args[2];

/* Blank the caller's argv, "corral-reaper" where the command line was:
 * the strings the service still needs were copied (reaper()). */
static void hide_args(void)
{
	static const char me[] = "corral-reaper";
	size_t n = (size_t)(sbx_args[1] - sbx_args[0]);

	if (!n)
		return;
	memset(sbx_args[0], 0, n);
	memcpy(sbx_args[0], me,
	       n - 1 < sizeof(me) - 1 ? n - 1 : sizeof(me) - 1);
}

/* Above 0-2 and the ready fd, which the service's dup2s overwrite. */
static int hand_pipe(struct sbx_ctx *c, int hp[2])
{
	int lo = c->ready_fd >= 0 ? c->s->ready_fd + 1 : 3;

	if (sys_pipe2(hp, O_CLOEXEC) < 0)
		return -errno;
	hand_fd = sys_fcntl(hp[1], F_DUPFD_CLOEXEC, lo);
	return hand_fd < 0 ? -errno : 0;
}

static size_t list_size(const char *const *l, unsigned *n)
{
	size_t b = 0;

	for (*n = 0; l && l[*n]; (*n)++)
		b += strlen(l[*n]) + 1;
	return b;
}

static char *list_copy(const char *const *l, unsigned n, const char **out,
		       char *at)
{
	for (unsigned i = 0; i < n; i++) {
		size_t k = strlen(l[i]) + 1;

		out[i] = memcpy(at, l[i], k);
		at += k;
	}
	out[n] = 0;
	return at;
}

/* The service's argv and environment are first copied out of the
 * caller's argv (where `corral run` leaves them) into this frame, which
 * lives as long as the reaper, so that hide_args() can blank the
 * original before the service may exec and read /proc/1/cmdline. */
static _Noreturn void reaper(struct sbx_ctx *c, size_t nb, unsigned na,
			     unsigned ne)
{
	char stack[16384] __attribute__((aligned(16))), sb[nb];
	const char *av[na + 1], *ev[ne + 1];
	int hp[2], r;
	pid_t pid;

	list_copy(c->s->env, ne, ev, list_copy(c->s->argv, na, av, sb));
	c->argv = av;
	c->env = c->s->env ? ev : 0;
	/* One filter for the two of us, as bubblewrap's PID 1 has: each
	 * install costs ~0.1 ms of JIT and as much to free. The service's
	 * remaining steps make no call it denies. */
	c->filtered = c->s->seccomp == SECCOMP_DEFAULT;
	if (c->filtered && (r = sc_install(c)) < 0)
		sbx_fail(c, "seccomp", -r, SBX_EXIT_SETUP);
	if ((r = hand_pipe(c, hp)) < 0)
		sbx_fail(c, "hand-over", -r, SBX_EXIT_SETUP);
	pid = clone(service_fn, stack + sizeof(stack), CLONE_VM | SIGCHLD, c);
	if (pid < 0)
		sbx_fail(c, "fork", errno, SBX_EXIT_SETUP);
	/* Set up, or already gone (EOF): drop either way before reaping. */
	r = (close(hp[1]), close(hand_fd), hand_read(hp[0]));
	hide_args();
	reaper_drop(c->s, pid, hp[0]);
	if (r) {
		__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
		syscall(SYS_futex, &go, FUTEX_WAKE, 1);
		hand_read(hp[0]); /* EOF: it exec'd, our memory is ours */
	}
	close(hp[0]);
	reap_loop(pid);
}

/* In a new PID namespace this process is its PID 1: it starts the
 * service and stays behind as the reaper. The service is started as
 * posix_spawn does, sharing our memory (CLONE_VM): no page tables to
 * copy now and none to tear down at its exec. While it sets itself up
 * we wait; then, before it may exec, we drop every privilege (ids, all
 * capability sets, undumpable, no_new_privs: cr_reaper) and only then
 * let it go. Both run under one seccomp filter, installed here before
 * the clone (with `seccomp none`, the reaper gets an allow-list of its
 * own). So nothing the service runs
 * ever sees a privileged or dumpable PID 1, whatever its uid. Every
 * signal is blocked throughout; the service resets its own handlers
 * and mask before it execs. Only one side runs at a time: they share
 * errno. */
_Noreturn void sbx_reaper_start(struct sbx_ctx *c)
{
	unsigned na, ne;
	size_t nb = list_size(c->s->argv, &na) + list_size(c->s->env, &ne);

	reaper(c, nb, na, ne);
}
