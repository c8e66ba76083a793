/* Identity and privilege of the service process, just before seccomp.
 *
 * Order matters and is why these are separate steps:
 *  - securebits first, while we still hold CAP_SETPCAP: NOROOT (uid 0
 *    gains nothing at exec), NO_SETUID_FIXUP (setresuid leaves our caps
 *    alone, so we can still set exactly the kept ones afterwards),
 *    KEEP_CAPS off; all locked so the service cannot undo them, except
 *    for uid 0, which may drop its own privileges (securebits());
 *  - the bounding set, also needing CAP_SETPCAP: cr_bounding, once, in
 *    the system part, before the service is cloned (each of the 41
 *    checks is a system call: 15-20 us a pass);
 *  - groups, gid, uid;
 *  - capset to exactly the kept set (all three sets), then ambient, the
 *    only way kept caps survive exec for a non-root uid;
 *  - no_new_privs: setuid binaries and file caps grant nothing.
 */
#include "sys.h"
#include "out.h"
#include "sandbox/sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NOBODY 65534u

/* Raw calls for ids and rlimits: libc's versions run on every thread of
 * the process through a signal broadcast (__synccall), dead weight in a
 * single-threaded child. 32-bit ABIs have 32-bit-id variants. */
#ifdef SYS_setresuid32
#define SYS_SETGROUPS SYS_setgroups32
#define SYS_SETRESGID SYS_setresgid32
#define SYS_SETRESUID SYS_setresuid32
#else
#define SYS_SETGROUPS SYS_setgroups
#define SYS_SETRESGID SYS_setresgid
#define SYS_SETRESUID SYS_setresuid
#endif

/* exec keeps ignored signals and the blocked mask: PID 1 and `corral
 * run` block theirs, the service must start clean. */
int cr_signals(struct sbx_ctx *c)
{
	sigset_t none;

	(void)c;
	for (int i = 1; i < _NSIG; i++)
		if (i != SIGKILL && i != SIGSTOP)
			signal(i, SIG_DFL); /* fails only for invalid ones */
	sigemptyset(&none);
	return sigprocmask(SIG_SETMASK, &none, 0) < 0 ? -errno : 0;
}

static int sets(const struct svc *s, unsigned resource)
{
	for (unsigned i = 0; i < s->nrlimits; i++)
		if (s->rlimits[i].resource == resource)
			return 1;
	return 0;
}

/* Core dumps off unless the table sets RLIMIT_CORE itself (zeroing it
 * first would lower the hard limit, and raising it again needs
 * CAP_SYS_RESOURCE, which a host may not give). */
int cr_rlimits(struct sbx_ctx *c)
{
	uint64_t z[2] = {0, 0}; /* the kernel's struct rlimit64 */

	if (!sets(c->s, RLIMIT_CORE) &&
	    syscall(SYS_prlimit64, 0, RLIMIT_CORE, z, 0) < 0)
		return -errno;
	for (unsigned i = 0; i < c->s->nrlimits; i++) {
		const struct svc_rlimit *l = &c->s->rlimits[i];
		/* UINT64_MAX is also the kernel's RLIM64_INFINITY */
		uint64_t r[2] = {l->soft, l->hard};

		if (syscall(SYS_prlimit64, 0, l->resource, r, 0) < 0)
			return c->what = "setrlimit", -errno;
	}
	return 0;
}

/* uid 0 (`user root`): corral's own setresuid changes no uid, so it
 * needs no NO_SETUID_FIXUP, and the service gets the classic rules a
 * daemon dropping its privileges expects (dnsmasq -u, chronyd -u):
 * setuid away from 0 clears its caps unless it set KEEP_CAPS first,
 * which stays unlocked. It still cannot hold more than the kept caps:
 * they bound every set, NOROOT stays locked and no_new_privs holds. */
static int securebits(uint64_t keep, uint32_t uid)
{
	unsigned long b = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
			  SECBIT_NO_SETUID_FIXUP_LOCKED;

	if (uid)
		b |= SECBIT_NO_SETUID_FIXUP | SECBIT_KEEP_CAPS_LOCKED;
	if (!keep) /* nothing to raise: lock ambient raising too */
		b |= SECBIT_NO_CAP_AMBIENT_RAISE |
		     SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
	return prctl(PR_SET_SECUREBITS, b, 0, 0, 0) < 0 ? -errno : 0;
}

/* Drop from the bounding set every cap not kept, up to the kernel's
 * last one (EINVAL past it). Each drop makes and commits new creds, so
 * caps already gone (cr_bounding ran in the reaper-to-be) are only
 * read. */
static int bounding(uint64_t keep)
{
	for (unsigned i = 0; i < 64; i++) {
		int r = prctl(PR_CAPBSET_READ, i, 0, 0, 0);

		if (r < 0)
			return errno == EINVAL && i > 0 ? 0 : -errno;
		if (r && !(keep >> i & 1) &&
		    prctl(PR_CAPBSET_DROP, i, 0, 0, 0) < 0)
			return -errno;
	}
	return 0;
}

int cr_bounding(struct sbx_ctx *c)
{
	return bounding(c->s->caps);
}

/* Read a small /proc/self file and, where it starts with `bad`, write
 * `val` instead. A file this kernel lacks (ENOENT) is left alone. */
static int proc_fix(const char *path, const char *bad, const char *val)
{
	char b[16] = "";
	int fd = open(path, O_RDWR | O_CLOEXEC), r = 0;

	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	if (read(fd, b, sizeof(b) - 1) < 0 ||
	    (!strncmp(b, bad, strlen(bad)) &&
	     pwrite(fd, val, strlen(val), 0) < 0))
		r = -errno;
	close(fd);
	return r;
}

/* What the caller passes on that a service must not keep: a negative
 * nice or a real-time policy (PID 1's, a privileged shell's: regained
 * only with CAP_SYS_NICE), a negative oom_score_adj (the OOM killer
 * would spare the service), and an unset audit loginuid, which the
 * service could set once, to 0, with no capability: set it to the
 * service's own uid. bwrap and crun leave all four as they are. */
int cr_inherit(struct sbx_ctx *c)
{
	struct sched_param none = {0};
	struct ln u = {0};
	long p = syscall(SYS_sched_getscheduler, 0);

	if (p < 0)
		return c->what = "sched_getscheduler", -errno;
	c->what = "scheduling policy";
	if ((p & ~SCHED_RESET_ON_FORK) != SCHED_OTHER &&
	    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &none) < 0)
		return -errno;
	c->what = "nice";
	if (getpriority(PRIO_PROCESS, 0) < 0 &&
	    setpriority(PRIO_PROCESS, 0, 0) < 0)
		return -errno;
	c->what = "oom_score_adj";
	if (proc_fix("/proc/self/oom_score_adj", "-", "0") < 0)
		return -errno;
	ln_u64(&u, c->s->uid == SVC_NO_ID ? NOBODY : c->s->uid);
	u.buf[u.len] = 0;
	c->what = "loginuid";
	return proc_fix("/proc/self/loginuid", "4294967295", u.buf);
}

/* groups, gid, uid: the table's, or 65534 (nobody) where it has none. */
static int set_ids(const struct svc *s, const char **what)
{
	uid_t u = s->uid == SVC_NO_ID ? NOBODY : s->uid;
	gid_t g = s->gid == SVC_NO_ID ? NOBODY : s->gid;
	gid_t grp[SVC_MAX_GROUPS];
	unsigned n = s->ngroups < SVC_MAX_GROUPS ? s->ngroups : SVC_MAX_GROUPS;

	for (unsigned i = 0; i < n; i++)
		grp[i] = s->groups[i];
	*what = "setgroups";
	if (syscall(SYS_SETGROUPS, n, grp) < 0)
		return -errno;
	*what = "setresgid";
	if (syscall(SYS_SETRESGID, g, g, g) < 0)
		return -errno;
	*what = "setresuid";
	return syscall(SYS_SETRESUID, u, u, u) < 0 ? -errno : 0;
}

int cr_ids(struct sbx_ctx *c)
{
	int r;

	c->what = "securebits";
	if (securebits(c->s->caps, c->s->uid) < 0)
		return -errno;
	if ((r = set_ids(c->s, &c->what)) < 0)
		return r;
	/* The id change cleared the parent death signal; without a PID
	 * namespace the caller is our parent: die with it still. */
	c->what = "parent death signal";
	if (!(c->s->ns & NS_PID) && prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		return -errno;
	return 0;
}

/* Effective and permitted exactly keep; inheritable too when inh (the
 * service's ambient caps need it), else none. */
static int capset_to(uint64_t keep, int inh)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];

	for (int i = 0; i < 2; i++) {
		uint32_t w = (uint32_t)(keep >> (32 * i));

		d[i].effective = d[i].permitted = w;
		d[i].inheritable = inh ? w : 0;
	}
	return syscall(SYS_capset, &h, d) < 0 ? -errno : 0;
}

int cr_caps(struct sbx_ctx *c)
{
	uint64_t keep = c->s->caps;

	c->what = "capset";
	if (capset_to(keep, 1) < 0)
		return -errno;
	c->what = "ambient caps";
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		return -errno;
	for (unsigned i = 0; i < 64; i++)
		if ((keep >> i & 1) &&
		    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, i, 0, 0) < 0)
			return -errno;
	return 0;
}

int cr_nnp(struct sbx_ctx *c)
{
	(void)c;
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ? -errno : 0;
}

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* close_range (5.9+; its CLOEXEC flag 5.11+); before that, one close
 * or fcntl per possible fd. Marking rather than closing keeps the
 * report pipe usable until the exec itself. */
int cr_fd_range(unsigned lo, unsigned hi, unsigned flags)
{
	struct rlimit r;

	if (lo > hi)
		return 0;
	if (!syscall(SYS_close_range, lo, hi, flags))
		return 0;
	if (errno != ENOSYS && errno != EINVAL)
		return -errno;
	if (getrlimit(RLIMIT_NOFILE, &r) < 0)
		return -errno;
	for (unsigned fd = lo; fd <= hi && fd < r.rlim_cur; fd++)
		if (flags) /* EBADF: not open */
			sys_fcntl((int)fd, F_SETFD, FD_CLOEXEC);
		else
			close((int)fd);
	return 0;
}

/* Move src to a free fd >= 10 (close-on-exec), opening /dev/null for
 * -1, so the dup2s below never clobber a source still to be moved. */
static int park(int src)
{
	int fd = src < 0 ? open("/dev/null", O_RDWR | O_CLOEXEC)
			 : sys_fcntl(src, F_DUPFD_CLOEXEC, 10);

	if (fd < 0)
		return -errno;
	if (src < 0 && fd < 10) {
		int hi = sys_fcntl(fd, F_DUPFD_CLOEXEC, 10);

		close(fd);
		fd = hi < 0 ? -errno : hi;
	}
	return fd;
}

/* 0-2 from stdio, the ready fd at its configured number, every other
 * fd close-on-exec. */
int cr_fds(struct sbx_ctx *c)
{
	int t[4], rfd = c->ready_fd >= 0 ? c->s->ready_fd : -1;

	if (rfd >= 0 && rfd < 3)
		return c->what = "ready fd", -EINVAL;
	for (int i = 0; i < 4; i++) {
		if (i == 3 && rfd < 0)
			break;
		if ((t[i] = park(i < 3 ? c->stdio[i] : c->ready_fd)) < 0)
			return t[i];
	}
	for (int i = 0; i < 4; i++) {
		if (i == 3 && rfd < 0)
			break;
		if (dup2(t[i], i < 3 ? i : rfd) < 0)
			return -errno;
	}
	if (rfd < 0)
		return cr_fd_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
	return cr_fd_range(3, (unsigned)rfd - 1, CLOSE_RANGE_CLOEXEC)
		       ?: cr_fd_range((unsigned)rfd + 1, ~0U,
				      CLOSE_RANGE_CLOEXEC);
}

/* No controlling terminal: the service cannot TIOCSTI into ours. */
int cr_session(struct sbx_ctx *c)
{
	(void)c;
	return setsid() < 0 ? -errno : 0;
}

/* The reaper: the service's own ids (so it may pass signals on: without
 * CAP_KILL, kill(2) needs matching uids) but no capability in any set
 * (but one: a service that keeps setuid may change its uid, as daemons
 * dropping root do, and then only CAP_KILL reaches it; within the
 * namespace the reaper is init of, that is no more than what setuid
 * gives the service itself; its bounding set is empty all the same),
 * undumpable (not ptrace-able; /proc/1/{mem,environ,fd} stay shut even
 * to a uid-0 service), no new privileges and a seccomp filter: the
 * service's own (installed before the clone, so both share it), or with
 * `seccomp none` one that allows only what its loop calls. It can do
 * nothing the service could not do itself. Runs before the service may
 * exec. */
int cr_reaper(const struct svc *s)
{
	const char *what;
	/* cr_bounding left only the kept caps there */
	int r = s->caps ? bounding(0) : 0;

	if (r >= 0)
		r = securebits(0, s->uid);
	if (r >= 0)
		r = set_ids(s, &what);
	/* the id change cleared it: dying with the caller still holds */
	if (r >= 0 && prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		r = -errno;
	if (r >= 0)
		r = capset_to((s->caps >> CAP_SETUID & 1) << CAP_KILL, 0);
	/* after setresuid, which would reset it to the sysctl's value */
	if (r >= 0 && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		r = -errno;
	if (r >= 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		r = -errno;
	/* with `seccomp none`, a filter of its own (else the service's) */
	return r < 0 || s->seccomp == SECCOMP_DEFAULT ? r : sc_reaper();
}
