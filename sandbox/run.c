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

static const char help[] =
	"usage: corral run [OPTIONS] -- CMD [ARG...]\n"
	"\n"
	"Run CMD in a sandbox built exactly as corral's init builds one for a\n"
	"service: new mount, PID, network, UTS, IPC and cgroup namespaces; a\n"
	"read-only root with its own /proc (kernel knobs read-only, leaky\n"
	"files masked), a minimal /dev (null zero full random urandom tty,\n"
	"private pts) and a 16M tmpfs /tmp; cgroup caps; uid/gid 65534 with\n"
	"no capabilities, no_new_privs and a seccomp deny-list. A small\n"
	"reaper is PID 1 inside. Must be run as root.\n"
	"\n"
	"Options (each also as --OPTION=VALUE; defaults in brackets):\n"
	"  --root DIR\tthe directory that becomes / (its own mount\n"
	"\tonly: file systems mounted below it on the\n"
	"\thost do not show) [/]\n"
	"  --isolate LIST|none\tnamespaces from mount,pid,net,uts,ipc,cgroup,\n"
	"\ttime; none runs CMD in the host's view, still\n"
	"\twith uid, caps, seccomp and cgroup caps\n"
	"\t[mount,pid,net,uts,ipc,cgroup]\n"
	"  --user USER[:GROUP]\tnames from the root's /etc/passwd and\n"
	"\t/etc/group, or numbers; GROUP defaults to\n"
	"\tthe user's (for a number: the same number)\n"
	"\t[65534:65534]\n"
	"  --caps none|CAP,...\tcapabilities kept, lower case without cap_,\n"
	"\te.g. net_bind_service [none]\n"
	"  --seccomp default|none  the deny-list: mount family, pivot_root,\n"
	"\tchroot, unshare, setns, namespace clones,\n"
	"\tmodules, kexec, reboot, bpf, perf, ptrace,\n"
	"\tkeyrings, userfaultfd, io_uring, clock\n"
	"\tsetting, syslog, swap, acct, quotas, foreign\n"
	"\tABIs [default]\n"
	"  --memory SIZE\tmemory cap; SIZE takes K, M, G [none]\n"
	"  --pids N\tmost processes and threads [256]\n"
	"  --cpus LIST\tCPUs allowed, e.g. 0-1,3 [any]\n"
	"  --cpu PERCENT\tCPU time, in percent of one CPU [no cap]\n"
	"  --net none|host|veth:ADDR/PFX[:gw:ADDR]\n"
	"\tnone: only lo, up; host: the host's network;\n"
	"\tveth: a pair, eth0 inside [none]\n"
	"  --readonly yes|no\troot read-only [yes]\n"
	"  --tmpfs PATH[:SIZE]\ta tmpfs at PATH (repeatable) [16M]\n"
	"  --bind SRC:DST[:ro|rw]  host SRC at DST (repeatable) [ro]\n"
	"  --state DIR:PATH\thost DIR writable at PATH (repeatable)\n"
	"  --env NAME=VALUE\tthe environment is only these (repeatable)\n"
	"  --hostname NAME\t[corral]\n"
	"  --rlimit NAME=SOFT[:HARD]  e.g. nofile=1024:4096; unlimited is a\n"
	"\tvalue; HARD defaults to SOFT; core dumps are\n"
	"\toff unless set [core=0]\n"
	"  -h, --help\tthis text\n"
	"\n"
	"Mount points (DST, PATH and those in DIR) must exist; no path of a\n"
	"mount may contain a symlink or \"..\": such a mount fails. No mount\n"
	"lifts the host's ro, nosuid, nodev or noexec on its source. A bare "
	"CMD\n"
	"is looked up in PATH from --env, else in /usr/local/sbin:\n"
	"/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin. Signals INT TERM HUP\n"
	"QUIT USR1 USR2 WINCH are passed on to CMD.\n"
	"\n"
	"Exit status:\n"
	"  the command's own status\n"
	"  128+N  the command was killed by signal N (137 and \"oom killed\"\n"
	"         when the memory cap's OOM killer did it)\n"
	"  125    the sandbox could not be set up, or a bad option; the\n"
	"         message names the step and the error, e.g.\n"
	"         corral run: pivot_root: Operation not permitted\n"
	"  126    CMD was found but could not be executed\n"
	"  127    CMD was not found\n"
	"\n"
	"Example:\n"
	"  corral run --root /srv/web --memory 64M --pids 32 \\\n"
	"      --tmpfs /run:1M --bind /srv/www:/www -- /usr/bin/httpd -f\n";

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
		return put_text(1, help, HELP_COL) < 0;
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
