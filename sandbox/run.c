/* corral run: one command in the sandbox (SPEC section 5), through the
 * same sbx_spawn PID 1 uses. This process only parses, spawns, forwards
 * signals and waits; it exits with the command's status, 128+N when a
 * signal N killed it (137 with "oom killed" for the OOM killer), or 125,
 * 126 or 127 (sandbox/sandbox.h). */
#include "sys.h"
#include "out.h"
#include "sandbox/run.h"
#include "sandbox/net.h"
#include "sandbox/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run_help.h" /* sandbox/run.help, packed */

static const int fwd[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT,
			  SIGUSR1, SIGUSR2, SIGWINCH};

/* Wait for the child, passing our signals on; returns its status. */
static int wait_child(const struct sbx_proc *p, const sigset_t *set)
{
	for (;;) {
		int sig = sigwaitinfo(set, 0), st;

		if (sig == SIGCHLD) {
			if (waitpid(p->pid, &st, WNOHANG) == p->pid)
				return st;
		} else if (sig > 0) {
			kill(p->pid, sig);
		}
	}
}

/* A signal we did not pass on is news to the caller: e.g. SIGSEGV at
 * exec from an --rlimit as/data/stack too small to even start CMD.
 * SIGPIPE is the usual end of `corral run ... | head`: no message. The
 * reaper reports a signal as 128+N (sandbox/reaper.c), so an exit(139)
 * reads the same: SPEC 5's convention, as in a shell. */
static int status_code(const struct sbx_proc *p, int st, const sigset_t *set)
{
	int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	struct ln l = {0};

	if (code == 128 + SIGKILL && cg_oom_killed(&p->cg)) {
		PUTS(2, "corral run: oom killed");
		return 137;
	}
	if (code > 128 && code != 128 + SIGPIPE &&
	    !sigismember(set, code - 128)) {
		ln_str(&l, "corral run: killed by signal ");
		ln_u64(&l, (uint64_t)(code - 128));
		ln_put(2, &l);
	}
	return code;
}

/* The caller's fd as an open file description of the command's own,
 * reopened through /proc/self/fd: flags it sets (O_NONBLOCK on a shared
 * pipe makes the caller's next write fail with EAGAIN) stay its own.
 * Pipes and character devices (ttys) only: a regular file is passed as
 * is, so the caller's writes after ours follow the command's at the
 * shared offset; a socket cannot be reopened and is shared too. -1 if
 * fd is closed. */
static int own_fd(int fd)
{
	char path[] = "/proc/self/fd/0";
	struct stat st;
	int fl = sys_fcntl(fd, F_GETFL, 0), n;

	if (fl < 0)
		return -1;
	if (sys_fstat(fd, &st) < 0 ||
	    (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)))
		return fd;
	path[sizeof(path) - 2] = (char)('0' + fd);
	/* O_NONBLOCK: a pipe without readers is ENXIO, not a hang; a tty
	 * does not wait for carrier. Then the caller's own flags. */
	n = open(path, (fl & O_ACCMODE) | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (n < 0)
		return fd; /* a socket (ENXIO), or no reader left */
	if (sys_fcntl(n, F_SETFL, fl) < 0) {
		close(n);
		return fd;
	}
	return n;
}

static int fail(const char *step, int err)
{
	PUTS(2, "corral run: ", step, ": ", err_str(err));
	return SBX_EXIT_SETUP;
}

static int run(const struct svc *s, const sigset_t *set)
{
	int stdio[3];
	struct sbx_proc p = {.sock = {-1, -1}};
	char msg[160];
	int r, code = 0, st;

	for (int i = 0; i < 3; i++) /* a closed one: /dev/null */
		stdio[i] = own_fd(i);
	r = sbx_spawn(s, stdio, -1, &p);
	for (int i = 0; i < 3; i++)
		if (stdio[i] > 2)
			close(stdio[i]);
	if (r < 0)
		return fail(p.step, -r);
	r = sbx_report(&p, msg, sizeof(msg), &code);
	if (r < 0)
		PUTS(2, "corral run: ", msg);
	st = wait_child(&p, set);
	if (r >= 0)
		code = status_code(&p, st, set);
	if (!(s->ns & NS_PID))
		cg_kill(&p.cg); /* no namespace took the leftovers down */
	cg_destroy(&p.cg);
	if ((r = net_dev_back(s, &p.netns, &p.step)) < 0)
		fail(p.step, -r);
	return code;
}

int run_main(int argc, char **argv)
{
	static struct run_cfg cfg; /* big: not on the stack */
	sigset_t set;
	int i = run_parse(&cfg, argc, argv);

	if (i == 0)
		return put_text(1, unpack_text(run_help, sizeof(run_help)),
				RUN_HELP_COL) < 0;
	if (i < 0)
		return SBX_EXIT_SETUP;
	cfg.s.argv = (const char *const *)argv + i;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	for (unsigned k = 0; k < sizeof(fwd) / sizeof(fwd[0]); k++)
		sigaddset(&set, fwd[k]);
	if (sigprocmask(SIG_BLOCK, &set, 0) < 0)
		return fail("sigprocmask", errno);
	return run(&cfg.s, &set);
}
