/* Parent side of the sandbox: cgroup, clone, release, report.
 *
 * Protocol. The parent makes the service's v2 cgroup, then clones the
 * child with one clone3() into that cgroup (CLONE_INTO_CGROUP: no move
 * of a running task) and into a new PID namespace; the child makes its
 * other namespaces itself, first thing (child_ns()). On a pure v2 host
 * with no veth to build, that is all: no round trip. Otherwise, while
 * the child builds its root, the parent makes the v1 cgroups and the
 * veth pair, then sends one byte on a release socket, with the v1
 * cgroup directories attached (SCM_RIGHTS). The child waits for it
 * before anything of the service runs and joins them itself (cg_join:
 * a write of "0" to `tasks`, which, unlike the parent moving it by pid,
 * never waits for an RCU grace period). EOF without that byte means the
 * parent gave up, and the child exits without running anything: it
 * fails closed.
 *
 * A second close-on-exec pipe carries one struct sbx_msg back if a step
 * fails; EOF with no message means the exec succeeded (musl's
 * posix_spawn trick).
 */
#include "sys.h"
#include "sandbox/sandbox.h"
#include "config.h"
#include "out.h"
#include "sandbox/net.h"
#include "sandbox/sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

/* clone3 into the v2 cgroup when *into (5.7+); before 5.7 (EINVAL) or
 * 5.3 (ENOSYS) the child is born outside it, *into becomes 0 and it
 * joins by itself, making its cgroup namespace after that. Without
 * clone3, a fork-like clone(2) with no stack: the child runs on a copy
 * of ours, like fork(). */
static long do_clone(uint64_t flags, int cgfd, int *into, int *pidfd)
{
	struct clone3_args a = {
		.flags = flags | CLONE_PIDFD | CLONE_INTO_CGROUP_,
		.pidfd = (uintptr_t)pidfd,
		.exit_signal = SIGCHLD,
		.cgroup = (uint64_t)cgfd,
	};
	long r;

	if (*into && ((r = syscall(SYS_clone3, &a, sizeof(a))) >= 0 ||
		      (errno != EINVAL && errno != ENOSYS)))
		return r;
	*into = 0;
	a.flags &= ~(CLONE_INTO_CGROUP_ | CLONE_NEWCGROUP);
	r = syscall(SYS_clone3, &a, sizeof(a));
	if (r >= 0 || errno != ENOSYS)
		return r;
	*pidfd = -1;
	if (flags & CLONE_NEWTIME)
		return -1; /* errno is ENOSYS: cannot do what was asked */
	return syscall(SYS_clone,
		       (unsigned long)(a.flags & ~(uint64_t)CLONE_PIDFD) |
			       SIGCHLD,
		       0, 0, 0, 0);
}

/* Which isolation the build or the table cannot give: refuse up front
 * rather than start a service weaker than its table says. */
static int unsupported(const struct svc *s, const char **step)
{
	if (s->ns & NS_USER)
		return *step = "isolate user", -EOPNOTSUPP;
	if (s->seccomp == SECCOMP_DEFAULT && !CFG_SECCOMP)
		return *step = "seccomp", -ENOSYS;
	if (s->net >= NET_VETH && (!CFG_VETH || !(s->ns & NS_NET)))
		return *step = "net", -EOPNOTSUPP;
	return 0;
}

/* On a pure cgroup v2 host every cgroup is made before clone and the
 * child is born in it. Elsewhere the v1 ones are made after clone,
 * while the child builds its root. */
static int pure_v2(void)
{
	struct statfs f;

	return !statfs("/sys/fs/cgroup", &f) && f.f_type == CGROUP2_SUPER_MAGIC;
}

/* The release byte, with the v1 cgroup directories the child is to
 * join; the byte's bits name their slots. A socket, not a pipe:
 * MSG_NOSIGNAL, no SIGPIPE for PID 1. */
static int send_release(int fd, const struct cg *cg)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int) * CG_NSLOT)];
	} u = {0};
	unsigned char bits = 0;
	struct iovec io = {&bits, 1};
	struct msghdr m = {.msg_iov = &io, .msg_iovlen = 1};
	unsigned n = 0;

	for (unsigned i = CG_MEMORY; i < CG_NSLOT; i++)
		if (cg->fd[i] >= 0) {
			memcpy(CMSG_DATA(&u.h) + sizeof(int) * n++, &cg->fd[i],
			       sizeof(int));
			bits |= (unsigned char)(1u << i);
		}
	if (n) {
		u.h.cmsg_level = SOL_SOCKET;
		u.h.cmsg_type = SCM_RIGHTS;
		u.h.cmsg_len = CMSG_LEN(sizeof(int) * n);
		m.msg_control = u.b;
		m.msg_controllen = CMSG_SPACE(sizeof(int) * n);
	}
	return sendmsg(fd, &m, MSG_NOSIGNAL) < 0 ? -errno : 0;
}

/* After clone: the v1 cgroups, veth, then the release. The child may
 * already have failed a step of its own and exited (it mounts
 * meanwhile): then whatever fails here (ESRCH, EPIPE, its network
 * namespace gone under the veth setup) only echoes that. Its report,
 * written before it exited, is then already on errfd: the first
 * failure, which the caller reads as for any child failure (SPEC 8). */
static int release(const struct svc *s, struct sbx_proc *p, int v1, int syncw)
{
	struct pollfd pf = {.fd = p->errfd, .events = POLLIN};
	int r = 0;

	if (v1) {
		p->step = "cgroup";
		r = cg_create_part(s, s->name, &p->cg, &p->step, CG_PART_V1);
	}
	if (!r && s->net == NET_DEV)
		r = net_dev(s, p->pid, &p->netns, &p->step);
	else if (!r && s->net >= NET_VETH)
		r = net_veth(s, p->pid, &p->step);
	if (!r) {
		p->step = "release";
		r = send_release(syncw, &p->cg);
	}
	if (r == -ESRCH || r == -EPIPE || (r && poll(&pf, 1, 0) == 1))
		return 0;
	return r;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* The parent's half after a successful clone. On failure the child is
 * killed before it could run anything of the service, and reaped. */
static int parent(const struct svc *s, struct sbx_proc *p, int v1, int sp[2])
{
	const char *step;
	int r = 0;

	close_fd(&sp[0]);
	if (sp[1] >= 0)
		r = release(s, p, v1, sp[1]);
	close_fd(&sp[1]);
	if (!r)
		return 0;
	kill(p->pid, SIGKILL);
	while (waitpid(p->pid, 0, 0) < 0 && errno == EINTR)
		;
	net_dev_back(s, &p->netns, &step); /* r is what went wrong */
	close_fd(&p->pidfd);
	close_fd(&p->errfd);
	return r;
}

/* The namespaces the child makes itself, first thing, with unshare:
 * those clone need not make. Making one is done in the context of
 * whoever calls clone or unshare, and a network namespace is most of a
 * launch's kernel work (0.6 ms here: every protocol's sysctls, lo):
 * left to the child, it is not serialised in PID 1 when services start
 * in parallel. Clone still makes the PID and time namespaces (unshare
 * would only apply them to the child's children), the network one when
 * the parent builds a veth into it right after clone, and the cgroup
 * one as child_cgns() says. */
static uint64_t child_ns(const struct svc *s)
{
	uint64_t f = clone_flags(s->ns) &
		     (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET);

	return s->net >= NET_VETH ? f & ~(uint64_t)CLONE_NEWNET : f;
}

static _Noreturn void child(const struct svc *s, const int stdio[3],
			    int ready_fd, int ep[2], int sp[2],
			    struct sbx_proc *p, int into, int cgns)
{
	struct sbx_ctx c = {
		.s = s,
		.errfd = ep[1],
		.syncfd = sp[0],
		.stdio = {stdio[0], stdio[1], stdio[2]},
		.ready_fd = ready_fd,
		.sock = {p->sock[0], p->sock[1]},
		.cg = &p->cg,
		.join_v2 = !into,
		.unshare_cgroup = cgns,
		.unshare_ns = (int)child_ns(s),
	};

	close(ep[0]);
	if (sp[1] >= 0)
		close(sp[1]);
	sbx_child(&c);
}

/* The report pipe, and the release socket when there is work after
 * clone: v1 cgroups or a veth. */
static int channels(const struct svc *s, int v1, int ep[2], int sp[2])
{
	int r;

	if (sys_pipe2(ep, O_CLOEXEC) < 0)
		return -errno;
	if ((!v1 && s->net < NET_VETH) ||
	    !sys_socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp))
		return 0;
	r = -errno;
	close(ep[0]);
	close(ep[1]);
	return r;
}

/* Whether the child makes its cgroup namespace itself, after joining
 * its cgroups, so that the namespace is rooted at them: unless it is
 * born in every one of them (into v2, no v1) and clone can make it. */
static int child_cgns(const struct svc *s, int into, int v1)
{
	return (s->ns & NS_CGROUP) && (v1 || !into);
}

static int start(const struct svc *s, const int stdio[3], int ready_fd,
		 struct sbx_proc *p, int v1)
{
	int ep[2], sp[2] = {-1, -1}, into = cg_into_fd(&p->cg) >= 0, r;
	uint64_t flags = clone_flags(s->ns);

	if (child_cgns(s, into, v1))
		flags &= ~(uint64_t)CLONE_NEWCGROUP;
	flags &= ~child_ns(s);
	p->step = "pipe";
	if ((r = channels(s, v1, ep, sp)) < 0)
		return r;
	p->step = "clone";
	r = (int)do_clone(flags, cg_into_fd(&p->cg), &into, &p->pidfd);
	if (r == 0)
		child(s, stdio, ready_fd, ep, sp, p, into,
		      child_cgns(s, into, v1));
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
	return parent(s, p, v1, sp);
}

int sbx_spawn(const struct svc *s, const int stdio[3], int ready_fd,
	      struct sbx_proc *p)
{
	int v1 = !pure_v2(), r;

	p->pid = p->pidfd = p->errfd = p->netns = -1;
	cg_init(&p->cg);
	if ((r = unsupported(s, &p->step)) < 0)
		return r;
	p->step = "cgroup";
	r = cg_create_part(s, s->name, &p->cg, &p->step,
			   v1 ? CG_PART_V2 : CG_PART_V2 | CG_PART_V1);
	if (r < 0)
		return r;
	r = start(s, stdio, ready_fd, p, v1);
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
		ln_str(&l, err_str(m.err));
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
