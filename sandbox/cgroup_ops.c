/* Operations on a created service cgroup (see cgroup.h): attaching,
 * OOM and memory accounting, killing, removing. PID 1 calls these from
 * its supervision loop, so nothing here allocates and every wait is
 * bounded.
 */
#include "sandbox/cgroup.h"
#include "out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int cg_write(int dfd, const char *file, const char *val)
{
	int fd = openat(dfd, file, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	int r = write_all(fd, val, strlen(val));
	close(fd);
	return r;
}

int cg_read(int dfd, const char *file, char *buf, size_t n)
{
	int fd = openat(dfd, file, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	ssize_t got = read(fd, buf, n - 1);
	int err = errno;
	close(fd);
	if (got < 0)
		return -err;
	buf[got] = 0;
	return (int)got;
}

void cg_init(struct cg *cg)
{
	for (unsigned i = 0; i < CG_NSLOT; i++)
		cg->fd[i] = cg->procs_fd[i] = -1;
	cg->v2 = 0;
	cg->name[0] = 0;
}

/* ---- using it ---- */

int cg_into_fd(const struct cg *cg)
{
	return cg->v2 ? cg->fd[CG_V2] : -1;
}

/* "0" names the writer. Through v1's `tasks` (one thread: all of a
 * single-threaded child) the kernel, since 6.0, moves the caller without
 * taking the global cgroup_threadgroup_rwsem for writing, whose RCU
 * grace period costs a move by pid through cgroup.procs up to 14 ms.
 * v2 offers that only inside a threaded subtree, so v2 is joined through
 * cgroup.procs, and only when clone3 could not place the child there. */
int cg_join(const struct cg *cg, int v2)
{
	for (unsigned i = 0; i < CG_NSLOT; i++) {
		int r = 0;

		if (cg->fd[i] >= 0 && i != CG_V2)
			r = cg_write(cg->fd[i], "tasks", "0");
		else if (cg->fd[i] >= 0 && v2)
			r = cg_write(cg->fd[i], "cgroup.procs", "0");
		if (r)
			return r;
	}
	return 0;
}

/* The directory holding memory.*: v1's, else v2's, else -1. */
static int mem_dir(const struct cg *cg)
{
	if (cg->fd[CG_MEMORY] >= 0)
		return cg->fd[CG_MEMORY];
	return cg->v2 ? cg->fd[CG_V2] : -1;
}

static uint64_t parse_u64(const char *p)
{
	uint64_t v = 0;

	while (*p >= '0' && *p <= '9')
		v = v * 10 + (uint64_t)(*p++ - '0');
	return v;
}

/* 1 if name is run-PID and no process has PID: a `corral run` that was
 * SIGKILLed, so it never removed its cgroups. A live PID is another
 * run's (or a reused pid: kept until it dies too). */
static int stale_run(const char *name)
{
	const char *p = name + 4;
	uint64_t pid;

	if (strncmp(name, "run-", 4) || strspn(p, "0123456789") != strlen(p))
		return 0;
	pid = parse_u64(p); /* above any pid_max: not ours */
	return pid && pid <= 1u << 22 && kill((pid_t)pid, 0) < 0 &&
	       errno == ESRCH;
}

void cg_sweep_runs(int mid)
{
	char buf[2048];
	long n;

	/* getdents64 on a stack buffer: opendir would allocate. */
	while ((n = syscall(SYS_getdents64, mid, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n;) {
			struct dirent *d = (struct dirent *)(buf + off);

			/* EBUSY (a process still in it): left alone */
			if (stale_run(d->d_name))
				(void)unlinkat(mid, d->d_name, AT_REMOVEDIR);
			off += d->d_reclen;
		}
}

/* The number after "key " on a line of a flat-keyed file; 0 if none. */
static uint64_t key_u64(int dfd, const char *file, const char *key)
{
	char buf[1024];
	size_t n = strlen(key);

	if (dfd < 0 || cg_read(dfd, file, buf, sizeof(buf)) < 0)
		return 0;
	for (char *p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (!strncmp(p, key, n) && p[n] == ' ')
			return parse_u64(p + n + 1);
	return 0;
}

int cg_oom_killed(const struct cg *cg)
{
	int dfd = mem_dir(cg);

	if (dfd == cg->fd[CG_MEMORY])
		return key_u64(dfd, "memory.oom_control", "oom_kill") > 0;
	return key_u64(dfd, "memory.events", "oom_kill") > 0;
}

uint64_t cg_memory(const struct cg *cg)
{
	int dfd = mem_dir(cg);
	char buf[32];
	const char *file = dfd == cg->fd[CG_MEMORY] ? "memory.usage_in_bytes"
						    : "memory.current";

	if (dfd < 0 || cg_read(dfd, file, buf, sizeof(buf)) <= 0)
		return 0;
	return parse_u64(buf);
}

/* SIGKILL every pid listed in dfd's cgroup.procs. How many were listed
 * (dead ones included, so the caller looks again), or -errno. There is
 * a window between reading a pid and killing it in which it could exit
 * and be reused; v2's cgroup.kill has none, v1 cannot avoid it. */
static int kill_listed(int dfd)
{
	char buf[512];
	int fd = openat(dfd, "cgroup.procs", O_RDONLY | O_CLOEXEC), n = 0;
	ssize_t got;
	long pid = 0;

	if (fd < 0)
		return -errno;
	while ((got = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < got; i++) {
			if (buf[i] >= '0' && buf[i] <= '9') {
				pid = pid * 10 + (buf[i] - '0');
				continue;
			}
			if (pid > 0 && ++n)
				kill((pid_t)pid, SIGKILL);
			pid = 0;
		}
	int err = errno;
	close(fd);
	return got < 0 ? -err : n;
}

#define KILL_ROUNDS 50 /* 1 ms apart: a forking service cannot outrun it */

int cg_kill(const struct cg *cg)
{
	const struct timespec ms = {0, 1000000};
	int dfd = cg->v2 ? cg->fd[CG_V2] : -1, n;

	for (unsigned i = CG_MEMORY; i < CG_NSLOT && dfd < 0; i++)
		dfd = cg->fd[i];
	if (dfd < 0)
		return -ENOENT;
	if (cg->v2 && (n = cg_write(dfd, "cgroup.kill", "1")) != -ENOENT)
		return n; /* kernel >= 5.14: atomic, forks included */
	for (unsigned round = 0; round < KILL_ROUNDS; round++) {
		if ((n = kill_listed(dfd)) <= 0)
			return n;
		nanosleep(&ms, 0);
	}
	return -EBUSY;
}

/* 1 ms apart, shared by all hierarchies. A service that forked dozens
 * of processes (a fork bomb held at its pids cap) holds its cgroups for
 * tens of ms after cg_kill on a busy machine, and a leaf left behind
 * waits for the service's next start: 200 tries, a pause in PID 1 only
 * for such a service. */
#define RMDIR_TRIES 200

/* rmdir corral/NAME through the directory's own fd (no path from the
 * root). Just after cg_kill the dying tasks may still hold it for a
 * moment: EBUSY is retried within the budget *tries. */
static int rm_leaf(int dfd, const char *path, unsigned *tries)
{
	const struct timespec ms = {0, 1000000};

	while (unlinkat(dfd, path, AT_REMOVEDIR) < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno != EBUSY || !*tries)
			return -errno;
		--*tries;
		nanosleep(&ms, 0);
	}
	return 0;
}

int cg_destroy(struct cg *cg)
{
	char path[sizeof(cg->name)] = "../";
	unsigned tries = RMDIR_TRIES;
	int r = 0, e;

	/* cg->name is "corral/LEAF" whenever a slot is in use. */
	memcpy(path + 3, cg->name + 7, sizeof(path) - 3 - 7);
	path[sizeof(path) - 1] = 0;
	for (unsigned i = 0; i < CG_NSLOT; i++) {
		if (cg->procs_fd[i] >= 0)
			close(cg->procs_fd[i]);
		cg->procs_fd[i] = -1;
		if (cg->fd[i] < 0)
			continue;
		if ((e = rm_leaf(cg->fd[i], path, &tries))) {
			r = r ? r : e;
			continue; /* still busy: keep the fd to retry */
		}
		close(cg->fd[i]);
		cg->fd[i] = -1;
	}
	cg->v2 = cg->fd[CG_V2] >= 0;
	return r;
}
