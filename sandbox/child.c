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

_Noreturn void sbx_exec(struct sbx_ctx *c)
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

void sbx_setup_service(struct sbx_ctx *c)
{
	run_steps(c, svc_steps, sizeof(svc_steps) / sizeof(svc_steps[0]));
}

/* With its own PID namespace, the service is started by the reaper
 * (sandbox/reaper.c), which stays behind as that namespace's PID 1. */
_Noreturn void sbx_child(struct sbx_ctx *c)
{
	sigset_t all;

	run_steps(c, sys_steps, sizeof(sys_steps) / sizeof(sys_steps[0]));
	if (!(c->s->ns & NS_PID)) {
		sbx_setup_service(c);
		sbx_exec(c);
	}
	sigfillset(&all);
	if (sigprocmask(SIG_SETMASK, &all, 0) < 0)
		sbx_fail(c, "sigprocmask", errno, SBX_EXIT_SETUP);
	sbx_reaper_start(c);
}
