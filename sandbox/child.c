/* The child between clone and exec: two tables of steps, in SPEC 5's
 * order of intent, run by one driver that fails closed.
 *
 * system part (the process clone made; it becomes the reaper when the
 * service has its own PID namespace):
 *   the namespaces clone left to it, build the root and pivot into it,
 *   hostname, lo up, wait for the parent's release (v1 cgroups and
 *   veth made), join the cgroups, cgroup namespace, bounding set.
 * service part (the process that execs):
 *   signals back to default, rlimits, ids, caps, no_new_privs, fds,
 *   new session, seccomp last, exec.
 *
 * Any failing step writes one report (step and errno) to the
 * close-on-exec pipe and exits 125; a failing exec exits 126 or 127.
 */
#include "sys.h"
#include "sandbox/net.h"
#include "sandbox/sandbox.h"
#include "sandbox/sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

struct step {
	const char *name;
	int (*fn)(struct sbx_ctx *c);
};

_Noreturn void sbx_fail(struct sbx_ctx *c, const char *what, int err, int code)
{
	struct sbx_msg m = {.code = code, .err = err};
	size_t n = strlen(what);

	if (n >= sizeof(m.what))
		n = sizeof(m.what) - 1;
	memcpy(m.what, what, n);
	/* Nothing to do if this fails: the exit status still says 125. */
	(void)!write(c->errfd, &m, sizeof(m));
	_exit(code);
}

const char *sbx_what(struct sbx_ctx *c, const char *prefix, const char *path)
{
	size_t a = strlen(prefix), b = strlen(path);

	if (a + b >= sizeof(c->buf))
		b = sizeof(c->buf) - 1 - a;
	memcpy(c->buf, prefix, a);
	memcpy(c->buf + a, path, b);
	c->buf[a + b] = 0;
	return c->what = c->buf;
}

/* The v1 cgroup directories that came with the release byte, into the
 * slots its bits name. */
static int take_fds(struct sbx_ctx *c, struct msghdr *m, unsigned bits)
{
	struct cmsghdr *h = CMSG_FIRSTHDR(m);
	unsigned k = 0, n = 0;

	if (m->msg_flags & MSG_CTRUNC)
		return -EMSGSIZE;
	if (h && h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS)
		n = (unsigned)((h->cmsg_len - CMSG_LEN(0)) / sizeof(int));
	for (unsigned i = CG_MEMORY; i < CG_NSLOT; i++) {
		if (!(bits >> i & 1))
			continue;
		if (k >= n)
			return -EPROTO;
		memcpy(&c->cg->fd[i], CMSG_DATA(h) + sizeof(int) * k++,
		       sizeof(int));
	}
	return 0;
}

/* One byte means "cgroups and veth made, go on"; EOF means the parent
 * gave up. */
static int st_wait(struct sbx_ctx *c)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int) * CG_NSLOT)];
	} u;
	unsigned char bits;
	struct iovec io = {&bits, 1};
	struct msghdr m = {.msg_iov = &io,
			   .msg_iovlen = 1,
			   .msg_control = u.b,
			   .msg_controllen = sizeof(u.b)};
	ssize_t n;

	if (c->syncfd < 0)
		return 0;
	do
		n = recvmsg(c->syncfd, &m, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	close(c->syncfd);
	return n == 1 ? take_fds(c, &m, bits) : -ECANCELED;
}

/* Before anything of the service runs. */
static int st_join(struct sbx_ctx *c)
{
	return cg_join(c->cg, c->join_v2);
}

/* Made after the join so the namespace's root is the service's own
 * cgroup, not the caller's. */
static int st_cgroupns(struct sbx_ctx *c)
{
	if (c->unshare_cgroup && unshare(CLONE_NEWCGROUP) < 0)
		return -errno;
	return 0;
}

/* See child_ns() in spawn.c. */
static int st_unshare(struct sbx_ctx *c)
{
	if (c->unshare_ns && unshare(c->unshare_ns) < 0)
		return -errno;
	return 0;
}

/* If the caller dies (`corral run` killed), so does the sandbox: as
 * init of a PID namespace this takes the whole namespace down. */
static int st_pdeath(struct sbx_ctx *c)
{
	(void)c;
	return prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0 ? -errno : 0;
}

static int st_fs(struct sbx_ctx *c)
{
	return (c->s->ns & NS_MOUNT) ? fs_setup(c) : 0;
}

static int st_hostname(struct sbx_ctx *c)
{
	const char *h = c->s->hostname ? c->s->hostname : c->s->name;

	if ((c->s->ns & NS_UTS) && sethostname(h, strlen(h)) < 0)
		return -errno;
	return 0;
}

/* Last, unless the reaper installed it before cloning us (reaper()). */
static int st_seccomp(struct sbx_ctx *c)
{
	return c->filtered ? 0 : sc_install(c);
}

static int st_lo(struct sbx_ctx *c)
{
	return (c->s->ns & NS_NET) ? net_lo_up() : 0;
}

/* The release wait comes after the mounts, which overlap the parent's
 * work on the v1 cgroups and the veth pair. The cgroups are still
 * joined before anything of the service runs, and the cgroup namespace
 * is made after the join. */
static const struct step sys_steps[] = {
	{"parent death signal", st_pdeath},
	{"namespaces", st_unshare},
	{"mount", st_fs},
	{"hostname", st_hostname},
	{"lo up", st_lo},
	{"release", st_wait},
	{"cgroup attach", st_join},
	{"cgroup namespace", st_cgroupns},
	{"bounding set", cr_bounding},
};

static const struct step svc_steps[] = {
	{"signals", cr_signals},   {"rlimit", cr_rlimits},
	{"inherited", cr_inherit}, {"ids", cr_ids},
	{"capabilities", cr_caps}, {"no_new_privs", cr_nnp},
	{"fds", cr_fds},           {"setsid", cr_session},
	{"seccomp", st_seccomp},
};

static void run_steps(struct sbx_ctx *c, const struct step *st, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		int r;

		c->what = 0;
		r = st[i].fn(c);
		if (r < 0)
			sbx_fail(c, c->what ? c->what : st[i].name, -r,
				 SBX_EXIT_SETUP);
	}
}

/* PATH search for a bare name, in the service's own PATH if it set one. */
static const char *env_path(const char *const *env)
{
	for (; env && *env; env++)
		if (!strncmp(*env, "PATH=", 5))
			return *env + 5;
	return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

/* Returns the errno that decides 126 or 127: EACCES wins over ENOENT
 * as in POSIX shells (found but not executable). */
static int exec_search(const char *f, char *const *argv, char *const *env)
{
	const char *p = env_path((const char *const *)env);
	size_t fl = strlen(f);
	int seen = ENOENT;
	char b[256];

	while (*p) {
		const char *e = strchrnul(p, ':');
		size_t dl = (size_t)(e - p);

		if (dl && dl + 1 + fl < sizeof(b)) {
			memcpy(b, p, dl);
			b[dl] = '/';
			memcpy(b + dl + 1, f, fl + 1);
			execve(b, argv, env);
			if (errno != ENOENT && errno != ENOTDIR)
				seen = errno;
		}
		p = *e ? e + 1 : e;
	}
	return seen;
}

static _Noreturn void do_exec(struct sbx_ctx *c)
{
	static char *const none[] = {0};
	const char *const *av = c->argv ? c->argv : c->s->argv;
	const char *const *ev = c->argv ? c->env : c->s->env;
	const char *f = av[0];
	char *const *argv = (char *const *)av;
	char *const *env = ev ? (char *const *)ev : none;
	int e;

	if (strchr(f, '/')) {
		execve(f, argv, env);
		e = errno;
	} else {
		e = exec_search(f, argv, env);
	}
	sbx_fail(c, sbx_what(c, "exec ", f), e,
		 e == ENOENT || e == ENOTDIR ? SBX_EXIT_NOTFOUND
					     : SBX_EXIT_NOEXEC);
}

static _Noreturn void service(struct sbx_ctx *c)
{
	run_steps(c, svc_steps, sizeof(svc_steps) / sizeof(svc_steps[0]));
	do_exec(c);
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

	run_steps(c, svc_steps, sizeof(svc_steps) / sizeof(svc_steps[0]));
	if (write(hand_fd, &b, 1) != 1)
		sbx_fail(c, "hand-over", errno, SBX_EXIT_SETUP);
	go_wait();
	do_exec(c);
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
	sbx_reaper(pid);
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
_Noreturn void sbx_child(struct sbx_ctx *c)
{
	sigset_t all;
	unsigned na, ne;
	size_t nb;

	run_steps(c, sys_steps, sizeof(sys_steps) / sizeof(sys_steps[0]));
	if (!(c->s->ns & NS_PID))
		service(c);
	sigfillset(&all);
	if (sigprocmask(SIG_SETMASK, &all, 0) < 0)
		sbx_fail(c, "sigprocmask", errno, SBX_EXIT_SETUP);
	nb = list_size(c->s->argv, &na) + list_size(c->s->env, &ne);
	reaper(c, nb, na, ne);
}
