/* The sandbox: what PID 1 and `corral run` call to start one service.
 *
 * sbx_spawn() runs in the caller (PID 1 or `corral run`): it makes the
 * service's cgroup, clones a child into every namespace the service asks
 * for, finishes the parent-side steps (v1 cgroups, veth) and releases
 * the child, which joins the cgroups itself. Everything else happens in that child between clone
 * and exec (sandbox/child.c) and fails closed: a failing step means the
 * command never runs, and the step's name and errno come back through a
 * close-on-exec pipe that sbx_report() reads.
 *
 * Both callers go through exactly this path, so `corral run` on a
 * developer's machine exercises the code PID 1 runs on the device.
 */
#ifndef CORRAL_SANDBOX_H
#define CORRAL_SANDBOX_H

#include "sandbox/cgroup.h"
#include "svc.h"

struct sbx_proc {
	int pid;      /* the child (the reaper when NS_PID is set) */
	int pidfd;    /* pidfd of that child, close-on-exec; -1 if none */
	int errfd;    /* read end of the close-on-exec report pipe */
	struct cg cg; /* the service's cgroup (sandbox/cgroup.h) */
	/* Added to the agreed API: on a parent-side failure (sbx_spawn
	 * returned -errno) the step that failed, e.g. "cgroup" or "clone",
	 * so the caller can log "STEP: strerror" like a child failure. */
	const char *step;
	/* In, from the caller: unbound datagram sockets the child binds
	 * in its /dev as log and notify (sandbox/fs.c), for the caller to
	 * read; -1 = none. */
	int sock[2];
	/* net dev: the service's network namespace, held open until its
	 * interface is back (net_dev_back, sandbox/net.h); else -1. */
	int netns;
};

/* Parent side: create cgroup, clone with the namespaces, set up veth,
 * release the child. stdio[0..2] become the child's 0-2 (-1 = /dev/null);
 * ready_fd >= 0 is passed through as s->ready_fd. Returns 0 or -errno
 * (parent-side failure, nothing was started; p->step names the step);
 * child-side failures arrive through errfd. */
int sbx_spawn(const struct svc *s, const int stdio[3], int ready_fd,
	      struct sbx_proc *p);

/* After the child exec'ed or failed: read the report. Returns 0 when exec
 * succeeded (EOF on the pipe), else -1 with msg filled ("STEP: strerror")
 * and *code set to 125, 126 or 127. Closes errfd. PID 1 polls errfd for
 * POLLIN/POLLHUP first so this read never blocks its loop. */
int sbx_report(struct sbx_proc *p, char *msg, unsigned msglen, int *code);

/* The caller's argv strings, [lo, hi): `corral run` sets them so the
 * reaper can blank its copy once the service exec'd, and /proc/1/cmdline
 * inside shows no host path or --env value. */
extern char *sbx_args[2];

/* Exit statuses shared by `corral run` and PID 1's log (SPEC 5). */
enum {
	SBX_EXIT_SETUP = 125,   /* the sandbox could not be set up */
	SBX_EXIT_NOEXEC = 126,  /* CMD is not executable */
	SBX_EXIT_NOTFOUND = 127 /* CMD was not found */
};

#endif
