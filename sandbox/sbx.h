/* Internals of the sandbox, shared by its files; callers use sandbox.h.
 *
 * Which side of clone each file of sandbox/ runs on:
 *
 *   caller (PID 1 or corral run, before and after clone)
 *     spawn.c        cgroups made, clone, release, the child's report
 *     cgroup.c       cgroup planning and creation (v1, v2, hybrid)
 *     cgroup_ops.c   reading and killing a service's cgroups
 *     net.c          veth pairs and lo over rtnetlink (also the child)
 *   child (between clone and exec; fails closed, reports on a pipe)
 *     child.c        the two tables of steps and the exec
 *     fs.c, mount.c  what the root looks like; how to mount safely
 *     creds.c        rlimits, inherited state, ids, caps, fds
 *     seccomp.c      the filters (seccomp_rules.h: the deny-list)
 *     reaper.c       PID 1 of the service's PID namespace
 *   CLI (corral run only)
 *     run.c, runopt.c, runval.c, runuser.c
 *
 * The child runs two tables of steps (sandbox/child.c): the system part
 * (namespaces, mounts, hostname, lo) as the future reaper, then the
 * service part (rlimits, ids, caps, fds, seccomp) in the process that
 * execs. Every step returns 0 or -errno and may name itself more
 * precisely in c->what ("mount /data"); the driver turns a failure into
 * one report on the pipe and exit status 125.
 */
#ifndef CORRAL_SBX_H
#define CORRAL_SBX_H

#include "sandbox/cgroup.h"
#include "svc.h"

#include <stdint.h>
#include <sys/types.h>

/* One report on the close-on-exec pipe: written whole (far below
 * PIPE_BUF, so atomic) by the child, read whole by sbx_report(). */
struct sbx_msg {
	int32_t code; /* 125, 126 or 127 */
	int32_t err;  /* errno of the failing call */
	char what[96];
};

struct sbx_ctx {
	const struct svc *s;
	int errfd;          /* write end of the report pipe (close-on-exec) */
	int syncfd;         /* our end of the release socket, or -1 */
	int stdio[3];       /* become 0-2; -1 = /dev/null */
	int ready_fd;       /* becomes s->ready_fd, or -1 */
	int sock[2];        /* bound at /dev/log, /dev/notify; -1 = none */
	struct cg *cg;      /* the service's cgroups, to join (cg_join) */
	int join_v2;        /* not born in the v2 cgroup: join it too */
	int unshare_cgroup; /* cgroup ns still to make (after the join) */
	int unshare_ns;     /* CLONE_NEW* still to make, first thing */
	int filtered;       /* the reaper installed the filter we inherit */
	const char *const *argv, *const *env; /* exec these if argv set */
	const char *what; /* set by a step to name what failed */
	char buf[80];     /* backing store for a composed c->what */
};

/* Run the child's steps; never returns (exec or _exit). */
_Noreturn void sbx_child(struct sbx_ctx *c);

/* Report "what: err_str(err)" with exit status code, then _exit. */
_Noreturn void sbx_fail(struct sbx_ctx *c, const char *what, int err, int code);

/* c->what = PREFIX + PATH in c->buf (for messages naming a path). */
const char *sbx_what(struct sbx_ctx *c, const char *prefix, const char *path);

/* sandbox/fs.c: the new root, /proc, /dev, /tmp, extra mounts,
 * pivot_root. Only called with NS_MOUNT. */
int fs_setup(struct sbx_ctx *c);
/* sandbox/mount.c: mounts at PATH beneath dir, through fs_open (no
 * symlink, no ".."), never lifting a host restriction. -errno. */
int mnt_at(int dir, const char *path, const char *src, const char *type,
	   unsigned long fl, const char *data);
int bind_at(int srcfd, int dir, const char *path, unsigned long fl);
int ro_at(int dir, const char *path);
int remount(const char *path, unsigned long fl);
/* Open PATH beneath dir one component at a time with O_PATH|O_NOFOLLOW:
 * any symlink or ".." fails (ELOOP / EXDEV), so nothing in a service's
 * subtree can redirect a mount outside it. Returns an fd or -errno. */
int fs_open(int dir, const char *path);
/* The same walk for a `state` directory (SPEC 8), making what is
 * missing: 0700 and chowned to u:g from byte `own` of path on (own
 * > 0), 0755 before. A symlink fails it as in fs_open (ELOOP), so
 * nothing is made or chowned through one a service planted. */
int fs_make(int dir, const char *path, size_t own, uint32_t u, uint32_t g);

/* sandbox/creds.c */
/* The bounding set down to the kept caps, once for the reaper and the
 * service both (they repeat it only as cheap reads). */
int cr_bounding(struct sbx_ctx *c);
int cr_rlimits(struct sbx_ctx *c);
int cr_inherit(struct sbx_ctx *c);
int cr_signals(struct sbx_ctx *c);
int cr_ids(struct sbx_ctx *c);
int cr_caps(struct sbx_ctx *c);
int cr_nnp(struct sbx_ctx *c);
int cr_fds(struct sbx_ctx *c);
int cr_session(struct sbx_ctx *c);
/* The reaper's identity: the service's ids, no capability, undumpable,
 * no_new_privs, sc_reaper's filter. */
int cr_reaper(const struct svc *s);
/* close_range(lo, hi, flags), or a loop where the kernel has none. */
int cr_fd_range(unsigned lo, unsigned hi, unsigned flags);

/* sandbox/seccomp.c: install the default deny-list filter; the
 * reaper's own allow-list (the few calls of its loop, all else kills). */
int sc_install(struct sbx_ctx *c);
int sc_reaper(void);

/* sandbox/child.c: the service's own steps (ids, caps, fds, seccomp...)
 * and its exec (126/127 on failure). */
void sbx_setup_service(struct sbx_ctx *c);
_Noreturn void sbx_exec(struct sbx_ctx *c);

/* sandbox/reaper.c: start the service and stay behind as PID 1 of its
 * PID namespace. */
_Noreturn void sbx_reaper_start(struct sbx_ctx *c);

#endif
