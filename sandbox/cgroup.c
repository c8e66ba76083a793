/* A service's cgroups (see cgroup.h).
 *
 * One table row per controller says when the service needs it and how
 * its caps are written through v2 and through v1. cg_create picks, per
 * controller, the v2 hierarchy when it lists the controller in
 * cgroup.controllers, else the controller's own v1 hierarchy; a cap that
 * has neither fails closed. Everything is done with *at() calls on
 * directory fds: no path building, no allocation, a launch costs a few
 * dozen syscalls.
 */
#include "sandbox/cgroup.h"
#include "config.h"
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#define CG_ROOT   "/sys/fs/cgroup"
#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_CLOEXEC)

/* Write a cgroup file, naming it as the step first so a failure says
 * which cap could not be set. FILE must be a string literal. */
#define W(dfd, file, val) (*step = "cgroup " file, cg_write(dfd, file, val))
#define WU(dfd, file, v)  (*step = "cgroup " file, cg_write_u64(dfd, file, v))

static int cg_write_u64(int dfd, const char *file, uint64_t v)
{
	struct ln l = {0};

	ln_u64(&l, v);
	l.buf[l.len] = 0;
	return cg_write(dfd, file, l.buf);
}

/* v1 cpuset: a new cgroup has empty cpus and mems, and no task can join
 * it until both are set: copy them from the parent. */
static int cpuset_inherit(int dfd, const char *file, const char **step)
{
	char parent[32] = "../", val[256];
	int r;

	*step = "cgroup cpuset inherit";
	memcpy(parent + 3, file, strlen(file) + 1);
	if ((r = cg_read(dfd, parent, val, sizeof(val))) < 0)
		return r;
	return r <= 1 ? -ENOSPC : cg_write(dfd, file, val); /* "\n": none */
}

/* ---- the caps, one writer per controller and hierarchy version ---- */

static int mem_v2(int dfd, const struct svc *s, const char **step)
{
	int r;

	if (!s->memory)
		return 0;
	if ((r = WU(dfd, "memory.max", s->memory)))
		return r;
	/* The cap counts swap too; the file is absent without swap. */
	r = WU(dfd, "memory.swap.max", 0);
	return r == -ENOENT ? 0 : r;
}

static int mem_v1(int dfd, const struct svc *s, const char **step)
{
	int r;

	if (!s->memory)
		return 0;
	if ((r = WU(dfd, "memory.limit_in_bytes", s->memory)))
		return r;
	/* memsw (memory + swap) must be set after, never below, the limit;
	 * absent when the kernel does no swap accounting. */
	r = WU(dfd, "memory.memsw.limit_in_bytes", s->memory);
	return r == -ENOENT ? 0 : r;
}

static int pids_any(int dfd, const struct svc *s, const char **step)
{
	return s->pids ? WU(dfd, "pids.max", s->pids) : 0;
}

static int cpuset_v2(int dfd, const struct svc *s, const char **step)
{
	return s->cpus ? W(dfd, "cpuset.cpus", s->cpus) : 0;
}

static int cpuset_v1(int dfd, const struct svc *s, const char **step)
{
	int r = cpuset_inherit(dfd, "cpuset.mems", step);

	if (r)
		return r;
	if (!s->cpus)
		return cpuset_inherit(dfd, "cpuset.cpus", step);
	return W(dfd, "cpuset.cpus", s->cpus);
}

#define CPU_PERIOD_US 100000 /* the kernel's default CFS period */

static int cpu_v2(int dfd, const struct svc *s, const char **step)
{
	struct ln l = {0};

	if (!s->cpu_pct)
		return 0;
	ln_u64(&l, (uint64_t)s->cpu_pct * (CPU_PERIOD_US / 100));
	ln_str(&l, " 100000");
	l.buf[l.len] = 0;
	return W(dfd, "cpu.max", l.buf);
}

static int cpu_v1(int dfd, const struct svc *s, const char **step)
{
	if (!s->cpu_pct)
		return 0;
	/* A new cgroup has the default period, so the quota alone is
	 * enough: percent of one CPU in microseconds per period. */
	return WU(dfd, "cpu.cfs_quota_us",
		  (uint64_t)s->cpu_pct * (CPU_PERIOD_US / 100));
}

/* Whether the service asks for a cap of controller i. The default pids
 * cap is applied when possible but is not a request: a kernel without
 * the pids controller still runs services that kept the default. */
static int needs(const struct svc *s, unsigned i)
{
	const int need[CG_NSLOT] = {
		[CG_MEMORY] = s->memory != 0,
		[CG_PIDS] = s->pids != 0 && s->pids != SVC_PIDS_DEFAULT,
		[CG_CPUSET] = s->cpus != 0,
		[CG_CPU] = s->cpu_pct != 0,
	};

	return need[i];
}

typedef int cap_fn(int dfd, const struct svc *s, const char **step);

static const struct ctl {
	const char *name, *v1path, *nocap;
	int always; /* used without a cap: memory for accounting, pids 256 */
	cap_fn *v2, *v1;
} ctls[CG_NSLOT] = {
	[CG_MEMORY] = {"memory", CG_ROOT "/memory",
		       "cgroup memory: no controller", 1, mem_v2, mem_v1},
	[CG_PIDS] = {"pids", CG_ROOT "/pids", "cgroup pids: no controller", 1,
		     pids_any, pids_any},
	[CG_CPUSET] = {"cpuset", CG_ROOT "/cpuset",
		       "cgroup cpuset: no controller", 0, cpuset_v2, cpuset_v1},
	[CG_CPU] = {"cpu", CG_ROOT "/cpu", "cgroup cpu: no controller", 0,
		    cpu_v2, cpu_v1},
};

/* ---- finding the hierarchies ---- */

/* The directory at path if it is a filesystem of type magic, else
 * -errno (-ENOENT for another filesystem). */
static int open_fs(const char *path, long magic)
{
	struct statfs st;
	int fd = open(path, DIR_FLAGS);

	if (fd < 0)
		return -errno;
	if (fstatfs(fd, &st) == 0 && (long)st.f_type == magic)
		return fd;
	close(fd);
	return -ENOENT;
}

/* Bit i set: ctls[i] is listed in dfd's file (cgroup.controllers: offered
 * there; cgroup.subtree_control: enabled for its children). */
static unsigned v2_controllers(int dfd, const char *file)
{
	char buf[256];
	unsigned mask = 0;

	if (cg_read(dfd, file, buf, sizeof(buf)) < 0)
		return 0;
	/* Words cut in place; strtok_r would cost more than this loop. */
	for (char *w = buf, *e; *w; w = e) {
		e = w + strcspn(w, " \n");
		if (*e)
			*e++ = 0;
		for (unsigned i = CG_MEMORY; i < CG_NSLOT; i++)
			if (!strcmp(w, ctls[i].name))
				mask |= 1u << i;
	}
	return mask;
}

/* Which hierarchy serves each controller the service uses. */
struct plan {
	int v2root;           /* -1: no v2 hierarchy */
	unsigned v2mask;      /* controllers used through v2 */
	int v1root[CG_NSLOT]; /* -1: controller not used through v1 */
};

static int plan_one(struct plan *p, const struct svc *s, unsigned avail,
		    unsigned i, const char **step)
{
	const struct ctl *c = &ctls[i];
	int fd;

	if (!needs(s, i) && !c->always)
		return 0;
	if (avail & (1u << i)) {
		p->v2mask |= 1u << i;
		return 0;
	}
	fd = CFG_CGROUP_V1 ? open_fs(c->v1path, CGROUP_SUPER_MAGIC) : -ENOENT;
	if (fd >= 0) {
		p->v1root[i] = fd;
		return 0;
	}
	if (!needs(s, i))
		return 0; /* accounting only: do without */
	*step = c->nocap;
	return -EOPNOTSUPP;
}

static void plan_free(struct plan *p)
{
	for (unsigned i = 0; i < CG_NSLOT; i++)
		if (p->v1root[i] >= 0)
			close(p->v1root[i]);
	if (p->v2root >= 0)
		close(p->v2root);
}

static int plan_make(struct plan *p, const struct svc *s, const char **step)
{
	unsigned avail = 0;
	int r;

	for (unsigned i = 0; i < CG_NSLOT; i++)
		p->v1root[i] = -1;
	p->v2mask = 0;
	p->v2root = open_fs(CG_ROOT, CGROUP2_SUPER_MAGIC);
	if (p->v2root < 0)
		p->v2root = open_fs(CG_ROOT "/unified", CGROUP2_SUPER_MAGIC);
	if (p->v2root >= 0)
		avail = v2_controllers(p->v2root, "cgroup.controllers");
	for (unsigned i = CG_MEMORY; i < CG_NSLOT; i++)
		if ((r = plan_one(p, s, avail, i, step)) < 0)
			return r;
	return 0;
}

/* ---- creating corral/NAME ---- */

/* v2: let corral/ and its children use the controllers in mask. Only
 * when some are not enabled yet: a write, even one that changes
 * nothing, first waits for the subtree's dying cgroups to be released
 * (cgroup_lock_and_drain_offline), an RCU grace period or more after a
 * service's cgroup was removed, as on every restart. */
static int v2_enable(int dfd, unsigned mask, const char **step)
{
	struct ln l = {0};

	mask &= ~v2_controllers(dfd, "cgroup.subtree_control");
	for (unsigned i = CG_MEMORY; i < CG_NSLOT; i++)
		if (mask & (1u << i)) {
			ln_str(&l, l.len ? " +" : "+");
			ln_str(&l, ctls[i].name);
		}
	l.buf[l.len] = 0;
	return l.len ? W(dfd, "cgroup.subtree_control", l.buf) : 0;
}

/* Prepare corral/ below a hierarchy's root. Its fd or -errno. */
static int mk_mid(int root, int slot, unsigned v2mask, const char **step)
{
	int mid, r = 0;

	*step = "cgroup mkdir corral";
	if (mkdirat(root, "corral", 0755) < 0 && errno != EEXIST)
		return -errno;
	if ((mid = openat(root, "corral", DIR_FLAGS)) < 0)
		return -errno;
	if (slot == CG_V2 && !(r = v2_enable(root, v2mask, step)))
		r = v2_enable(mid, v2mask, step);
	if (slot == CG_CPUSET &&
	    !(r = cpuset_inherit(mid, "cpuset.mems", step)))
		r = cpuset_inherit(mid, "cpuset.cpus", step);
	if (r) {
		close(mid);
		return r;
	}
	return mid;
}

/* mkdir corral/NAME in one hierarchy and open it and its cgroup.procs
 * into cg's slot. A directory left by an instance whose cg_destroy
 * failed is replaced, so no old cap or OOM count carries over. */
static int mk_leaf(int root, int slot, unsigned v2mask, struct cg *cg,
		   const char **step)
{
	const char *leaf = cg->name + sizeof("corral/") - 1;
	int mid = mk_mid(root, slot, v2mask, step), r = 0;

	if (mid < 0)
		return mid;
	if (!strncmp(leaf, "run-", 4))
		cg_sweep_runs(mid);
	*step = "cgroup mkdir";
	if (mkdirat(mid, leaf, 0755) < 0 &&
	    (errno != EEXIST || unlinkat(mid, leaf, AT_REMOVEDIR) < 0 ||
	     mkdirat(mid, leaf, 0755) < 0))
		r = -errno;
	if (!r && (cg->fd[slot] = openat(mid, leaf, DIR_FLAGS)) < 0)
		r = -errno;
	*step = "cgroup open cgroup.procs";
	if (!r && (cg->procs_fd[slot] = openat(cg->fd[slot], "cgroup.procs",
					       O_WRONLY | O_CLOEXEC)) < 0)
		r = -errno;
	close(mid);
	return r;
}

static int make_v2(const struct plan *p, const struct svc *s, struct cg *cg,
		   const char **step)
{
	int r = mk_leaf(p->v2root, CG_V2, p->v2mask, cg, step);

	cg->v2 = cg->fd[CG_V2] >= 0;
	for (unsigned i = CG_MEMORY; i < CG_NSLOT && !r; i++)
		if (p->v2mask & (1u << i))
			r = ctls[i].v2(cg->fd[CG_V2], s, step);
	return r;
}

static int make_v1(const struct plan *p, const struct svc *s, struct cg *cg,
		   unsigned i, const char **step)
{
	int r = mk_leaf(p->v1root[i], (int)i, 0, cg, step);

	return r ? r : ctls[i].v1(cg->fd[i], s, step);
}

static int set_name(struct cg *cg, const char *leaf, const char **step)
{
	size_t n = leaf ? strlen(leaf) : 0;

	*step = "cgroup name";
	if (!n || strchr(leaf, '/') || !strcmp(leaf, ".") ||
	    !strcmp(leaf, ".."))
		return -EINVAL;
	if (n >= sizeof(cg->name) - (sizeof("corral/") - 1))
		return -ENAMETOOLONG;
	memcpy(cg->name, "corral/", sizeof("corral/") - 1);
	memcpy(cg->name + sizeof("corral/") - 1, leaf, n + 1);
	return 0;
}

/* On a hybrid host the unified hierarchy offers none of the controllers
 * the service uses; a cgroup there would only group its processes,
 * which its PID namespace already does (and the reaper's death kills
 * them all at once, as cgroup.kill would). Not made: a mkdir and an
 * rmdir fewer per start, a tenth of a millisecond here. */
static int v2_redundant(const struct plan *p, const struct svc *s)
{
	unsigned v1 = 0;

	for (unsigned i = CG_MEMORY; i < CG_NSLOT; i++)
		v1 |= p->v1root[i] >= 0;
	return v1 && !p->v2mask && (s->ns & NS_PID);
}

int cg_create_part(const struct svc *s, const char *name, struct cg *cg,
		   const char **step, unsigned part)
{
	struct plan p;
	int r;

	if (part & CG_PART_V2) {
		cg_init(cg);
		if ((r = set_name(cg, name ? name : s->name, step)))
			return r;
	}
	r = plan_make(&p, s, step);
	if (!r && p.v2root >= 0 && (part & CG_PART_V2) && !v2_redundant(&p, s))
		r = make_v2(&p, s, cg, step);
	for (unsigned i = CG_MEMORY; i < CG_NSLOT && !r; i++)
		if (p.v1root[i] >= 0 && (part & CG_PART_V1))
			r = make_v1(&p, s, cg, i, step);
	plan_free(&p);
	if (r && (part & CG_PART_V2))
		cg_destroy(cg);
	return r;
}
