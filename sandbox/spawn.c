/* Parent side of the sandbox: cgroup, clone, release, report.
 *
 * Protocol. The parent clones the child with every namespace flag in one
 * clone3(). On a pure cgroup v2 host it makes the cgroup first and the
 * child is born in it (CLONE_INTO_CGROUP); with no veth to build, nothing
 * else is to be done. Otherwise, while the child builds its root, the
 * parent makes the cgroup, writes the child's pid into it (on v1 this
 * may wait for an RCU grace period, which the child's mount work
 * overlaps) and builds the veth pair, then sends one byte on a release
 * socket; the child waits for it before anything
 * of the service runs. EOF without that byte means the parent gave up,
 * and the child exits without running anything: it fails closed.
 *
 * A second close-on-exec pipe carries one struct sbx_msg back if a step
 * fails; EOF with no message means the exec succeeded (musl's
 * posix_spawn trick).
 */
#include "sandbox/sandbox.h"
#include "config.h"
#include "out.h"
#include "sandbox/net.h"
#include "sandbox/sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* <linux/sched.h> would redefine musl's CLONE_* macros: the clone3
 * argument block, as fixed by the kernel ABI (CLONE_ARGS_SIZE_VER2). */
struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};
#define CLONE_INTO_CGROUP_ 0x200000000ULL

static const struct {
	uint16_t ns;
	uint32_t flag;
} ns_flags[] = {
	{NS_MOUNT, CLONE_NEWNS},  {NS_PID, CLONE_NEWPID},
	{NS_NET, CLONE_NEWNET},   {NS_UTS, CLONE_NEWUTS},
	{NS_IPC, CLONE_NEWIPC},   {NS_CGROUP, CLONE_NEWCGROUP},
	{NS_TIME, CLONE_NEWTIME},
};

static uint64_t clone_flags(unsigned ns)
{
	uint64_t f = 0;

	for (unsigned i = 0; i < sizeof(ns_flags) / sizeof(ns_flags[0]); i++)
		if (ns & ns_flags[i].ns)
			f |= ns_flags[i].flag;
	return f;
}

/* clone3 where the kernel has it (5.3+), else a fork-like clone(2) with
 * no stack: the child runs on a copy of ours, like fork(). */
static long do_clone(uint64_t flags, int cgfd, int *pidfd)
{
	struct clone3_args a = {
		.flags = flags | CLONE_PIDFD,
		.pidfd = (uintptr_t)pidfd,
		.exit_signal = SIGCHLD,
	};
	long r;

	if (cgfd >= 0) {
		a.flags |= CLONE_INTO_CGROUP_;
		a.cgroup = (uint64_t)cgfd;
	}
	r = syscall(SYS_clone3, &a, sizeof(a));
	if (r >= 0 || errno != ENOSYS)
		return r;
	*pidfd = -1;
	if (cgfd >= 0 || (flags & CLONE_NEWTIME))
		return -1; /* errno is ENOSYS: cannot do what was asked */
	return syscall(SYS_clone, (unsigned long)flags | SIGCHLD, 0, 0, 0, 0);
}

/* Which isolation the build or the table cannot give: refuse up front
 * rather than start a service weaker than its table says. */
static int unsupported(const struct svc *s, const char **step)
{
	if (s->ns & NS_USER)
		return *step = "isolate user", -EOPNOTSUPP;
	if (s->seccomp == SECCOMP_DEFAULT && !CFG_SECCOMP)
		return *step = "seccomp", -ENOSYS;
	if (s->net == NET_VETH && (!CFG_VETH || !(s->ns & NS_NET)))
		return *step = "net veth", -EOPNOTSUPP;
	return 0;
}

/* On a pure cgroup v2 host the cgroup must exist before clone, so that
 * the child is born in it (CLONE_INTO_CGROUP: no migration of a running
 * task, which waits for an RCU grace period). Everywhere else the child
 * has to be attached after clone anyway, so the cgroup is made then,
 * while the child builds its root. */
static int cgroup_first(void)
{
	struct statfs f;

	return !statfs("/sys/fs/cgroup", &f) && f.f_type == CGROUP2_SUPER_MAGIC;
}

/* After clone: cgroup (unless made before), attach, veth, then the
 * release byte. The child may already have failed a step of its own and
 * exited (it mounts meanwhile): then ESRCH or EPIPE here only echo that,
 * and its report on errfd says what really happened. */
static int release(const struct svc *s, struct sbx_proc *p, int made, int into,
		   int syncw)
{
	int r = 0;

	if (!made) {
		p->step = "cgroup";
		r = cg_create(s, s->name, &p->cg, &p->step);
	}
	if (!r && !into) {
		p->step = "cgroup attach";
		r = cg_attach(&p->cg, p->pid);
	}
	if (!r && s->net == NET_VETH)
		r = net_veth(s, p->pid, &p->step);
	if (!r && syncw >= 0) {
		p->step = "release";
		/* A socket, not a pipe: MSG_NOSIGNAL, no SIGPIPE for PID 1. */
		if (send(syncw, "", 1, MSG_NOSIGNAL) < 0)
			r = -errno;
	}
	return r == -ESRCH || r == -EPIPE ? 0 : r;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* The parent's half after a successful clone. On failure the child is
 * killed before it could run anything of the service, and reaped. */
static int parent(const struct svc *s, struct sbx_proc *p, int made, int into,
		  int sp[2])
{
	int r;

	close_fd(&sp[0]);
	r = release(s, p, made, into, sp[1]);
	close_fd(&sp[1]);
	if (!r)
		return 0;
	kill(p->pid, SIGKILL);
	while (waitpid(p->pid, 0, 0) < 0 && errno == EINTR)
		;
	close_fd(&p->pidfd);
	close_fd(&p->errfd);
	return r;
}

static _Noreturn void child(const struct svc *s, const int stdio[3],
			    int ready_fd, int ep[2], int sp[2], int into)
{
	struct sbx_ctx c = {
		.s = s,
		.errfd = ep[1],
		.syncfd = sp[0],
		.stdio = {stdio[0], stdio[1], stdio[2]},
		.ready_fd = ready_fd,
		.unshare_cgroup = !into && (s->ns & NS_CGROUP),
	};

	close(ep[0]);
	if (sp[1] >= 0)
		close(sp[1]);
	sbx_child(&c);
}

/* The report pipe, and the release socket unless the child is born in
 * its cgroup and needs no veth. */
static int channels(const struct svc *s, int into, int ep[2], int sp[2])
{
	int r;

	if (pipe2(ep, O_CLOEXEC) < 0)
		return -errno;
	if ((into && s->net != NET_VETH) ||
	    !socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp))
		return 0;
	r = -errno;
	close(ep[0]);
	close(ep[1]);
	return r;
}

static int start(const struct svc *s, const int stdio[3], int ready_fd,
		 struct sbx_proc *p, int made, int into)
{
	int ep[2], sp[2] = {-1, -1}, r;
	uint64_t flags = clone_flags(s->ns);

	if (!into) /* made after the attach, rooted in the service's cgroup */
		flags &= ~(uint64_t)CLONE_NEWCGROUP;
	p->step = "pipe";
	if ((r = channels(s, into, ep, sp)) < 0)
		return r;
	p->step = "clone";
	r = (int)do_clone(flags, into ? cg_clone_fd(&p->cg) : -1, &p->pidfd);
	if (r == 0)
		child(s, stdio, ready_fd, ep, sp, into);
	if (r < 0) {
		r = -errno;
		close_fd(&sp[0]);
		close_fd(&sp[1]);
		close(ep[0]);
		close(ep[1]);
		return r;
	}
	p->pid = r;
	p->errfd = ep[0];
	close(ep[1]);
	return parent(s, p, made, into, sp);
}

int sbx_spawn(const struct svc *s, const int stdio[3], int ready_fd,
	      struct sbx_proc *p)
{
	int made = cgroup_first(), r;

	p->pid = p->pidfd = p->errfd = -1;
	cg_init(&p->cg);
	if ((r = unsupported(s, &p->step)) < 0)
		return r;
	p->step = "cgroup";
	if (made && (r = cg_create(s, s->name, &p->cg, &p->step)) < 0)
		return r;
	r = start(s, stdio, ready_fd, p, made,
		  made && cg_clone_fd(&p->cg) >= 0);
	if (r < 0)
		cg_destroy(&p->cg);
	return r;
}

/* Exit status for a report: 126/127 only ever come from exec. */
int sbx_report(struct sbx_proc *p, char *msg, unsigned msglen, int *code)
{
	struct sbx_msg m;
	struct ln l = {0};
	ssize_t n;

	do
		n = read(p->errfd, &m, sizeof(m));
	while (n < 0 && errno == EINTR);
	close_fd(&p->errfd);
	if (n == 0)
		return 0;
	*code = SBX_EXIT_SETUP;
	if (n != (ssize_t)sizeof(m)) {
		ln_str(&l, "report: short read");
	} else {
		m.what[sizeof(m.what) - 1] = 0;
		ln_str(&l, m.what);
		ln_str(&l, ": ");
		ln_str(&l, strerror(m.err));
		if (m.code == SBX_EXIT_NOEXEC || m.code == SBX_EXIT_NOTFOUND)
			*code = m.code;
	}
	if (msglen) {
		unsigned k = l.len < msglen - 1 ? l.len : msglen - 1;

		memcpy(msg, l.buf, k);
		msg[k] = 0;
	}
	return -1;
}
