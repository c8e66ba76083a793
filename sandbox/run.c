/* corral run: one command in the sandbox (SPEC section 5), through the
 * same sbx_spawn PID 1 uses. This process only parses, spawns, forwards
 * signals and waits; it exits with the command's status, 128+N when a
 * signal N killed it (137 with "oom killed" for the OOM killer), or 125,
 * 126 or 127 (sandbox/sandbox.h). */
#include "init/main.h"
#include "out.h"
#include "sandbox/run.h"
#include "sandbox/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

/* The column descriptions start at: put_text pads each tab to it. */
#define HELP_COL 23

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

static int status_code(const struct sbx_proc *p, int st)
{
	int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);

	if (code == 128 + SIGKILL && cg_oom_killed(&p->cg)) {
		PUTS(2, "corral run: oom killed");
		return 137;
	}
	return code;
}

static int fail(const char *step, int err)
{
	PUTS(2, "corral run: ", step, ": ", strerror(err));
	return SBX_EXIT_SETUP;
}

static int run(const struct svc *s, const sigset_t *set)
{
	int stdio[3];
	struct sbx_proc p;
	char msg[160];
	int r, code = 0, st;

	for (int i = 0; i < 3; i++) /* a closed one: /dev/null */
		stdio[i] = fcntl(i, F_GETFD) < 0 ? -1 : i;
	if ((r = sbx_spawn(s, stdio, -1, &p)) < 0)
		return fail(p.step, -r);
	r = sbx_report(&p, msg, sizeof(msg), &code);
	if (r < 0)
		PUTS(2, "corral run: ", msg);
	st = wait_child(&p, set);
	if (r >= 0)
		code = status_code(&p, st);
	if (!(s->ns & NS_PID))
		cg_kill(&p.cg); /* no namespace took the leftovers down */
	cg_destroy(&p.cg);
	return code;
}

int run_main(int argc, char **argv)
{
	static struct run_cfg cfg; /* big: not on the stack */
	sigset_t set;
	int i = run_parse(&cfg, argc, argv);

	if (i == 0)
		return put_text(1, unpack_text(run_help, sizeof(run_help)),
				HELP_COL) < 0;
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
