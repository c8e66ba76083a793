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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The column descriptions start at: put_text pads each tab to it. */
#define HELP_COL 23

static const char help[] =
	"usage: corral run [OPTIONS] -- CMD [ARG...]\n"
	"\n"
	"Run CMD in a sandbox built exactly as corral's init builds one for a\n"
	"service: new mount, PID, network, UTS, IPC and cgroup namespaces; a\n"
	"read-only root with its own /proc (kernel knobs read-only, leaky\n"
	"files masked), a minimal /dev (null zero full random urandom tty,\n"
	"private pts) and a 16M tmpfs /tmp; cgroup caps; a uid/gid of its\n"
	"own, no capabilities, no_new_privs and a seccomp deny-list. A small\n"
	"reaper is PID 1 inside. Must be run as root.\n"
	"\n"
	"Options (each also as --OPTION=VALUE; defaults in brackets):\n"
	"  --root DIR\tthe directory that becomes / (its own mount\n"
	"\tonly: file systems mounted below it on the\n"
	"\thost do not show) [required]\n"
	"  --isolate LIST|none\tnamespaces from mount,pid,net,uts,ipc,cgroup,\n"
	"\ttime, with mount; none runs CMD in the host's\n"
	"\tview, still with uid, caps, seccomp and\n"
	"\tcgroup caps (so not as uid 0)\n"
	"\t[mount,pid,net,uts,ipc,cgroup]\n"
	"  --user USER[:GROUP]\tnames from the root's /etc/passwd and\n"
	"\t/etc/group, or numbers; GROUP defaults to\n"
	"\tthe user's (for a number: the same number)\n"
	"\t[0x7f000000+PID of corral run]\n"
	"  --caps none|CAP,...\tcapabilities kept, lower case without cap_,\n"
	"\te.g. net_bind_service [none]\n"
	"  --seccomp default|none  the deny-list: mount family, pivot_root,\n"
	"\tchroot, unshare, setns, namespace clones,\n"
	"\tmodules, kexec, reboot, bpf, perf, ptrace,\n"
	"\tkeyrings, userfaultfd, io_uring, clock\n"
	"\tsetting, syslog, swap, acct, quotas, foreign\n"
	"\tABIs [default]\n"
	"  --memory SIZE|max\tmemory cap, 1M or more; SIZE takes K, M, G\n"
	"\t[max]\n"
	"  --pids N|max\tmost processes and threads [256]\n"
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
	"mount may contain a symlink or \"..\": such a mount fails. A bare "
	"CMD\n"
	"is looked up in PATH from --env, else in /usr/local/sbin:\n"
	"/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin. Signals INT TERM HUP\n"
	"QUIT USR1 USR2 WINCH are passed on to CMD.\n"
	"\n"
	"Exit status:\n"
	"  the command's own status\n"
	"  128+N  the command was killed by signal N (137 and \"oom killed\"\n"
	"         when the memory cap's OOM killer did it; N is named unless\n"
	"         it was passed on or SIGPIPE)\n"
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
	int fl = fcntl(fd, F_GETFL), n;

	if (fl < 0)
		return -1;
	if (fstat(fd, &st) < 0 ||
	    (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)))
		return fd;
	path[sizeof(path) - 2] = (char)('0' + fd);
	/* O_NONBLOCK: a pipe without readers is ENXIO, not a hang; a tty
	 * does not wait for carrier. Then the caller's own flags. */
	n = open(path, (fl & O_ACCMODE) | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (n < 0)
		return fd; /* a socket (ENXIO), or no reader left */
	if (fcntl(n, F_SETFL, fl) < 0) {
		close(n);
		return fd;
	}
	return n;
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
