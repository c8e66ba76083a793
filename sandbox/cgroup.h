/* A service's cgroup: caps on memory, pids, CPUs and CPU time, OOM and
 * memory accounting, and killing the whole service (SPEC section 5).
 *
 * Each service gets `corral/NAME` (`corral run`: `corral/run-PID`) in
 * every hierarchy it needs. A controller is used through cgroup v2 when
 * the v2 hierarchy (/sys/fs/cgroup, or /sys/fs/cgroup/unified on a
 * hybrid host) offers it, else through its v1 hierarchy
 * (/sys/fs/cgroup/CONTROLLER) when CFG_CGROUP_V1. A cap that can be
 * enforced by neither fails cg_create with -EOPNOTSUPP: a service never
 * runs with weaker limits than its table says.
 *
 * Usage (sandbox/spawn.c, the parent; PID 1 or `corral run`):
 *
 *	cg_create_part(s, name, &cg, &step, CG_PART_V2)   before clone
 *	clone3(CLONE_INTO_CGROUP, cg_into_fd(&cg))        born in v2
 *	cg_create_part(s, name, &cg, &step, CG_PART_V1)   while the child
 *	                                                  builds its root
 *	the child: cg_join(&cg, !into)                    joins the v1 ones
 *	...
 *	cg_oom_killed(&cg); cg_kill(&cg); reap; cg_destroy(&cg);
 *
 * The sandbox makes the v2 directory before clone and is born in it
 * (cg_into_fd), makes the v1 ones while its child builds the root, and
 * the child joins those itself (cg_join), which skips the global lock a
 * move by pid takes. The child must attach before it unshares
 * CLONE_NEWCGROUP, so that the new cgroup namespace is rooted at the
 * service's cgroup.
 */
#ifndef CORRAL_CGROUP_H
#define CORRAL_CGROUP_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

/* Slots of struct cg's arrays: the v2 directory, then one per v1
 * controller hierarchy. */
enum { CG_V2, CG_MEMORY, CG_PIDS, CG_CPUSET, CG_CPU, CG_NSLOT };

struct cg {
	int fd[CG_NSLOT];       /* corral/NAME directory per slot; -1 unused */
	int v2;                 /* 1: fd[CG_V2] is in use */
	int procs_fd[CG_NSLOT]; /* its cgroup.procs, open for writing */
	char name[64];          /* "corral/NAME" */
};

/* Create the service's cgroups and write its caps, in two parts:
 * CG_PART_V2 sets the name up and makes the v2 directory; CG_PART_V1,
 * later, the v1 ones. name is the leaf ("web", "run-123"; NULL =
 * s->name). 0, or -errno with *step naming the failing step ("cgroup
 * memory.max"). A failing CG_PART_V2 leaves nothing behind; after a
 * failing CG_PART_V1 the caller calls cg_destroy (once no process is
 * left in the v2 directory). A cgroup left over from an earlier run is
 * removed first (-EBUSY if processes still live in it). */
enum { CG_PART_V2 = 1, CG_PART_V1 = 2 };
int cg_create_part(const struct svc *s, const char *name, struct cg *cg,
		   const char **step, unsigned part);

/* The v2 directory for clone3(CLONE_INTO_CGROUP) even when v1
 * hierarchies are used too (cg_join does those); -1 when no v2. */
int cg_into_fd(const struct cg *cg);

/* Called by a single-threaded child on itself: join every v1 hierarchy,
 * and v2 as well when v2 is set (not born in it). 0 or -errno. */
int cg_join(const struct cg *cg, int v2);

/* 1 if the kernel OOM killer killed a process in it, else 0. */
int cg_oom_killed(const struct cg *cg);

/* SIGKILL every process in it: v2 cgroup.kill when the kernel has it,
 * else rounds of reading cgroup.procs and killing until it reads empty.
 * 0, -EBUSY if processes survived every round (retry later), or -errno. */
int cg_kill(const struct cg *cg);

/* Memory charged to it in bytes, 0 when unknown. */
uint64_t cg_memory(const struct cg *cg);

/* Remove the directories and close the fds. A directory that is still
 * busy keeps its fds, so calling cg_destroy again later retries it.
 * 0 or the first -errno. */
int cg_destroy(struct cg *cg);

/* Remove the corral/run-PID cgroups below mid (a hierarchy's corral/)
 * whose `corral run` is dead: one killed by SIGKILL could not remove
 * its own. cg_create calls it for run-PID names; a busy one is left. */
void cg_sweep_runs(int mid);

/* Mark every slot unused, so cg_destroy on it is a no-op. */
void cg_init(struct cg *cg);

/* Shared by sandbox/cgroup*.c: one open-read/write-close of a cgroup
 * file below dfd. cg_read NUL-terminates and returns the length; both
 * return -errno on failure. */
int cg_read(int dfd, const char *file, char *buf, size_t n);
int cg_write(int dfd, const char *file, const char *val);

#endif
